import { describe, expect, it } from 'vitest';
import { PolicyRuleAddSchema } from '../../../preload/contract';
import { AuditLog } from '../audit/audit-log';
import { Redactor } from '../audit/redactor';
import { EventBus } from '../events/event-bus';
import { SettingsService } from '../settings/settings-service';
import { openDatabase } from '../storage/database';
import { SettingsRepository } from '../storage/settings-repository';
import { PolicyEngine } from './policy-engine';
import { PolicyRulesService } from './policy-rules-service';

const repo = { kind: 'workspace' as const, id: 'workspace:/home/me/repo', label: '/home/me/repo' };

function setup(start = '2030-03-04T10:00:00.000Z') {
  const db = openDatabase({ file: ':memory:' });
  const settings = new SettingsService(new SettingsRepository(db), new EventBus());
  const audit = new AuditLog(db, new Redactor());
  const clock = { now: new Date(start) };
  let ids = 0;
  const service = new PolicyRulesService({ settings, audit, now: () => clock.now, newId: () => `rule-${++ids}` });
  const policy = new PolicyEngine(() => ({ rules: settings.get().policyRules, production: settings.get().productionTargets }), { now: () => clock.now });
  const journal = () => [...audit.entries()].filter((entry) => entry.kind.startsWith('policy.rule.')).map((entry) => ({ kind: entry.kind, payload: entry.payload }));
  const add = (request: Record<string, unknown>) => service.add(PolicyRuleAddSchema.parse(request));
  return { settings, service, policy, journal, clock, add };
}

describe('PolicyRulesService', () => {
  it('adds an allow rule from an approval, stores it in settings where the policy reads it, and journals it', () => {
    const { add, service, settings, policy, journal } = setup();
    const rule = add({ tool: 'shell.exec', verb: 'kubectl get', target: repo.id, upTo: 'read', expiry: 'hour', source: 'approval' });
    expect(rule).toEqual({
      id: 'rule-1',
      tool: 'shell.exec',
      verb: 'kubectl get',
      target: repo.id,
      decision: 'allow',
      upTo: 'read',
      expiresAt: '2030-03-04T11:00:00.000Z',
      createdAt: '2030-03-04T10:00:00.000Z',
      source: 'approval',
      expired: false,
    });
    const { expired: _, ...stored } = rule;
    expect(settings.get().policyRules).toEqual([stored]);
    expect(service.list()).toEqual([rule]);
    expect(journal()).toEqual([{ kind: 'policy.rule.added', payload: { rule: stored, description: 'allow shell.exec `kubectl get` on workspace:/home/me/repo' } }]);
    expect(policy.decide('shell.exec', 'read', repo, { command: 'kubectl get pods' }).rule).toBe(true);
  });

  it('computes the expiry: an hour, the end of the local day, or none for always', () => {
    const { add, clock, policy } = setup();
    const today = add({ tool: 'files.write', target: repo.id, upTo: 'write', expiry: 'today' });
    const end = new Date(today.expiresAt!);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes(), end.getSeconds()]).toEqual([2030, 2, 4, 23, 59, 59]);
    expect(add({ tool: 'docker.*', upTo: 'write', expiry: 'always' }).expiresAt).toBeUndefined();
    expect(policy.decide('files.write', 'write', repo).reason).toBe('rule allow files.write on workspace:/home/me/repo');
    clock.now = new Date(end.getTime() + 1);
    expect(policy.decide('files.write', 'write', repo).decision).toBe('ask');
  });

  it('lists an expired rule as expired and drops it, journaled, when the next rule is added', () => {
    const { add, service, clock, journal } = setup();
    add({ tool: 'shell.exec', verb: 'git status', upTo: 'read', expiry: 'hour' });
    clock.now = new Date('2030-03-04T11:00:00.000Z');
    expect(service.list()).toMatchObject([{ id: 'rule-1', expired: true }]);
    add({ tool: 'shell.exec', verb: 'git log', upTo: 'read', expiry: 'always' });
    expect(service.list().map((rule) => rule.id)).toEqual(['rule-2']);
    expect(journal().map((entry) => [entry.kind, (entry.payload as { rule: { id: string }; reason?: string }).rule.id, (entry.payload as { reason?: string }).reason])).toEqual([
      ['policy.rule.added', 'rule-1', undefined],
      ['policy.rule.added', 'rule-2', undefined],
      ['policy.rule.removed', 'rule-1', 'expired'],
    ]);
  });

  it('refuses destructive or critical rules that would reach a production target, and journals nothing', () => {
    const { add, settings, journal } = setup();
    settings.update({ productionTargets: ['kubernetes:prod-*'] });
    expect(() => add({ tool: 'kubernetes.*', target: 'kubernetes:prod-eu/payments', upTo: 'destructive', expiry: 'hour' })).toThrow(expect.objectContaining({ code: 'POLICY_REFUSED', message: expect.stringMatching(/production targets always need a person/) }));
    expect(() => add({ tool: 'kubernetes.*', upTo: 'critical', expiry: 'always' })).toThrow(/every target includes production \(kubernetes:prod-\*\)/);
    expect(() => add({ tool: 'kubernetes.*', target: 'kubernetes:*', upTo: 'destructive', expiry: 'today' })).toThrow(/POLICY|production/);
    expect(settings.get().policyRules).toEqual([]);
    expect(journal()).toEqual([]);
    // Up to write on production, or destructive elsewhere, is allowed.
    expect(add({ tool: 'kubernetes.*', target: 'kubernetes:prod-eu/payments', upTo: 'write', expiry: 'hour' }).id).toBe('rule-1');
    expect(add({ tool: 'kubernetes.*', target: 'kubernetes:kind-dev/*', upTo: 'destructive', expiry: 'hour' }).id).toBe('rule-2');
  });

  it('has no expiry "for this session"', () => {
    expect(PolicyRuleAddSchema.safeParse({ tool: 'shell.exec', upTo: 'read', expiry: 'session' }).success).toBe(false);
  });

  it('revokes a rule by id, journaled, including rules written in settings before rules had ids', () => {
    const { add, service, settings, journal, policy } = setup();
    settings.update({ policyRules: [{ tool: 'files.*', decision: 'allow', upTo: 'write' }] });
    const made = add({ tool: 'shell.exec', verb: 'ls', upTo: 'read', expiry: 'always' });
    const [legacy] = service.list();
    expect(legacy!.id).toMatch(/^rule-[0-9a-f]{8}$/);
    expect(service.remove(legacy!.id)).toMatchObject({ tool: 'files.*', id: legacy!.id });
    expect(policy.decide('files.write', 'write', repo).decision).toBe('ask');
    service.remove(made.id);
    expect(settings.get().policyRules).toEqual([]);
    expect(journal().filter((entry) => entry.kind === 'policy.rule.removed').map((entry) => entry.payload)).toEqual([
      { rule: { tool: 'files.*', decision: 'allow', upTo: 'write', id: legacy!.id }, reason: 'revoked' },
      { rule: expect.objectContaining({ id: made.id, verb: 'ls' }), reason: 'revoked' },
    ]);
    expect(() => service.remove('rule-nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
