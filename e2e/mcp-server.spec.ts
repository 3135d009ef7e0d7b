import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { MCP_E2E_APPROVAL_WAIT, textOf } from './fixtures/mcp-clients';
import { sampleSecrets } from './fixtures/sample-secrets';
import { builtAppProblem, isolatedEnv, repoRoot, runReignAsync } from './fixtures/serve-process';

// `reign mcp` as an MCP client starts it: the SDK's own client spawning the built CLI over stdio,
// in a temporary workspace with its own REIGN_HOME. Then a person at a terminal approves with
// `reign approvals`, a separate process, and the client's repeated call runs the step.

/**
 * `reign approvals approve ID` as a person runs it: in a terminal (a pseudo-terminal from node-pty,
 * which Reign's terminals use too), seeing the proposal, then typing its id when asked.
 */
async function approveAtTerminal(id: string, env: NodeJS.ProcessEnv, typed = id): Promise<{ status: number; output: string }> {
  const pty = (await import('@lydell/node-pty')).spawn(process.execPath, [join(repoRoot, 'main', 'cli', 'reign-bin.js'), 'approvals', 'approve', id], { env: env as Record<string, string>, cols: 200, rows: 50 });
  let output = '';
  let answered = false;
  pty.onData((data) => {
    output += data;
    if (!answered && output.includes('to approve it')) {
      answered = true;
      pty.write(`${typed}\r`);
    }
  });
  const status = await new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  return { status, output };
}

async function startReignMcp() {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-e2e-')));
  const env = isolatedEnv(MCP_E2E_APPROVAL_WAIT);
  const transport = new StdioClientTransport({ command: process.execPath, args: [join(repoRoot, 'main', 'cli', 'reign-bin.js'), 'mcp'], env: env as Record<string, string>, cwd: workspace, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'e2e-client', version: '0.1' });
  let listChanges = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void listChanges++);
  await client.connect(transport);
  return { client, workspace, env, stderr: () => stderr, listChanges: () => listChanges };
}

describe('reign mcp (stdio, the SDK client)', () => {
  it('lists the present families with annotations from code, finds the rest, runs reads redacted, and holds writes for a person', { timeout: 90_000 }, async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const { client, workspace, env, stderr, listChanges } = await startReignMcp();
    try {
      expect(client.getServerVersion()?.name).toBe('reign');

      // The families relevant here are listed at once (files and shell are everywhere); the rest is found.
      const listed = async () => new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
      const first = await listed();
      expect([...first.keys()], stderr()).toEqual(expect.arrayContaining(['files.read', 'files.write', 'files.delete', 'shell.exec', 'find_tools']));
      expect(first.get('files.read')?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
      expect(first.get('files.delete')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      expect(first.get('files.write')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
      expect(first.get('shell.exec')?.annotations?.readOnlyHint).toBe(false);
      expect(first.get('files.write')?.inputSchema).toMatchObject({ type: 'object', properties: { path: expect.any(Object), content: expect.any(Object) } });
      // Not an essential Docker tool: never listed at once, whether or not Docker is here.
      expect(first.has('docker.volume.remove')).toBe(false);

      const found = await client.callTool({ name: 'find_tools', arguments: { query: 'remove docker volume' } });
      expect((found.structuredContent as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toContain('docker.volume.remove');
      await expect.poll(() => listChanges()).toBeGreaterThan(0);
      const after = await listed();
      expect(after.get('docker.volume.remove')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });

      // A read runs at once, and a token in what it read never reaches the client.
      const token = sampleSecrets[0]!;
      writeFileSync(join(workspace, 'config.txt'), `deploy with ${token}\n`);
      const read = await client.callTool({ name: 'files.read', arguments: { path: 'config.txt' } });
      expect(read.isError, textOf(read)).toBeFalsy();
      expect((read.structuredContent as { content: string }).content).toMatch(/^deploy with .*REDACTED/);
      expect(JSON.stringify(read)).not.toContain(token);

      // A write is a proposal: the client is told to wait, and nothing is written.
      const call = { name: 'files.write', arguments: { path: 'release-notes.md', content: '# 1.0\n' } };
      const waiting = await client.callTool(call);
      expect(waiting.isError).toBe(true);
      const match = /^Waiting for approval in Reign: files\.write write on (.+) \(proposal ([0-9a-f]{8})\)\. Approve it in Reign, then call again\.$/.exec(textOf(waiting));
      expect(match, textOf(waiting)).not.toBeNull();
      expect(existsSync(join(workspace, 'release-notes.md'))).toBe(false);

      // A person at a terminal sees it and approves it; the client's identical call then runs it.
      const inbox = await runReignAsync(['approvals', 'list'], env);
      expect(inbox.status, inbox.stderr).toBe(0);
      expect(inbox.stdout).toContain(`${match![2]}  files.write  write on`);
      expect(inbox.stdout).toContain('from e2e-client 0.1');
      // The client cannot approve it itself: without a terminal (as from its own shell), approving is refused.
      const bySelf = await runReignAsync(['approvals', 'approve', match![2]!], env);
      expect([bySelf.status, bySelf.stderr]).toEqual([2, expect.stringMatching(/approving needs a person at a terminal/)]);
      const approved = await approveAtTerminal(match![2]!, env);
      expect(approved.status, approved.output).toBe(0);
      expect(approved.output).toContain('release-notes.md');
      const ran = await client.callTool(call);
      expect(ran.isError, textOf(ran)).toBeFalsy();
      expect(ran.structuredContent).toMatchObject({ path: 'release-notes.md', created: true });
      expect(readFileSync(join(workspace, 'release-notes.md'), 'utf8')).toBe('# 1.0\n');

      // Every call is in the audit log with the client's name; the token is not.
      const audit = await runReignAsync(['audit', 'export'], env);
      expect(audit.status, audit.stderr).toBe(0);
      const calls = audit.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((entry) => entry.kind === 'mcp.call');
      expect(calls.map((entry) => [entry.payload.tool, entry.payload.outcome])).toEqual([
        ['find_tools', 'found'],
        ['files.read', 'ran'],
        ['files.write', 'proposed'],
        ['files.write', 'waiting'],
        ['files.write', 'ran'],
      ]);
      expect(new Set(calls.map((entry) => entry.payload.client))).toEqual(new Set(['e2e-client 0.1']));
      expect(calls.at(-1).payload.decidedBy).toMatch(/^reign approvals /);
      const decisions = audit.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((entry) => entry.kind === 'mcp.decision');
      expect(decisions.map((entry) => [entry.payload.proposal, entry.payload.decision])).toEqual([[match![2], 'approved']]);
      expect(audit.stdout).toContain(`(MCP proposal ${match![2]})`);
      expect(audit.stdout).not.toContain(token);
      const verify = await runReignAsync(['audit', 'verify'], env);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('a rejected proposal is a clear refusal, and nothing runs', { timeout: 60_000 }, async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const { client, workspace, env } = await startReignMcp();
    try {
      const call = { name: 'files.delete', arguments: { path: 'keep.txt' } };
      writeFileSync(join(workspace, 'keep.txt'), 'keep me');
      const waiting = textOf(await client.callTool(call));
      const id = /\(proposal ([0-9a-f]{8})\)/.exec(waiting)?.[1];
      expect(waiting).toMatch(/^Waiting for approval in Reign: files\.delete destructive on /);
      const rejected = await runReignAsync(['approvals', 'reject', id!], env);
      expect(rejected.status, rejected.stderr).toBe(0);
      const refused = await client.callTool(call);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/^Rejected in Reign by reign approvals .*: files\.delete destructive on .* \(proposal [0-9a-f]{8}\) was not run\.$/);
      expect(readFileSync(join(workspace, 'keep.txt'), 'utf8')).toBe('keep me');
      expect((await runReignAsync(['approvals', 'approve', 'nope1234'], env)).stderr).toMatch(/there is no proposal nope1234/);
      // Closing the client ends its stdin, which stops it; the log it kept is intact after it is gone.
      await client.close();
      const verify = await runReignAsync(['audit', 'verify'], env);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    } finally {
      await client.close();
    }
  });
});
