import { describe, expect, it } from 'vitest';
import type { ProposedStepView } from '../../../preload/contract';
import { createAppStore } from './app-store';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';

const step = (id: string, extra: Partial<ProposedStepView> = {}): ProposedStepView => ({
  id, tool: 'files.write', input: { path: `${id}.txt`, content: id }, dependsOn: [], risk: 'write', reasons: [], target: { kind: 'workspace', id: 'workspace:/w', label: '/w' }, decision: 'ask', confirmation: null, preview: { kind: 'text', text: '' }, undoable: true, ...extra,
});

describe('plan slice', () => {
  it('sends each decision bound to the step\'s target and risk, an edit with its approval, and the typed production names', async () => {
    const sent: unknown[] = [];
    const store = createAppStore(
      scriptedApi({
        'plan.reclassify': async ({ input }) => ({ problems: [], step: step('b', { input, target: { kind: 'workspace', id: 'workspace:/w', label: '/w' } }) }),
        'plan.decide': async (request) => (sent.push(request), { accepted: true }),
      }),
    );
    store.getState().showProposal('c1', { proposalId: 'p1', summary: 's', steps: [step('a'), step('b'), step('c'), step('prod', { target: { kind: 'docker', id: 'docker:prod', label: 'prod' }, confirmation: 'prod' })] });
    expect(await store.getState().editStepInput('b', { path: 'b.txt', content: 'edited' })).toEqual([]);
    store.getState().chooseStep('a', 'approve');
    store.getState().chooseStep('b', 'approve');
    store.getState().chooseStep('c', 'reject');
    store.getState().chooseStep('prod', 'approve');

    await store.getState().submitPlan();
    expect(store.getState().plan.error).toMatch(/Type the name of the production target to approve prod/);
    expect(sent).toEqual([]);

    store.getState().setConfirmation('prod', 'prod');
    await store.getState().submitPlan();
    expect(sent).toEqual([
      {
        conversationId: 'c1',
        proposalId: 'p1',
        approveUpTo: null,
        decisions: [
          { step: 'a', decision: 'approve', targetId: 'workspace:/w', risk: 'write', contentHash: null },
          { step: 'b', decision: 'edit', input: { path: 'b.txt', content: 'edited' }, approved: { targetId: 'workspace:/w', risk: 'write' } },
          { step: 'c', decision: 'reject' },
          { step: 'prod', decision: 'approve', targetId: 'docker:prod', risk: 'write', contentHash: null },
        ],
        confirmations: ['prod'],
        allowCritical: [],
      },
    ]);
    expect(store.getState().plan.view?.submitted).toBe(true);
  });
});
