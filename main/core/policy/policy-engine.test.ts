import { describe, expect, it } from 'vitest';
import type { Target } from '../tools/tool-definition';
import { PolicyEngine } from './policy-engine';

const prod: Target = { kind: 'kubernetes', id: 'kubernetes:prod-eu/payments', label: 'prod-eu/payments' };
const dev: Target = { kind: 'kubernetes', id: 'kubernetes:kind-dev/default', label: 'kind-dev/default' };

describe('PolicyEngine', () => {
  it('defaults: read is allowed, write and destructive ask, critical is refused', () => {
    const policy = new PolicyEngine();
    expect(['read', 'write', 'destructive', 'critical'].map((risk) => policy.decide('shell.exec', risk as never, dev).decision)).toEqual(['allow', 'ask', 'ask', 'deny']);
  });

  it('matches rules on tool globs and target globs; the last matching rule wins', () => {
    const policy = new PolicyEngine({
      rules: [
        { tool: 'kubernetes.*', decision: 'allow', upTo: 'write' },
        { tool: 'kubernetes.*', target: 'kubernetes:prod-*', decision: 'deny' },
      ],
      production: [],
    });
    expect(policy.decide('kubernetes.apply', 'write', dev)).toMatchObject({ decision: 'allow', reason: 'rule allow kubernetes.*' });
    expect(policy.decide('kubernetes.apply', 'destructive', dev).decision).toBe('ask'); // above the rule's upTo: defaults
    expect(policy.decide('kubernetes.apply', 'write', prod)).toMatchObject({ decision: 'deny', reason: 'rule deny kubernetes.* on kubernetes:prod-*' });
    expect(policy.decide('docker.run', 'write', prod).decision).toBe('ask');
  });

  it('asks for the typed name of a production target for anything above read, even where a rule allows', () => {
    const policy = new PolicyEngine({ rules: [{ tool: '*', decision: 'allow' }], production: ['kubernetes:prod-*'] });
    expect(policy.decide('kubernetes.apply', 'write', prod)).toMatchObject({ decision: 'ask', confirmation: 'prod-eu/payments' });
    expect(policy.decide('kubernetes.get', 'read', prod)).toMatchObject({ decision: 'allow', confirmation: null });
    expect(policy.decide('kubernetes.apply', 'write', dev)).toMatchObject({ decision: 'allow', confirmation: null });
  });

  it('reads its rules afresh at each decision when given a provider (settings changes apply at once)', () => {
    let rules = [] as { tool: string; decision: 'deny' }[];
    const policy = new PolicyEngine(() => ({ rules, production: [] }));
    expect(policy.decide('files.read', 'read', dev).decision).toBe('allow');
    rules = [{ tool: 'files.*', decision: 'deny' }];
    expect(policy.decide('files.read', 'read', dev).decision).toBe('deny');
  });

  it('applies the defaults per risk from settings, but never lets a destructive step run without a person', () => {
    const policy = new PolicyEngine({ rules: [], production: [], defaults: { read: 'ask', write: 'allow', destructive: 'allow' as never, critical: 'ask' } });
    expect(policy.decide('files.read', 'read', dev)).toMatchObject({ decision: 'ask', reason: 'default for read steps: ask' });
    expect(policy.decide('files.write', 'write', dev).decision).toBe('allow');
    expect(policy.decide('files.delete', 'destructive', dev)).toMatchObject({ decision: 'ask', reason: 'default for destructive steps: ask' });
    expect(policy.decide('shell.exec', 'critical', dev).decision).toBe('ask');
  });
});
