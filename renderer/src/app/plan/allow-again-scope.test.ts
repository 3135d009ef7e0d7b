import { describe, expect, it } from 'vitest';
import type { ProposedStepView } from '../../../../preload/contract';
import { allowAgainScope } from './allow-again-scope';

const step = (extra: Partial<ProposedStepView> = {}): ProposedStepView => ({
  id: 's',
  tool: 'shell.exec',
  input: {},
  dependsOn: [],
  risk: 'write',
  reasons: [],
  target: { kind: 'workspace', id: 'workspace:/repo', label: '/repo' },
  decision: 'ask',
  confirmation: null,
  preview: { kind: 'text', text: '' },
  undoable: false,
  shellCommand: 'kubectl get pods -n web',
  ...extra,
});

describe('allowAgainScope', () => {
  it('scopes to the tool, the verb of a shell command, the exact target and the step’s risk', () => {
    expect(allowAgainScope(step())).toEqual({ ok: true, tool: 'shell.exec', verb: 'kubectl get', target: 'workspace:/repo', targetLabel: '/repo', upTo: 'write' });
    expect(allowAgainScope(step({ tool: 'files.write', shellCommand: null }))).toEqual({ ok: true, tool: 'files.write', target: 'workspace:/repo', targetLabel: '/repo', upTo: 'write' });
  });

  it('refuses, saying why, for destructive or critical steps on production and for compound commands', () => {
    expect(allowAgainScope(step({ risk: 'destructive', confirmation: 'prod' }))).toMatchObject({ ok: false, why: expect.stringMatching(/production targets always need a person/) });
    expect(allowAgainScope(step({ risk: 'critical', confirmation: 'prod' }))).toMatchObject({ ok: false });
    expect(allowAgainScope(step({ shellCommand: 'kubectl get pods | sh' }))).toMatchObject({ ok: false, why: expect.stringMatching(/simple command/) });
    // On production a rule could not skip the typed confirmation anyway: nothing to offer.
    expect(allowAgainScope(step({ confirmation: 'prod' }))).toMatchObject({ ok: false, why: expect.stringMatching(/is marked production/) });
  });

  it('offers nothing where the policy already decides', () => {
    expect(allowAgainScope(step({ decision: 'allow' }))).toBeNull();
    expect(allowAgainScope(step({ decision: 'deny' }))).toBeNull();
  });
});
