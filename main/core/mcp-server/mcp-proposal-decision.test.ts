import { describe, expect, it } from 'vitest';
import { aProposal } from '../../../e2e/fixtures/mcp-proposal';
import { AuditLog } from '../audit/audit-log';
import { Redactor } from '../audit/redactor';
import { openDatabase } from '../storage/database';
import { decideProposal } from './mcp-proposal-decision';
import { APPROVAL_VALID_MS, McpProposalStore } from './mcp-server-proposals';

const write = aProposal();

function setup() {
  const db = openDatabase({ file: ':memory:' });
  let now = Date.parse('2026-01-01T10:00:00Z');
  const proposals = new McpProposalStore(db, () => now);
  const audit = new AuditLog(db, new Redactor());
  const decisions = () => [...audit.entries()].filter((entry) => entry.kind === 'mcp.decision').map((entry) => entry.payload);
  return { proposals, audit, decisions, later: (ms: number) => void (now += ms) };
}

describe('decideProposal (the terminal and the app alike)', () => {
  it('approves a waiting proposal once, journaled with who decided; a second decision is refused and not journaled', async () => {
    const { proposals, audit, decisions } = setup();
    const { id } = proposals.add(write);
    const approved = await decideProposal({ proposals, audit }, { id, decision: 'approved', by: 'app (reign serve)', confirmations: [] });
    expect(approved).toMatchObject({ ok: true, proposal: { status: 'approved', decidedBy: 'app (reign serve)' } });
    const again = await decideProposal({ proposals, audit }, { id, decision: 'rejected', by: 'reign approvals (ada)', confirmations: [] });
    expect(again).toMatchObject({ ok: false, problem: 'not-waiting', message: `Proposal ${id} is not waiting (it is approved): decided by app (reign serve).` });
    expect(proposals.get(id)?.status).toBe('approved');
    expect(decisions()).toEqual([{ proposal: id, decision: 'approved', by: 'app (reign serve)', client: 'Claude Desktop 1.0', tool: 'files.write', risk: 'write', targetId: 'workspace:/w' }]);
  });

  it('refuses a proposal that waited more than an hour: it lapsed', async () => {
    const { proposals, audit, decisions, later } = setup();
    const { id } = proposals.add(write);
    later(APPROVAL_VALID_MS + 1);
    for (const decision of ['approved', 'rejected'] as const) {
      expect(await decideProposal({ proposals, audit }, { id, decision, by: 'app (desktop)', confirmations: [] })).toMatchObject({ ok: false, problem: 'lapsed', message: expect.stringMatching(/waited more than an hour and lapsed/) });
    }
    expect(proposals.get(id)?.status).toBe('pending');
    expect(decisions()).toEqual([]);
  });

  it('approves a production target only with its name typed; rejecting needs no confirmation', async () => {
    const { proposals, audit } = setup();
    const production = { ...write, targetLabel: 'prod-cluster', targetId: 'kube:prod', confirmation: 'prod-cluster' };
    const first = proposals.add(production);
    expect(await decideProposal({ proposals, audit }, { id: first.id, decision: 'approved', by: 'app (desktop)', confirmations: [] })).toMatchObject({ ok: false, problem: 'unconfirmed', message: 'prod-cluster is marked production: confirm it by typing its name (prod-cluster).' });
    expect(await decideProposal({ proposals, audit }, { id: first.id, decision: 'approved', by: 'app (desktop)', confirmations: ['prod-clustr'] })).toMatchObject({ ok: false, problem: 'unconfirmed' });
    expect(proposals.get(first.id)?.status).toBe('pending');
    expect(await decideProposal({ proposals, audit }, { id: first.id, decision: 'approved', by: 'app (desktop)', confirmations: ['prod-cluster'] })).toMatchObject({ ok: true });
    const second = proposals.add(production);
    expect(await decideProposal({ proposals, audit }, { id: second.id, decision: 'rejected', by: 'app (desktop)', confirmations: [] })).toMatchObject({ ok: true, proposal: { status: 'rejected' } });
  });

  it('never approves what was not shown whole, and asks the front end\'s person check last', async () => {
    const { proposals, audit } = setup();
    const cut = proposals.add({ ...write, preview: 'creates a.txt:\nxxxx… (12 more characters)' });
    let asked = 0;
    const askPerson = async () => (asked++, null);
    expect(await decideProposal({ proposals, audit }, { id: cut.id, decision: 'approved', by: 't', confirmations: [], askPerson })).toMatchObject({ ok: false, problem: 'not-shown-whole' });
    expect(asked).toBe(0);
    const whole = proposals.add(write);
    expect(await decideProposal({ proposals, audit }, { id: whole.id, decision: 'approved', by: 't', confirmations: [], askPerson: async () => 'nothing was typed' })).toEqual({ ok: false, problem: 'person-refused', message: 'nothing was typed', proposal: expect.objectContaining({ id: whole.id }) });
    expect(proposals.get(whole.id)?.status).toBe('pending');
    expect(await decideProposal({ proposals, audit }, { id: 'nope1234', decision: 'rejected', by: 't', confirmations: [] })).toEqual({ ok: false, problem: 'not-found', message: 'There is no proposal nope1234.' });
  });

  it('a decision taken meanwhile by another process wins: the later one is refused', async () => {
    const { proposals, audit } = setup();
    const { id } = proposals.add(write);
    // The terminal decides while the app's person check is open.
    const outcome = await decideProposal({ proposals, audit }, { id, decision: 'approved', by: 'app (desktop)', confirmations: [], askPerson: async () => (proposals.decide(id, 'rejected', 'reign approvals (ada)'), null) });
    expect(outcome).toMatchObject({ ok: false, problem: 'decided-meanwhile' });
    expect(proposals.get(id)).toMatchObject({ status: 'rejected', decidedBy: 'reign approvals (ada)' });
  });
});
