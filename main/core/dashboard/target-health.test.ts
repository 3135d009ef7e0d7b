import { describe, expect, it } from 'vitest';
import type { FamilyTargetHealth } from '../../../preload/contract';
import { defineFamily, type Family, type HealthWhere } from '../families/family';
import { PolicyEngine } from '../policy/policy-engine';
import { gatherTargetHealth } from './target-health';

const card = (id: string, summary = `${id} is fine`): FamilyTargetHealth => ({ id, kind: 'Toy target', label: id, tone: 'ok', state: 'connected', summary, fix: null, facts: [{ label: 'Version', value: '1.0' }], counts: [{ label: 'running', value: 2, tone: 'ok' }], open: null });
const family = (id: string, health: (where: HealthWhere) => Promise<readonly FamilyTargetHealth[]>): Family => defineFamily({ id, title: `Toy ${id}`, description: 'A toy family for the dashboard', tools: [], health });
const where = { env: {}, secret: () => null, workspace: '/nowhere' };
const options = { production: [] as string[], redact: (text: string) => text, policy: new PolicyEngine() };

describe('gathering target health for the dashboard', () => {
  it('shows every family that answers, and a family past its time limit as not answering (its signal aborted)', async () => {
    let slowSignal: AbortSignal | null = null;
    const slow = family('slow', (where) => {
      slowSignal = where.signal;
      return new Promise(() => {}); // a cluster that never answers
    });
    const quick = family('quick', async () => [card('quick:a'), card('quick:b')]);
    const targets = await gatherTargetHealth([slow, quick], where, { ...options, limitMs: 200 });
    expect(targets.map((target) => [target.id, target.family, target.state])).toEqual([
      ['slow', 'slow', 'no answer'],
      ['quick:a', 'quick', 'connected'],
      ['quick:b', 'quick', 'connected'],
    ]);
    expect(targets[0]!.summary).toBe('Toy slow did not answer within 0.2 s, so its targets are not shown this time.');
    expect(targets[0]!.fix).toMatch(/reign doctor/);
    expect(slowSignal!.aborted).toBe(true);
  });

  it('turns a family that throws into one card saying what failed, and still shows the others', async () => {
    const broken = family('broken', async () => {
      throw new Error('socket hang up');
    });
    const fine = family('fine', async () => [card('fine:x')]);
    const targets = await gatherTargetHealth([broken, fine], where, options);
    expect(targets.map((target) => [target.id, target.tone, target.summary])).toEqual([
      ['broken', 'bad', 'Reading the health of Toy broken failed: socket hang up'],
      ['fine:x', 'ok', 'fine:x is fine'],
    ]);
  });

  it('skips families without a health hook', async () => {
    const none = defineFamily({ id: 'none', title: 'No health', description: 'No hook', tools: [] });
    expect(await gatherTargetHealth([none], where, options)).toEqual([]);
  });

  it('marks production targets from the settings globs, keeps the family\'s own marks, and masks secrets in what a family says', async () => {
    const kube = family('kube', async () => [
      { ...card('kubernetes:prod/*', 'answered at https://user:hunter2@prod.example'), marks: ['current'] },
      card('kubernetes:dev/*'),
    ]);
    const targets = await gatherTargetHealth([kube], where, { ...options, production: ['kubernetes:prod/*'], redact: (text) => text.replaceAll('hunter2', '•••') });
    expect(targets.map((target) => [target.id, target.marks])).toEqual([
      ['kubernetes:prod/*', ['current', 'production']],
      ['kubernetes:dev/*', []],
    ]);
    expect(targets[0]!.summary).toBe('answered at https://user:•••@prod.example');
  });

  it('does not read a target a policy rule denies reads of, and shows it as not read, naming the rule', async () => {
    const policy = new PolicyEngine({ rules: [{ tool: 'kubernetes.*', target: 'kubernetes:prod/*', decision: 'deny' }], production: [] });
    const read: string[] = [];
    // A family that asks before each read, as the real ones do.
    const kube = family('kubernetes', async (where) =>
      ['kubernetes:prod/*', 'kubernetes:dev/*'].map((id) => {
        const refused = where.readRefusal(id, 'kubernetes.list');
        if (refused) return { ...card(id), ...refused };
        read.push(id);
        return card(id);
      }),
    );
    const targets = await gatherTargetHealth([kube], where, { ...options, policy });
    expect(read).toEqual(['kubernetes:dev/*']);
    expect(targets.map((target) => [target.id, target.state, target.counts.length, target.open])).toEqual([
      ['kubernetes:prod/*', 'not read', 0, null],
      ['kubernetes:dev/*', 'connected', 1, null],
    ]);
    expect(targets[0]!.summary).toBe('Not read because of the policy rule “deny kubernetes.* on kubernetes:prod/*”: the dashboard reads it as kubernetes.list.');
    expect(targets[0]!.facts).toEqual([]);
    expect(targets[0]!.fix).toMatch(/Settings → Policy/);
  });

  it('hides what a family read anyway of a denied target (checked again by the card\'s target id)', async () => {
    const policy = new PolicyEngine({ rules: [{ tool: '*', target: 'toy:secret', decision: 'deny' }], production: [] });
    const careless = family('toy', async () => [card('toy:secret', 'secret build failed'), card('toy:open')]);
    const targets = await gatherTargetHealth([careless], where, { ...options, policy });
    expect(targets.map((target) => [target.id, target.state])).toEqual([
      ['toy:secret', 'not read'],
      ['toy:open', 'connected'],
    ]);
    expect(JSON.stringify(targets[0])).not.toContain('secret build failed');
    expect(targets[0]!.summary).toBe('Not read because of the policy rule “deny * on toy:secret”: the dashboard reads it as toy.health.');
  });
});
