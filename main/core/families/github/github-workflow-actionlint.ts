import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { execFile } from '../../exec/exec-file';
import type { WorkflowProblem } from './github-workflow-problem';

/** How actionlint went: it ran (with what it found), or why it did not. */
export type ActionlintRun =
  | { readonly ran: true; readonly binary: string; readonly problems: readonly WorkflowProblem[] }
  | { readonly ran: false; readonly binary: string; readonly reason: string };

export interface ActionlintOptions {
  /** The program: a path, or a name looked up on PATH. Default `actionlint`. */
  readonly binary?: string;
  /**
   * Folder actionlint takes as the project (it reads `.github/actionlint.yaml` there: self-hosted
   * runner labels, config variables). Default: an empty folder, so no stray config applies.
   */
  readonly cwd?: string;
  /** The file's name in messages and for actionlint's path rules. Default `.github/workflows/workflow.yml`. */
  readonly filename?: string;
  /**
   * actionlint also runs shellcheck on `run:` scripts and pyflakes on Python ones when they are on
   * PATH. false turns both off, for results that do not depend on what else is installed.
   */
  readonly scriptLinters?: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

// `-format '{{json .}}'` prints the errors as one JSON array (`[]` when there are none).
const actionlintErrors = z.array(
  z.object({
    message: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    end_column: z.number().int().optional(),
    kind: z.string(),
  }),
);

let emptyProject: string | null = null;

/**
 * Runs actionlint on the text (through stdin, with an argument array: the workflow never touches
 * a shell or the workspace). Exit code 1 means "found problems"; 2 and 3 are actionlint failing.
 */
export async function runActionlint(text: string, options: ActionlintOptions = {}): Promise<ActionlintRun> {
  const binary = options.binary ?? 'actionlint';
  const args = ['-format', '{{json .}}', '-no-color', '-stdin-filename', options.filename ?? '.github/workflows/workflow.yml'];
  if (options.scriptLinters === false) args.push('-shellcheck=', '-pyflakes=');
  args.push('-');
  emptyProject ??= mkdtempSync(join(tmpdir(), 'reign-actionlint-'));
  // Only what it needs to find shellcheck and pyflakes: no token of the user's reaches it.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  const result = await execFile(binary, args, { cwd: options.cwd ?? emptyProject, env, input: text, timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal });
  if (!result.ok && result.error.kind === 'not-found') return { ran: false, binary, reason: `${binary} is not on PATH, so the workflow was not linted with actionlint (install it: go install github.com/rhysd/actionlint/cmd/actionlint@latest).` };
  const found = result.ok || result.error.exitCode === 1;
  if (!found) return { ran: false, binary, reason: `actionlint failed: ${result.ok ? '' : result.error.message}` };
  const stdout = result.ok ? result.stdout : result.error.stdout;
  let parsed: z.infer<typeof actionlintErrors>;
  try {
    parsed = actionlintErrors.parse(JSON.parse(stdout.trim() || '[]'));
  } catch {
    return { ran: false, binary, reason: `actionlint printed something other than its JSON report (${stdout.trim().slice(0, 120)}); is ${binary} actionlint 1.6 or later?` };
  }
  const problems = parsed.map((error): WorkflowProblem => ({
    source: 'actionlint',
    rule: `actionlint:${error.kind}`,
    // Its shellcheck and pyflakes findings include style notes; its own checks are all errors.
    severity: error.kind === 'shellcheck' || error.kind === 'pyflakes' ? 'warning' : 'error',
    message: error.message,
    line: Math.max(1, error.line),
    column: Math.max(1, error.column),
    endLine: Math.max(1, error.line),
    // actionlint's end column is the last character's (inclusive); a marker's end is exclusive.
    endColumn: Math.max(error.column + 1, (error.end_column ?? error.column) + 1),
  }));
  return { ran: true, binary, problems };
}
