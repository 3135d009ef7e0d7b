import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, ReignError } from '../../../preload/contract';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { createAppStore } from './app-store';

const rule = { id: 'rule-1', tool: 'shell.exec', verb: 'kubectl get', target: 'workspace:/repo', decision: 'allow' as const, upTo: 'read' as const, source: 'approval' as const, expired: false };

describe('policy rules slice', () => {
  it('allows again from an approval (source: approval) and reads the rules again from settings', async () => {
    const sent: unknown[] = [];
    let stored: (typeof rule)[] = [];
    const store = createAppStore(
      scriptedApi({
        'policy.rules.add': async (request) => (sent.push(request), (stored = [rule]), { rule }),
        'settings.get': async () => ({ ...DEFAULT_SETTINGS, policyRules: stored }),
      }),
    );
    expect(await store.getState().allowAgain({ tool: 'shell.exec', verb: 'kubectl get', target: 'workspace:/repo', upTo: 'read', expiry: 'hour' })).toEqual(rule);
    expect(sent).toEqual([{ tool: 'shell.exec', verb: 'kubectl get', target: 'workspace:/repo', upTo: 'read', expiry: 'hour', source: 'approval' }]);
    expect(store.getState().settings?.policyRules).toEqual([rule]);
    expect(store.getState().policyRulesError).toBeNull();
  });

  it("shows main's refusal and reports the revoke as failed", async () => {
    const refused = new ReignError({ name: 'Error', code: 'POLICY_REFUSED', message: 'Refused: destructive steps on production targets always need a person' });
    const store = createAppStore(scriptedApi({ 'policy.rules.add': async () => Promise.reject(refused), 'policy.rules.remove': async () => Promise.reject(new Error('There is no policy rule rule-9.')) }));
    expect(await store.getState().allowAgain({ tool: 'kubernetes.*', upTo: 'destructive', expiry: 'always' })).toBeNull();
    expect(store.getState().policyRulesError).toMatch(/always need a person/);
    expect(await store.getState().revokePolicyRule('rule-9')).toBe(false);
    expect(store.getState().policyRulesError).toBe('There is no policy rule rule-9.');
  });

  it('revokes by id', async () => {
    const removed: string[] = [];
    const store = createAppStore(scriptedApi({ 'policy.rules.remove': async ({ id }) => (removed.push(id), { removed: rule }), 'settings.get': async () => DEFAULT_SETTINGS }));
    expect(await store.getState().revokePolicyRule('rule-1')).toBe(true);
    expect(removed).toEqual(['rule-1']);
  });
});
