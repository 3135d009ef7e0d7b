import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { McpProposalStore, type NewProposal } from '../core/mcp-server/mcp-server-proposals';
import { runCli } from './reign';

async function run(args: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data'), USER: 'ada' } });
  return { code, stdout, stderr };
}

const proposal = (overrides: Partial<NewProposal> = {}): NewProposal => ({
  client: 'claude-code 2.0',
  tool: 'files.write',
  callHash: 'h1',
  inputShown: '{"path":"out.txt","content":"hi"}',
  workspace: '/w',
  risk: 'write',
  reasons: ['writes out.txt in the workspace'],
  targetId: 'workspace:/w',
  targetLabel: 'workspace /w',
  contentHash: null,
  preview: 'creates out.txt:\nhi',
  confirmation: null,
  ...overrides,
});

/** A home whose database exists, with proposals added as the `reign mcp` process adds them. */
async function homeWith(...proposals: NewProposal[]): Promise<{ home: string; ids: string[] }> {
  const home = mkdtempSync(join(tmpdir(), 'reign-approvals-cli-'));
  await run(['approvals', 'list'], home);
  const db = new BetterSqlite3(join(home, 'data', 'reign.db'));
  const store = new McpProposalStore(db);
  const ids = proposals.map((item) => store.add(item).id);
  db.close();
  return { home, ids };
}

describe('reign approvals', () => {
  it('lists what waits, with the client, risk, target, input and preview', async () => {
    const { home, ids } = await homeWith(proposal());
    const listed = await run(['approvals', 'list'], home);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${ids[0]}  files.write  write on workspace /w  from claude-code 2.0`);
    expect(listed.stdout).toContain('| creates out.txt:');
    expect(JSON.parse((await run(['approvals', 'list', '--json'], home)).stdout).proposals[0]).toMatchObject({ id: ids[0], status: 'pending' });
    expect((await run(['approvals'], home)).stdout).toBe(listed.stdout);
  });

  it('never prints a client\'s control characters to the terminal', async () => {
    const { home } = await homeWith(proposal({ client: 'evil\u001b[2K\u001b[1A', preview: 'creates x:\n\u001b]0;title\u0007ok' }));
    const listed = (await run(['approvals', 'list'], home)).stdout;
    expect(listed).not.toMatch(/[\u001b\u0007]/);
    expect(listed).toContain('from evil?[2K?[1A');
  });

  it('approves or rejects once, naming who decided', async () => {
    const { home, ids } = await homeWith(proposal(), proposal({ callHash: 'h2' }));
    expect(await run(['approvals', 'approve', ids[0]!], home)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Approved files.write write on workspace \/w .*calls it again/) });
    expect(await run(['approvals', 'reject', ids[0]!], home)).toMatchObject({ code: 1, stderr: expect.stringMatching(/is not waiting \(it is approved\)/) });
    expect(await run(['approvals', 'reject', ids[1]!], home)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Rejected/) });
    const db = new BetterSqlite3(join(home, 'data', 'reign.db'));
    expect(new McpProposalStore(db).get(ids[0]!)).toMatchObject({ status: 'approved', decidedBy: 'reign approvals (ada)' });
    db.close();
    expect((await run(['approvals', 'list'], home)).stdout).toBe('No steps wait for approval.\n');
  });

  it('asks for the typed name of a production target, and explains bad use', async () => {
    const { home, ids } = await homeWith(proposal({ confirmation: 'prod' }));
    expect(await run(['approvals', 'approve', ids[0]!], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/marked production: confirm it by typing its name \(--confirm prod\)/) });
    expect(await run(['approvals', 'approve', ids[0]!, '--confirm', 'prod'], home)).toMatchObject({ code: 0 });
    expect(await run(['approvals', 'approve'], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/which proposal\? Give its id/) });
    expect(await run(['approvals', 'approve', 'zzz'], home)).toMatchObject({ code: 1, stderr: expect.stringMatching(/there is no proposal zzz/) });
    expect(await run(['approvals', 'allow', 'x'], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown action "allow"/) });
  });
});
