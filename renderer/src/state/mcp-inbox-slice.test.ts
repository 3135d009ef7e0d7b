import { describe, expect, it } from 'vitest';
import { type McpInboxProposalView, ReignError } from '../../../preload/contract';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { createAppStore } from './app-store';

const proposal = (id: string, extra: Partial<McpInboxProposalView> = {}): McpInboxProposalView => ({
  id, createdAt: '2026-01-01T10:00:00.000Z', client: 'cursor', tool: 'files.write', risk: 'write', reasons: [], targetId: 'workspace:/w', targetLabel: '/w', workspace: '/w',
  inputShown: '{}', preview: 'creates a.txt', confirmation: null, status: 'pending', decidedAt: null, decidedBy: null, runId: null, runStatus: null, approvable: true, ...extra,
});

describe('MCP inbox slice', () => {
  it('sends a production approval only with the typed name, and keeps main\'s refusal on a card that left the inbox', async () => {
    const sent: unknown[] = [];
    const store = createAppStore(
      scriptedApi({
        'mcp.proposals.decide': async (request) => {
          sent.push(request);
          if (request.id === 'late') throw new ReignError({ name: 'Error', code: 'MCP_PROPOSAL_LAPSED', message: 'Proposal late waited more than an hour and lapsed.' });
          return { proposal: proposal(request.id, { status: 'approved', decidedBy: 'app (desktop)' }) };
        },
        // Read again after a refusal that says the proposal moved on: here it is gone (it lapsed).
        'mcp.proposals.list': async () => ({ proposals: [proposal('prod', { status: 'approved', decidedBy: 'app (desktop)' })] }),
      }),
    );
    store.getState().applyMcpInbox([proposal('prod', { confirmation: 'prod-cluster' }), proposal('late')]);
    await store.getState().decideMcpProposal('prod', 'approve');
    expect(sent).toEqual([]);
    expect(store.getState().mcpInbox.errors.prod).toMatch(/Type prod-cluster/);
    store.getState().setMcpConfirmation('prod', 'prod-cluster');
    await store.getState().decideMcpProposal('prod', 'approve');
    expect(sent).toEqual([{ id: 'prod', decision: 'approve', confirmation: 'prod-cluster' }]);
    expect(store.getState().mcpInbox.proposals.find((shown) => shown.id === 'prod')?.status).toBe('approved');
    expect(store.getState().mcpInbox.errors.prod).toBeUndefined();

    await store.getState().decideMcpProposal('late', 'approve');
    expect(store.getState().mcpInbox.errors.late).toBe('Proposal late waited more than an hour and lapsed.');
    expect(store.getState().mcpInbox.over).toEqual({ late: true });
    // The next push no longer has it (it lapsed): its card stays with the reason until dismissed.
    store.getState().applyMcpInbox([proposal('prod', { status: 'ran', runId: 'r1' })]);
    expect(store.getState().mcpInbox.proposals.map((shown) => shown.id)).toEqual(['prod', 'late']);
    store.getState().dismissMcpProposal('late');
    store.getState().applyMcpInbox([proposal('prod', { status: 'ran', runId: 'r1' })]);
    expect(store.getState().mcpInbox.proposals.map((shown) => shown.id)).toEqual(['prod']);
    expect(store.getState().mcpInbox.errors).toEqual({});
    expect(store.getState().mcpInbox.over).toEqual({});
  });
});
