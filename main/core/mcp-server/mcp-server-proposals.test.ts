import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { aProposal } from '../../../e2e/fixtures/mcp-proposal';
import { APPROVAL_VALID_MS, McpProposalStore } from './mcp-server-proposals';

const proposal = aProposal({ client: 'c', inputShown: '{}', reasons: ['writes'], targetLabel: 'workspace', contentHash: 'abc', preview: 'p' });

describe('MCP proposals', () => {
  it('an identical call finds its open proposal until the approval is used or the rejection told', () => {
    const store = new McpProposalStore(new BetterSqlite3(':memory:'));
    const first = store.add(proposal);
    expect(store.openFor('h')?.id).toBe(first.id);
    expect(store.openFor('other')).toBeUndefined();
    expect(store.claim(first.id)).toBe(false); // not approved yet
    expect(store.decide(first.id, 'approved', 'ada')).toBe(true);
    expect(store.decide(first.id, 'rejected', 'bob')).toBe(false); // decided once
    expect(store.openFor('h')).toMatchObject({ status: 'approved', decidedBy: 'ada', contentHash: 'abc', reasons: ['writes'] });
    expect(store.claim(first.id)).toBe(true);
    expect(store.claim(first.id)).toBe(false); // used once
    store.recordRun(first.id, 'run-1');
    expect(store.get(first.id)).toMatchObject({ status: 'ran', runId: 'run-1' });
    expect(store.openFor('h')).toBeUndefined();

    const second = store.add(proposal);
    store.decide(second.id, 'rejected', 'ada');
    expect(store.openFor('h')?.status).toBe('rejected');
    store.close(second.id);
    expect(store.openFor('h')).toBeUndefined();
    expect(store.list('pending')).toEqual([]);
    expect(store.list('closed').map((item) => item.id)).toEqual([second.id]);
  });

  it('lets an approval lapse after an hour without the repeated call', () => {
    let now = Date.parse('2026-12-02T10:00:00Z');
    const store = new McpProposalStore(new BetterSqlite3(':memory:'), () => now);
    const approved = store.add(proposal);
    store.decide(approved.id, 'approved', 'ada');
    now += APPROVAL_VALID_MS - 1_000;
    expect(store.openFor('h')?.id).toBe(approved.id);
    now += 2_000;
    expect(store.openFor('h')).toBeUndefined();
  });

  it('keeps its table across openings of the same database', () => {
    const db = new BetterSqlite3(':memory:');
    const id = new McpProposalStore(db).add(proposal).id;
    expect(new McpProposalStore(db).get(id)?.status).toBe('pending');
  });
});
