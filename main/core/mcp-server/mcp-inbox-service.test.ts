import { describe, expect, it } from 'vitest';
import { aProposal } from '../../../e2e/fixtures/mcp-proposal';
import type { EventPayload } from '../../../preload/contract';
import { AuditLog } from '../audit/audit-log';
import { Redactor } from '../audit/redactor';
import { EventBus } from '../events/event-bus';
import { RunRepository } from '../plan/run-repository';
import { openDatabase } from '../storage/database';
import { DECIDED_SHOWN_MS, McpInboxService } from './mcp-inbox-service';
import { APPROVAL_VALID_MS, McpProposalStore } from './mcp-server-proposals';

const secret = 'sk-live-9f8e7d6c5b4a39281706';
const write = aProposal({ client: 'cursor\u202e 0.9', inputShown: `{"path":"a.txt","content":"token ${secret}"}`, preview: `creates a.txt:\ntoken ${secret}` });

function setup() {
  const db = openDatabase({ file: ':memory:' });
  let now = Date.parse('2026-01-01T10:00:00Z');
  const clock = () => now;
  const redactor = new Redactor();
  // A secret this core knows that the proposing `reign mcp` did not: it is masked before any window sees it.
  redactor.addSecret(secret);
  const audit = new AuditLog(db, redactor);
  const events = new EventBus();
  const emitted: EventPayload<'mcp.proposals.changed'>[] = [];
  events.subscribe((event, payload) => event === 'mcp.proposals.changed' && emitted.push(payload as EventPayload<'mcp.proposals.changed'>));
  const inbox = new McpInboxService({ db, audit, redactor, events, runs: new RunRepository(db, redactor), now: clock, pollMs: 60_000 });
  // Another process (`reign mcp`, `reign approvals`) writing the same table.
  const other = new McpProposalStore(db, clock);
  return { inbox, other, emitted, later: (ms: number) => void (now += ms) };
}

describe('McpInboxService', () => {
  it('emits the inbox when another process adds, decides or runs a proposal, and not when nothing changed', () => {
    const { inbox, other, emitted } = setup();
    expect(inbox.list()).toEqual([]);
    expect(inbox.check()).toBe(false);
    const { id } = other.add(write);
    expect(inbox.check()).toBe(true);
    expect(emitted.at(-1)?.proposals).toMatchObject([{ id, status: 'pending', tool: 'files.write', risk: 'write', approvable: true }]);
    expect(inbox.check()).toBe(false);
    other.decide(id, 'approved', 'reign approvals (ada)');
    expect(inbox.check()).toBe(true);
    other.claim(id);
    other.recordRun(id, 'run-1');
    expect(inbox.check()).toBe(true);
    expect(emitted.at(-1)?.proposals).toMatchObject([{ id, status: 'ran', runId: 'run-1', decidedBy: 'reign approvals (ada)' }]);
    expect(emitted).toHaveLength(3);
  });

  it('drops a proposal that lapsed, and a decided one after a while', () => {
    const { inbox, other, emitted, later } = setup();
    const lapsing = other.add(write);
    const decided = other.add({ ...write, callHash: 'h2' });
    other.decide(decided.id, 'rejected', 'reign approvals (ada)');
    expect(inbox.list().map((proposal) => proposal.id)).toEqual([lapsing.id, decided.id]);
    later(DECIDED_SHOWN_MS + 1);
    expect(inbox.check()).toBe(true);
    expect(emitted.at(-1)?.proposals.map((proposal) => proposal.id)).toEqual([lapsing.id]);
    later(APPROVAL_VALID_MS);
    expect(inbox.check()).toBe(true);
    expect(emitted.at(-1)?.proposals).toEqual([]);
  });

  it('never shows a secret it knows, and decides in the app with a clear error for a second decision', async () => {
    const { inbox, other } = setup();
    const { id } = other.add(write);
    const [shown] = inbox.list();
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(shown?.preview).toMatch(/^creates a\.txt:\ntoken .*REDACTED/);
    const decided = await inbox.decide(id, 'reject', 'app (reign serve)');
    expect(decided).toMatchObject({ id, status: 'rejected', decidedBy: 'app (reign serve)' });
    await expect(inbox.decide(id, 'approve', 'app (reign serve)')).rejects.toMatchObject({ code: 'MCP_PROPOSAL_NOT_WAITING', message: `Proposal ${id} is not waiting (it is rejected): decided by app (reign serve).` });
    await expect(inbox.decide('nope1234', 'approve', 'app (reign serve)')).rejects.toMatchObject({ code: 'MCP_PROPOSAL_NOT_FOUND' });
  });
});
