import { createHash } from 'node:crypto';
import { z } from 'zod';
import { execFile } from '../../exec/exec-file';
import { combine } from '../../policy/risk';
import { environmentRisk } from './environment-risk';
import { filesRun, inspectRunFiles } from './run-files';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

export const shellExec = defineTool({
  name: 'shell.exec',
  description:
    'Run a command line non-interactively with bash in the workspace (or a folder inside it). Output is streamed and captured; ' +
    'a non-zero exit code fails the step. It cannot be undone. Prefer a specific tool where one exists.',
  input: z
    .object({
      command: z.string().min(1).max(100_000),
      cwd: z.string().min(1).optional().describe('Folder relative to the workspace; default: the workspace'),
      env: z.record(z.string(), z.string()).optional().describe('Extra environment variables'),
      timeoutMs: z.number().int().positive().max(24 * 3600 * 1000).optional(),
    })
    .strict(),
  output: z.object({ exitCode: z.number(), stdout: z.string(), stderr: z.string() }),
  shellText: ['command'],
  // A script, Makefile, package.json script or git config the command runs is read as it is now
  // (again right before the step runs, after earlier steps may have rewritten it).
  inspect: async ({ input, ctx }) => ({ files: await inspectRunFiles(filesRun(ctx.shell.commandsIn(input.command)), input.cwd, ctx.workspace, ctx.shell, ctx.plannedFiles) }),
  // The environment is part of what runs: a variable can make bash run other code than the command.
  risk: ({ input, ctx, facts }) =>
    combine([ctx.shell.analyze(input.command), ...(input.env && Object.keys(input.env).length ? [environmentRisk(input.env)] : []), ...(facts?.files ?? []).map((file) => file.risk)]),
  // An approval covers the files as they were when it was given.
  contentHash: (facts) => (facts?.files.length ? createHash('sha256').update(facts.files.map((file) => `${file.path}\0${file.sha256 ?? 'absent'}`).join('\0')).digest('hex') : null),
  target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
  preview: async ({ input }) => ({ kind: 'text', text: `${Object.entries(input.env ?? {}).map(([name, value]) => `${name}=${JSON.stringify(value)} `).join('')}$ ${input.command}${input.cwd ? `\n(in ${input.cwd})` : ''}\nThis cannot be undone by Reign.` }),
  run: async ({ input, ctx, signal, log }) => {
    let cwd = ctx.workspace;
    if (input.cwd) {
      try {
        cwd = input.cwd === '.' ? ctx.workspace : resolveInWorkspace(ctx.workspace, input.cwd);
      } catch (error) {
        return toolFailure('OUTSIDE_WORKSPACE', (error as Error).message);
      }
    }
    const result = await execFile('bash', ['-c', input.command], {
      cwd,
      env: { ...ctx.env, ...input.env },
      signal,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onStdout: (chunk) => log('stdout', chunk),
      onStderr: (chunk) => log('stderr', chunk),
    });
    if (result.ok) return { ok: true, output: { exitCode: 0, stdout: result.stdout, stderr: result.stderr } };
    const { kind, message, exitCode, stdout, stderr } = result.error;
    return toolFailure(kind === 'exit' ? 'EXIT_CODE' : kind.toUpperCase(), message, { exitCode, stdout, stderr });
  },
  idempotent: false,
  describeChange: (input) => `ran \`${input.command}\``,
});
