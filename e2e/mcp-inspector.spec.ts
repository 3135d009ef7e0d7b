import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { MCP_E2E_APPROVAL_WAIT, reignBin, startReignMcpHttp, WAITING_FOR_APPROVAL } from './fixtures/mcp-clients';
import { sampleSecrets } from './fixtures/sample-secrets';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';

// Reign's MCP server used by the MCP Inspector's CLI, a client written by the protocol's own
// project (installed by .ci/peers/mcp-inspector.sh, not a dependency of Reign): over stdio, where
// the Inspector starts `reign mcp` itself, and over streamable HTTP with the token as a header.

const inspector = process.env.REIGN_TEST_MCP_INSPECTOR;
const inspectorProblem = (): string | null =>
  !inspector ? 'REIGN_TEST_MCP_INSPECTOR is not set (run `eval "$(.ci/peers/mcp-inspector.sh env)"`)' : existsSync(inspector) ? null : `REIGN_TEST_MCP_INSPECTOR names no file: ${inspector}`;

interface InspectorAnswer {
  readonly status: number | null;
  /** The one JSON object `--format json` prints: `{ result }` or `{ error }`. */
  readonly json: { result?: any; error?: { code: string; message: string } };
  readonly stderr: string;
}

/** `mcp-inspector --cli --format json …` as a shell script would run it, in the test's own HOME. */
function runInspector(args: readonly string[], env: NodeJS.ProcessEnv): Promise<InspectorAnswer> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [inspector!, '--cli', '--format', 'json', ...args], { env, cwd: env.HOME, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      // An error's envelope goes to stderr; find the one JSON line wherever it is.
      const line = [...stdout.split('\n'), ...stderr.split('\n')].find((candidate) => candidate.startsWith('{"result"') || candidate.startsWith('{"error"'));
      resolve({ status, json: line ? JSON.parse(line) : {}, stderr: stderr + stdout });
    });
  });
}

/** What the Inspector listed, by name. */
const listed = (answer: InspectorAnswer) => new Map<string, { annotations?: Record<string, unknown> }>((answer.json.result?.tools ?? []).map((tool: { name: string }) => [tool.name, tool]));

function expectReignTools(answer: InspectorAnswer): void {
  expect(answer.status, answer.stderr).toBe(0);
  const tools = listed(answer);
  expect([...tools.keys()]).toEqual(expect.arrayContaining(['files.read', 'files.write', 'files.delete', 'shell.exec', 'find_tools']));
  expect(tools.get('files.read')?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
  expect(tools.get('files.delete')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  expect(tools.get('shell.exec')?.annotations?.readOnlyHint).toBe(false);
}

function workspaceWithSecret(): { workspace: string; secret: string } {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-inspector-')));
  const secret = sampleSecrets[0]!;
  writeFileSync(join(workspace, 'config.txt'), `deploy with ${secret}\n`);
  return { workspace, secret };
}

/** The calls Reign journaled, as [client, tool, outcome]. */
async function journaled(env: NodeJS.ProcessEnv): Promise<string[][]> {
  const audit = await runReignAsync(['audit', 'export'], env);
  expect(audit.status, audit.stderr).toBe(0);
  return audit.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((entry) => entry.kind === 'mcp.call').map((entry) => [entry.payload.client, entry.payload.tool, entry.payload.outcome]);
}

describe('reign mcp with the MCP Inspector CLI', () => {
  it('over stdio: the Inspector starts reign mcp, lists its tools with annotations, runs a read and is told a write waits', { timeout: 180_000 }, async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, inspectorProblem(), 'The MCP Inspector CLI');
    const { workspace, secret } = workspaceWithSecret();
    const env = isolatedEnv(MCP_E2E_APPROVAL_WAIT);
    // The Inspector gives a stdio server a minimal environment of its own: Reign's settings go with -e.
    const server = ['-e', `REIGN_HOME=${env.REIGN_HOME}`, '-e', `REIGN_MCP_APPROVAL_WAIT_MS=${MCP_E2E_APPROVAL_WAIT.REIGN_MCP_APPROVAL_WAIT_MS}`, process.execPath, reignBin, 'mcp', '--workspace', workspace];

    expectReignTools(await runInspector([...server, '--method', 'tools/list'], env));

    const read = await runInspector([...server, '--method', 'tools/call', '--tool-name', 'files.read', '--tool-arg', 'path=config.txt'], env);
    expect(read.status, read.stderr).toBe(0);
    expect(read.json.result.structuredContent).toMatchObject({ path: 'config.txt', content: expect.stringMatching(/^deploy with .*REDACTED/) });
    expect(JSON.stringify(read.json)).not.toContain(secret);

    // A step that is not a read is a tool error for the Inspector (its exit code 5), saying it waits in Reign.
    const write = await runInspector([...server, '--method', 'tools/call', '--tool-name', 'files.write', '--tool-arg', 'path=notes.md', '--tool-arg', 'content=hello'], env);
    expect(write.status, write.stderr).not.toBe(0);
    expect(write.stderr).toMatch(/Waiting for approval in Reign: files\.write write on /);
    expect(existsSync(join(workspace, 'notes.md'))).toBe(false);

    const client = expect.stringMatching(/^inspector-cli /);
    expect(await journaled(env)).toEqual([
      [client, 'files.read', 'ran'],
      [client, 'files.write', 'proposed'],
      [client, 'files.write', 'waiting'],
    ]);
  });

  it('over streamable HTTP with the token as a header: the same tools and read; a wrong token is refused', { timeout: 180_000 }, async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, inspectorProblem(), 'The MCP Inspector CLI');
    const { workspace, secret } = workspaceWithSecret();
    const env = isolatedEnv(MCP_E2E_APPROVAL_WAIT);
    const reign = await startReignMcpHttp(env, workspace);
    try {
      // --stored-auth-only: a refused request fails instead of starting an interactive OAuth login.
      const server = ['--server-url', reign.url, '--transport', 'http', '--stored-auth-only'];
      const bearer = ['--header', `Authorization: Bearer ${reign.token}`];
      expectReignTools(await runInspector([...server, ...bearer, '--method', 'tools/list'], env));

      const read = await runInspector([...server, ...bearer, '--method', 'tools/call', '--tool-name', 'files.read', '--tool-arg', 'path=config.txt'], env);
      expect(read.status, read.stderr).toBe(0);
      expect(read.json.result.structuredContent).toMatchObject({ path: 'config.txt', content: expect.stringMatching(/^deploy with .*REDACTED/) });
      expect(JSON.stringify(read.json)).not.toContain(secret);

      const write = await runInspector([...server, ...bearer, '--method', 'tools/call', '--tool-name', 'files.write', '--tool-arg', 'path=notes.md', '--tool-arg', 'content=hello'], env);
      expect(write.status, write.stderr).not.toBe(0);
      expect(write.json.result?.content?.[0]?.text ?? write.stderr).toMatch(WAITING_FOR_APPROVAL);

      const refused = await runInspector([...server, '--header', 'Authorization: Bearer not-the-token', '--method', 'tools/list'], env);
      expect(refused.status).not.toBe(0);
      expect(refused.json.error?.message ?? refused.stderr).toMatch(/Unauthorized: the Authorization header does not carry the token of this start/);
    } finally {
      expect(await reign.stop()).toBe(0);
    }
    const client = expect.stringMatching(/^inspector-cli /);
    expect(await journaled(env)).toEqual([
      [client, 'files.read', 'ran'],
      [client, 'files.write', 'proposed'],
      [client, 'files.write', 'waiting'],
    ]);
  });
});
