import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { McpProposalStore, type NewProposal } from '../core/mcp-server/mcp-server-proposals';
import { runCli } from './reign';

/** `typed`: what the person types at the terminal when asked; absent, there is no terminal (a script, an agent). */
async function run(args: string[], home: string, typed?: (question: string) => string) {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const ask = typed ? async (question: string) => (asked.push(question), typed(question)) : async () => null;
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { PATH: process.env.PATH, HOME: home, REIGN_HOME: join(home, 'data'), USER: 'ada' }, ask });
  return { code, stdout, stderr, asked };
}
/** A person who types the id the question asks for. */
const typesTheId = (question: string): string => /Type (\S+) to approve/.exec(question)![1]!;

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
    expect(listed.stdout).toContain(`${ids[0]}  files.write  write on workspace /w  in /w  from claude-code 2.0`);
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

  it('approves only for a person at a terminal who saw the proposal and typed its id', async () => {
    const { home, ids } = await homeWith(proposal(), proposal({ callHash: 'h2', inputShown: `{"content":"${'x'.repeat(10)}"}… (70000 more characters)` }));
    // No terminal: an MCP client running the command in its own shell, a script, an agent.
    expect(await run(['approvals', 'approve', ids[0]!], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/approving needs a person at a terminal/) });
    const wrong = await run(['approvals', 'approve', ids[0]!], home, () => 'yes');
    expect(wrong).toMatchObject({ code: 2, stderr: expect.stringMatching(/not approved: "yes" is not/) });
    expect(wrong.stdout).toContain('| creates out.txt:');
    // A proposal too long to keep whole was never shown whole: it cannot be approved.
    expect(await run(['approvals', 'approve', ids[1]!], home, typesTheId)).toMatchObject({ code: 2, stderr: expect.stringMatching(/too long to show in full/) });
    const db = new BetterSqlite3(join(home, 'data', 'reign.db'));
    expect(new McpProposalStore(db).list('pending').map((item) => item.id)).toEqual(ids);
    db.close();
  });

  it('lets a pending proposal lapse after an hour', () => {
    const db = new BetterSqlite3(':memory:');
    let now = Date.parse('2026-12-02T10:00:00Z');
    const store = new McpProposalStore(db, () => now);
    const added = store.add(proposal());
    now += 61 * 60_000;
    expect(store.list('pending')).toEqual([]);
    expect(store.expired(store.get(added.id)!)).toBe(true);
    expect(store.decide(added.id, 'approved', 'ada')).toBe(false);
    expect(store.openFor('h1')).toBeUndefined();
  });

  it('approves or rejects once, naming who decided, in the audit log too', async () => {
    const { home, ids } = await homeWith(proposal(), proposal({ callHash: 'h2' }));
    expect(await run(['approvals', 'approve', ids[0]!], home, typesTheId)).toMatchObject({ code: 0, stdout: expect.stringMatching(/Approved files.write write on workspace \/w .*calls it again/) });
    expect(await run(['approvals', 'reject', ids[0]!], home)).toMatchObject({ code: 1, stderr: expect.stringMatching(/is not waiting \(it is approved\)/) });
    expect(await run(['approvals', 'reject', ids[1]!], home)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Rejected/) });
    const db = new BetterSqlite3(join(home, 'data', 'reign.db'));
    expect(new McpProposalStore(db).get(ids[0]!)).toMatchObject({ status: 'approved', decidedBy: 'reign approvals (ada)' });
    expect(db.prepare("SELECT payload FROM audit WHERE kind = 'mcp.decision'").pluck().all().map((payload) => JSON.parse(String(payload)).decision)).toEqual(['approved', 'rejected']);
    db.close();
    expect((await run(['approvals', 'list'], home)).stdout).toBe('No steps wait for approval.\n');
  });

  it('asks for the typed name of a production target, and explains bad use', async () => {
    const { home, ids } = await homeWith(proposal({ confirmation: 'prod' }));
    expect(await run(['approvals', 'approve', ids[0]!], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/marked production: confirm it by typing its name \(--confirm prod\)/) });
    expect(await run(['approvals', 'approve', ids[0]!, '--confirm', 'prod'], home, typesTheId)).toMatchObject({ code: 0 });
    expect(await run(['approvals', 'approve'], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/which proposal\? Give its id/) });
    expect(await run(['approvals', 'approve', 'zzz'], home)).toMatchObject({ code: 1, stderr: expect.stringMatching(/there is no proposal zzz/) });
    expect(await run(['approvals', 'allow', 'x'], home)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown action "allow"/) });
  });
});
