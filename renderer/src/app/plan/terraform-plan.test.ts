import { describe, expect, it } from 'vitest';
import { PreviewSchema } from '../../../../preload/contract';
import { addressInModule, attributeShown, countParts, firstChanges, groupByModule, nextRowIndex, toggled } from './terraform-plan';
import { planFixture } from './terraform-plan.fixture';

describe('terraform plan preview logic', () => {
  it('the fixture is a preview the contract accepts, and a plan without counts is refused', () => {
    expect(PreviewSchema.parse(planFixture)).toEqual(planFixture);
    const { counts: _counts, ...countless } = planFixture;
    expect(PreviewSchema.safeParse(countless).success).toBe(false);
    expect(PreviewSchema.safeParse({ ...planFixture, changes: [{ ...planFixture.changes[0], action: 'destroy' }] }).success).toBe(false);
  });

  it('counts read like Terraform: create, update, replace, destroy always; read only when there is some', () => {
    expect(countParts(planFixture.counts).map((part) => part.text)).toEqual(['+3 to create', '~1 to update', '-/+1 to replace', '-2 to destroy', '<=1 to read']);
    expect(countParts({ create: 0, update: 2, replace: 0, delete: 0, read: 0, forget: 0 }).map((part) => part.text)).toEqual(['+0 to create', '~2 to update', '-/+0 to replace', '-0 to destroy']);
  });

  it('counts forgets after destroys, and only when there are some', () => {
    expect(countParts({ create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 2 }).map((part) => part.text)).toEqual(['+0 to create', '~0 to update', '-/+0 to replace', '-0 to destroy', '->2 to forget']);
    expect(countParts(planFixture.counts).map((part) => part.action)).not.toContain('forget');
  });

  it('accepts a forget, and reads a preview without a forget count (made before forgets were counted) as 0', () => {
    const forgotten = { ...planFixture.changes[0]!, action: 'forget', attributes: [] };
    expect(PreviewSchema.parse({ ...planFixture, changes: [forgotten] })).toMatchObject({ changes: [{ action: 'forget' }] });
    const { forget: _forget, ...olderCounts } = planFixture.counts;
    expect(PreviewSchema.parse({ ...planFixture, counts: olderCounts })).toMatchObject({ counts: { forget: 0 } });
  });

  it('groups changes by module, the root module first, keeping Terraform\'s order within each', () => {
    const moduleFirst = [planFixture.changes[4]!, ...planFixture.changes.slice(0, 4)];
    const groups = groupByModule(moduleFirst);
    expect(groups.map((group) => group.module)).toEqual([null, 'module.network']);
    expect(groups[0]!.changes.map((change) => change.address)).toEqual(['random_pet.name', 'random_password.db', 'tls_private_key.ca', 'local_file.motd']);
    expect(groupByModule(planFixture.changes.slice(4)).map((group) => group.module)).toEqual(['module.network']);
    expect(groupByModule([])).toEqual([]);
  });

  it('shows an address under its module heading without the module prefix', () => {
    expect(addressInModule(planFixture.changes[6]!)).toBe('data.local_file.cidr');
    expect(addressInModule(planFixture.changes[0]!)).toBe('random_pet.name');
    expect(addressInModule({ address: 'module.a.module.b.x.y', module: 'module.a.module.b' })).toBe('x.y');
  });

  it('masks a sensitive attribute even if a value reached the renderer', () => {
    const leaked = { path: 'result', before: 'hunter2', after: 'hunter3', sensitive: true, forcesReplacement: false };
    expect(attributeShown(leaked)).toEqual({ kind: 'sensitive', text: '(sensitive)' });
    expect(JSON.stringify(attributeShown(leaked))).not.toContain('hunter');
  });

  it('tells added, removed and changed values apart', () => {
    const attribute = (before: string | null, after: string | null) => attributeShown({ path: 'a', before, after, sensitive: false, forcesReplacement: false });
    expect(attribute(null, '(known after apply)')).toEqual({ kind: 'added', after: '(known after apply)' });
    expect(attribute('"4751"', null)).toEqual({ kind: 'removed', before: '"4751"' });
    expect(attribute('"RSA"', '"ECDSA"')).toEqual({ kind: 'changed', before: '"RSA"', after: '"ECDSA"' });
    expect(attribute(null, null)).toEqual({ kind: 'changed', before: 'null', after: 'null' });
  });

  it('moves row focus with the arrow keys, Home and End, and stops at the ends', () => {
    expect(nextRowIndex(0, 'ArrowDown', 3)).toBe(1);
    expect(nextRowIndex(2, 'ArrowDown', 3)).toBe(2);
    expect(nextRowIndex(0, 'ArrowUp', 3)).toBe(0);
    expect(nextRowIndex(1, 'Home', 3)).toBe(0);
    expect(nextRowIndex(0, 'End', 3)).toBe(2);
    expect(nextRowIndex(0, 'a', 3)).toBeNull();
    expect(nextRowIndex(0, 'ArrowDown', 0)).toBeNull();
  });

  it('expands and collapses a row by its key', () => {
    const once = toggled(new Set(), 'change:a');
    expect([...once]).toEqual(['change:a']);
    expect([...toggled(once, 'change:a')]).toEqual([]);
  });
});

describe('a long plan rendered frame by frame', () => {
  const groups = groupByModule(planFixture.changes); // root: 4 changes, module.network: 4

  it('renders the first changes in order, cutting the group where the limit falls, with each group\'s full count', () => {
    expect(firstChanges(groups, 6).map((group) => [group.module, group.changes.length, group.total])).toEqual([[null, 4, 4], ['module.network', 2, 4]]);
    expect(firstChanges(groups, 4).map((group) => group.module)).toEqual([null]);
    expect(firstChanges(groups, 0)).toEqual([]);
    expect(firstChanges(groups, 100).flatMap((group) => group.changes)).toEqual(groups.flatMap((group) => group.changes));
  });
});
