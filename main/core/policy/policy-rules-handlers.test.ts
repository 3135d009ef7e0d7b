import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../bootstrap';

const context = { host: 'serve' as const, signal: new AbortController().signal };
let core: Core | undefined;
afterEach(() => core?.dispose());

describe('policy.rules.* through the contract', () => {
  it('validates requests with the contract schema before the service sees them', async () => {
    core = createTestCore();
    const dispatch = (command: string, payload: unknown) => core!.dispatcher.dispatch(command, payload, context);
    expect(await dispatch('policy.rules.add', { tool: 'shell.exec', upTo: 'read', expiry: 'session' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'expiry' }] } });
    expect(await dispatch('policy.rules.add', { tool: 'shell.exec', verb: 'kubectl get; rm', upTo: 'read', expiry: 'hour' })).toMatchObject({ ok: false, error: { issues: [{ path: 'verb' }] } });
    expect(await dispatch('policy.rules.add', { tool: 'shell.exec', upTo: 'read', expiry: 'hour', decision: 'deny' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const added = await dispatch('policy.rules.add', { tool: 'shell.exec', verb: 'kubectl get', target: 'workspace:/repo', upTo: 'read', expiry: 'always', source: 'approval' });
    expect(added).toMatchObject({ ok: true, result: { rule: { decision: 'allow', verb: 'kubectl get', source: 'approval', expired: false } } });
    const id = (added as { result: { rule: { id: string } } }).result.rule.id;
    expect(await dispatch('policy.rules.list', {})).toMatchObject({ ok: true, result: { rules: [{ id }] } });
    expect(await dispatch('policy.rules.remove', { id })).toMatchObject({ ok: true, result: { removed: { id } } });
    expect(await dispatch('policy.rules.remove', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a destructive rule reaching a production target with its own code', async () => {
    core = createTestCore();
    core.settings.update({ productionTargets: ['workspace:/prod/*'] });
    expect(await core.dispatcher.dispatch('policy.rules.add', { tool: 'files.*', target: 'workspace:/prod/app', upTo: 'destructive', expiry: 'hour' }, context)).toMatchObject({ ok: false, error: { code: 'POLICY_REFUSED' } });
  });
});
