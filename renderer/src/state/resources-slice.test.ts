import { describe, expect, it } from 'vitest';
import type { CommandResponse, ResourceView } from '../../../preload/contract';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { createAppStore } from './app-store';
import { scopeAfterChoice } from './resources-slice';

// The Resources pane's scope: chosen per family, sent with every read of rows, and the scope the
// rows were shown in, not the latest choice, sent with their actions and reads.

const view = (id: string, scope: ResourceView['scope']): ResourceView => ({ id, family: 'kubernetes', familyTitle: 'Kubernetes', title: id, columns: [{ key: 'name', label: 'Name', kind: 'text' }], scope, actions: [{ id: 'remove', label: 'Delete', tool: 'kubernetes.delete', bulk: true }], detail: null, empty: 'none', sort: null });
const levels = [{ id: 'context', label: 'Context' }, { id: 'namespace', label: 'Namespace' }];
const pods = view('kubernetes.pods', levels);
const namespaces = view('kubernetes.namespaces', [levels[0]!]);
const rowsIn = (scope: Record<string, string>): CommandResponse<'resources.rows'> => ({ target: `${scope.context}/${scope.namespace ?? ''}`, problem: null, rows: [{ key: 'web-1', cells: { name: 'web-1' }, tone: 'ok', actions: ['remove'], live: true }], scope: { chosen: scope, levels: [] } });

describe('resources slice scopes', () => {
  it('keeps the outer choices and drops the inner ones when a level is chosen', () => {
    expect(scopeAfterChoice(pods, { context: 'a', namespace: 'shop' }, 'context', 'b')).toEqual({ context: 'b' });
    expect(scopeAfterChoice(pods, { context: 'a', namespace: 'shop' }, 'namespace', '*')).toEqual({ context: 'a', namespace: '*' });
    expect(scopeAfterChoice(namespaces, { context: 'a', namespace: 'shop' }, 'namespace', 'x')).toEqual({ context: 'a', namespace: 'shop' });
  });

  it('reads rows in the family\'s scope, remembers what they were read in across views, and acts in the scope shown', async () => {
    const asked: unknown[] = [];
    const acted: unknown[] = [];
    const store = createAppStore(
      scriptedApi({
        'resources.views': async () => ({ views: [pods, namespaces] }),
        'resources.rows': async (request) => {
          asked.push(request);
          return rowsIn(request.view === 'kubernetes.namespaces' ? { context: request.scope?.context ?? 'dev' } : { context: request.scope?.context ?? 'dev', namespace: request.scope?.namespace ?? 'default' });
        },
        'resources.act': async (request) => (acted.push(request), { outcome: 'needs-approval', risk: 'destructive', reasons: [], target: 'dev/shop', targetIds: ['kubernetes:dev/shop'], confirmation: null, message: '' }),
      }),
    );
    await store.getState().loadViews();
    expect(asked).toEqual([{ view: 'kubernetes.pods' }]);
    await store.getState().chooseScope('namespace', 'shop');
    expect(asked.at(-1)).toEqual({ view: 'kubernetes.pods', scope: { context: 'dev', namespace: 'shop' } });
    await store.getState().showView('kubernetes.namespaces');
    await store.getState().showView('kubernetes.pods');
    expect(asked.at(-1)).toEqual({ view: 'kubernetes.pods', scope: { context: 'dev', namespace: 'shop' } });

    await store.getState().requestAction('remove', ['web-1']);
    expect(acted.at(-1)).toMatchObject({ scope: { context: 'dev', namespace: 'shop' }, approve: null });
    // Approving later sends the scope it was asked in, even if another namespace was chosen since.
    store.setState({ resources: { ...store.getState().resources, scopes: { kubernetes: { context: 'dev', namespace: 'other' } } } });
    await store.getState().approvePending();
    expect(acted.at(-1)).toMatchObject({ scope: { context: 'dev', namespace: 'shop' }, approve: { risk: 'destructive', targets: ['kubernetes:dev/shop'] } });
  });

  it('keeps only the newest answer when scopes are chosen faster than rows arrive', async () => {
    const answers: Record<string, (value: CommandResponse<'resources.rows'>) => void> = {};
    const store = createAppStore(
      scriptedApi({
        'resources.views': async () => ({ views: [pods] }),
        'resources.rows': (request) => new Promise((resolve) => (answers[request.scope?.namespace ?? 'none'] = resolve)),
      }),
    );
    const loading = store.getState().loadViews();
    await new Promise((resolve) => setTimeout(resolve, 0));
    answers.none!(rowsIn({ context: 'dev', namespace: 'default' }));
    await loading;
    const slow = store.getState().chooseScope('namespace', 'slow');
    const fast = store.getState().chooseScope('namespace', 'fast');
    answers.fast!(rowsIn({ context: 'dev', namespace: 'fast' }));
    await fast;
    answers.slow!(rowsIn({ context: 'dev', namespace: 'slow' }));
    await slow;
    expect(store.getState().resources.rows['kubernetes.pods']?.scope?.chosen).toEqual({ context: 'dev', namespace: 'fast' });
    expect(store.getState().resources.scopes.kubernetes).toEqual({ context: 'dev', namespace: 'fast' });
  });
});
