import { describe, expect, it } from 'vitest';
import type { Target } from '../tools/tool-definition';
import { PolicyEngine, type PolicyRule } from './policy-engine';

const repo: Target = { kind: 'workspace', id: 'workspace:/home/me/repo', label: '/home/me/repo' };
const prod: Target = { kind: 'kubernetes', id: 'kubernetes:prod-eu/payments', label: 'prod-eu/payments' };
const at = (iso: string) => () => new Date(iso);

describe('PolicyEngine: scoped rules (verb, expiry, production)', () => {
  const kubectlGet: PolicyRule = { tool: 'shell.exec', verb: 'kubectl get', target: 'workspace:/home/me/repo', decision: 'allow', upTo: 'write' };
  const policy = new PolicyEngine({ rules: [kubectlGet], production: [] });
  // Write steps ask by default, so an allow is the rule's doing.
  const decide = (command: string | null, risk: 'write' | 'destructive' = 'write', target = repo) => policy.decide('shell.exec', risk, target, { command }).decision;

  it('matches a verb rule on the leading words of a simple command', () => {
    expect(decide('kubectl get pods -n default')).toBe('allow');
    expect(decide('  kubectl   get  deploy/web -o yaml')).toBe('allow');
    expect(decide("kubectl get pods -l 'app in (web,api)'")).toBe('allow');
    expect(policy.decide('shell.exec', 'write', repo, { command: 'kubectl get pods' }).reason).toBe('rule allow shell.exec `kubectl get` on workspace:/home/me/repo');
  });

  it('does not match another verb, a prefix of a word, quoted verb words, or a step without a command', () => {
    expect(decide('kubectl describe pods')).toBe('ask');
    expect(decide('kubectl getx pods')).toBe('ask');
    expect(decide('kubectl')).toBe('ask');
    expect(decide('"kubectl" get pods')).toBe('ask');
    expect(decide("kubectl 'get' pods")).toBe('ask');
    expect(decide(null)).toBe('ask');
    expect(policy.decide('shell.exec', 'write', repo).decision).toBe('ask');
    // Another tool never matches a rule for shell.exec, and a verb rule needs a command.
    expect(new PolicyEngine({ rules: [{ ...kubectlGet, tool: '*' }], production: [] }).decide('files.write', 'write', repo).decision).toBe('ask');
  });

  it('never matches a compound command, a substitution, a redirection, a glob or a leading assignment', () => {
    for (const command of [
      'kubectl get pods; rm -rf ~',
      'kubectl get pods && rm -rf ~',
      'kubectl get pods || true',
      'kubectl get pods | sh',
      'kubectl get pods & rm x',
      'kubectl get $(rm -rf ~)',
      'kubectl get `rm -rf ~`',
      'kubectl get pods > /etc/passwd',
      'kubectl get pods < input',
      'kubectl get pods 2>&1',
      'kubectl get pods\nrm -rf ~',
      'kubectl get $HOME',
      'kubectl get "$HOME"',
      'kubectl get *',
      'kubectl get pods # comment',
      'kubectl get \\; rm',
      'KUBECONFIG=/prod kubectl get pods',
      'kubectl get (pods)',
      'kubectl get {a,b}',
      "kubectl get 'unterminated",
    ]) {
      expect({ command, decision: decide(command) }).toEqual({ command, decision: 'ask' });
    }
  });

  it('stays within the rule’s risk and target', () => {
    expect(decide('kubectl get pods', 'destructive')).toBe('ask');
    expect(decide('kubectl get pods', 'write', { kind: 'workspace', id: 'workspace:/home/me/other', label: 'other' })).toBe('ask');
  });

  it('never matches once expired, checked against the clock at decision time', () => {
    const rule: PolicyRule = { ...kubectlGet, expiresAt: '2030-01-01T10:00:00.000Z' };
    let now = '2030-01-01T09:59:59.999Z';
    const clocked = new PolicyEngine({ rules: [rule], production: [] }, { now: () => new Date(now) });
    expect(clocked.decide('shell.exec', 'write', repo, { command: 'kubectl get pods' }).decision).toBe('allow');
    now = '2030-01-01T10:00:00.000Z';
    expect(clocked.decide('shell.exec', 'write', repo, { command: 'kubectl get pods' }).decision).toBe('ask');
    // An expired deny rule no longer denies either.
    const denied = new PolicyEngine({ rules: [{ tool: 'files.*', decision: 'deny', expiresAt: '2030-01-01T00:00:00Z' }], production: [] }, { now: at('2030-06-01T00:00:00Z') });
    expect(denied.decide('files.read', 'read', repo).decision).toBe('allow');
  });

  it('never honours an allow rule for a destructive or critical step on a production target', () => {
    const rules: PolicyRule[] = [{ tool: '*', decision: 'allow' }, { tool: 'kubernetes.*', target: 'kubernetes:prod-*', decision: 'allow', upTo: 'critical' }];
    const guarded = new PolicyEngine({ rules, production: ['kubernetes:prod-*'] });
    expect(guarded.decide('kubernetes.delete', 'destructive', prod)).toMatchObject({ decision: 'ask', confirmation: 'prod-eu/payments', reason: expect.stringMatching(/^default for destructive steps: ask; an allow rule was not honoured/) });
    expect(guarded.decide('kubernetes.delete', 'destructive', prod).rule).toBeUndefined();
    // Critical falls back to its default refusal (which --allow-critical can still lift for one run).
    expect(guarded.decide('kubernetes.wipe', 'critical', prod)).toMatchObject({ decision: 'deny', confirmation: 'prod-eu/payments' });
    // Write on production: the rule applies, and the typed confirmation is still asked for.
    expect(guarded.decide('kubernetes.apply', 'write', prod)).toMatchObject({ decision: 'ask', confirmation: 'prod-eu/payments', rule: true });
    // An earlier ask or deny rule still applies when the allow after it is passed over.
    const withDeny = new PolicyEngine({ rules: [{ tool: 'kubernetes.*', decision: 'deny' }, ...rules], production: ['kubernetes:prod-*'] });
    expect(withDeny.decide('kubernetes.delete', 'destructive', prod)).toMatchObject({ decision: 'deny', rule: true });
    // Off production the same rules allow.
    expect(guarded.decide('kubernetes.delete', 'destructive', { kind: 'kubernetes', id: 'kubernetes:kind/dev', label: 'kind/dev' }).decision).toBe('allow');
  });

  it('keeps last-match-wins with verb and expiring rules among the others', () => {
    const rules: PolicyRule[] = [
      { tool: 'shell.exec', decision: 'deny' },
      { tool: 'shell.exec', verb: 'git status', decision: 'allow', upTo: 'read' },
      { tool: 'shell.exec', verb: 'git', decision: 'ask', expiresAt: '2000-01-01T00:00:00Z' },
    ];
    const ordered = new PolicyEngine({ rules, production: [] }, { now: at('2030-01-01T00:00:00Z') });
    expect(ordered.decide('shell.exec', 'read', repo, { command: 'git status --short' }).decision).toBe('allow');
    expect(ordered.decide('shell.exec', 'write', repo, { command: 'git status --short' }).decision).toBe('deny'); // above the allow's risk
    expect(ordered.decide('shell.exec', 'read', repo, { command: 'git log' }).decision).toBe('deny');
    // Before the last rule expired, it came last and won.
    const live = new PolicyEngine({ rules, production: [] }, { now: at('1999-01-01T00:00:00Z') });
    expect(live.decide('shell.exec', 'read', repo, { command: 'git status' }).decision).toBe('ask');
  });
});
