import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskPlanJson } from './terraform-json-mask';
import { planFacts } from './terraform-plan-facts';
import { actionOf, type PlanJson } from './terraform-plan-json';
import { countsLine, planPreview } from './terraform-plan-preview';
import { planRisk } from './terraform-plan-risk';

// Plans made by real terraform 1.11 with the random and local providers (fixtures/generate.sh):
// a first apply, a change that updates one resource and replaces two, a refresh-only plan after
// a managed file was edited by hand, the destruction of what is left, and removed blocks with
// destroy = false that make Terraform forget two resources.

const fixture = (name: string): { json: PlanJson; text: string } => ({
  json: JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.plan.json`), 'utf8')) as PlanJson,
  text: readFileSync(join(__dirname, 'fixtures', `${name}.plan.txt`), 'utf8'),
});
const preview = (name: string) => {
  const { json, text } = fixture(name);
  return planPreview(json, text, name);
};
const SECRET_VARIABLE = 'fixture-Secret-9f2';
const generatedPassword = (): string => (fixture('change').json.resource_changes!.find((change) => change.type === 'random_password')!.change.before as { result: string }).result;

describe('the rendered preview of a Terraform plan', () => {
  it('counts a first apply and groups its changes by module, root first', () => {
    const rendered = preview('create');
    expect(rendered.counts).toEqual({ create: 5, update: 0, replace: 0, delete: 0, read: 0, forget: 0 });
    expect(rendered.changes.map((change) => [change.module, change.address])).toEqual([
      [null, 'local_file.note'],
      [null, 'random_password.pw'],
      [null, 'random_pet.name'],
      [null, 'terraform_data.box'],
      ['module.inner', 'module.inner.terraform_data.thing'],
    ]);
    const pet = rendered.changes.find((change) => change.address === 'random_pet.name')!;
    expect(pet.attributes).toContainEqual({ path: 'id', before: null, after: '(known after apply)', sensitive: false, forcesReplacement: false });
    expect(pet.attributes).toContainEqual({ path: 'length', before: null, after: '2', sensitive: false, forcesReplacement: false });
    const note = rendered.changes.find((change) => change.address === 'local_file.note')!;
    expect(note.attributes).toContainEqual(expect.objectContaining({ path: 'content', before: null, after: '"hello"' }));
  });

  it('shows a replacement with the attribute that forces it, and an update with only what differs', () => {
    const rendered = preview('change');
    expect(rendered.counts).toEqual({ create: 0, update: 1, replace: 2, delete: 0, read: 0, forget: 0 });
    const password = rendered.changes.find((change) => change.address === 'random_password.pw')!;
    expect(password).toMatchObject({ action: 'replace', replaceBecause: ['length'] });
    expect(password.attributes).toContainEqual({ path: 'length', before: '12', after: '16', sensitive: false, forcesReplacement: true });
    expect(password.attributes).toContainEqual({ path: 'result', before: null, after: '(known after apply)', sensitive: true, forcesReplacement: false });
    const note = rendered.changes.find((change) => change.address === 'local_file.note')!;
    expect(note.replaceBecause).toEqual(['content']);
    expect(note.attributes).toContainEqual({ path: 'content', before: '"hello"', after: '"hello again"', sensitive: false, forcesReplacement: true });
    const box = rendered.changes.find((change) => change.address === 'terraform_data.box')!;
    expect(box.action).toBe('update');
    expect(box.attributes).toEqual([
      { path: 'input.size', before: '12', after: '16', sensitive: false, forcesReplacement: false },
      { path: 'output', before: '{"password":"(sensitive value)","size":12}', after: '(known after apply)', sensitive: false, forcesReplacement: false },
    ]);
    // Unchanged resources (random_pet, the module's thing) are not listed.
    expect(rendered.changes).toHaveLength(3);
  });

  it('never carries a sensitive value, even one terraform itself prints in clear', () => {
    const { text } = fixture('change');
    // terraform_data's output loses the sensitive mark of its input, so `terraform show` prints it.
    expect(text).toContain(SECRET_VARIABLE);
    for (const name of ['create', 'change', 'drift', 'destroy']) {
      const rendered = JSON.stringify(preview(name));
      expect(rendered, name).not.toContain(SECRET_VARIABLE);
      expect(rendered, name).not.toContain(generatedPassword());
    }
    expect(preview('change').text).toContain('- password = "(sensitive value)"');
    const masked = JSON.stringify(maskPlanJson(fixture('change').json));
    expect(masked).not.toContain(SECRET_VARIABLE);
    expect(masked).not.toContain(generatedPassword());
    expect(masked).toContain('"length":16');
  });

  it('lists what changed outside Terraform as drift, apart from the changes', () => {
    const rendered = preview('drift');
    expect(rendered.changes).toEqual([]);
    expect(rendered.drift).toHaveLength(1);
    expect(rendered.drift[0]).toMatchObject({ address: 'local_file.note', action: 'delete' });
    expect(rendered.drift[0]!.attributes).toContainEqual(expect.objectContaining({ path: 'content', before: '"hello"', after: null }));
    expect(rendered.text).toMatch(/local_file\.note has been deleted/);
  });

  it('counts a destroy plan', () => {
    expect(preview('destroy').counts).toEqual({ create: 0, update: 0, replace: 0, delete: 4, read: 0, forget: 0 });
  });

  it('lists what removed blocks with destroy = false forget, counted, with no attribute changed and no secret shown', () => {
    const rendered = preview('forget');
    expect(rendered.counts).toEqual({ create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 2 });
    expect(rendered.changes).toEqual([
      { address: 'local_file.note', module: null, type: 'local_file', name: 'note', action: 'forget', replaceBecause: [], attributes: [] },
      { address: 'random_password.pw', module: null, type: 'random_password', name: 'pw', action: 'forget', replaceBecause: [], attributes: [] },
    ]);
    expect(rendered.drift).toEqual([]);
    // terraform's own summary leaves forgets out ("0 to add, 0 to change, 0 to destroy"); the preview does not.
    expect(rendered.text).toMatch(/# local_file\.note will no longer be managed by Terraform, but will not be destroyed/);
    expect(rendered.text).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(countsLine(rendered.counts)).toBe('2 to forget');
    // The forgotten password's result is in the plan JSON in clear (its before); it reaches no preview.
    const forgottenPassword = (fixture('forget').json.resource_changes!.find((change) => change.address === 'random_password.pw')!.change.before as { result: string }).result;
    expect(JSON.stringify(fixture('forget').json)).toContain(forgottenPassword);
    expect(JSON.stringify(rendered)).not.toContain(forgottenPassword);
    expect(JSON.stringify(rendered)).not.toContain(SECRET_VARIABLE);
  });
});

describe('the risk of applying a saved plan, from what it does', () => {
  const facts = (name: string) => planFacts(fixture(name).json, `.reign/plans/${name}.tfplan`, 'sha');

  it('rates creates as write, replacements as destructive, destroying everything as critical', () => {
    expect(planRisk(facts('create'))).toMatchObject({ risk: 'write', reasons: [expect.stringMatching(/^creates 5: /)] });
    const change = planRisk(facts('change'));
    expect(change.risk).toBe('destructive');
    expect(change.reasons).toContain('replaces random_password.pw (destroys it and creates a new one, because length cannot change in place)');
    expect(planRisk(facts('destroy'))).toMatchObject({ risk: 'critical', reasons: ['destroys every resource of the workspace (4)'] });
  });

  it('rates forgetting as destructive, naming what Terraform stops managing', () => {
    expect(planRisk(facts('forget'))).toEqual({ risk: 'destructive', reasons: ['removes local_file.note, random_password.pw from the state (Terraform no longer manages them; the real objects stay)'] });
  });

  it('rates recording drift as write and a plan that changes nothing as read', () => {
    expect(planRisk(facts('drift'))).toMatchObject({ risk: 'write', reasons: ['records 1 change made outside Terraform in the state'] });
    expect(planRisk({ ...facts('create'), changes: [], outputsChanged: 0 })).toEqual({ risk: 'read', reasons: ['the saved plan changes nothing'] });
  });

  it('rates deleting or replacing a resource that holds data as critical, whatever else the plan does', () => {
    const base = facts('change');
    const database = { address: 'aws_db_instance.main', type: 'aws_db_instance', action: 'replace' as const, replaceBecause: ['engine'] };
    expect(planRisk({ ...base, changes: [...base.changes, database] })).toMatchObject({ risk: 'critical', reasons: ['replaces aws_db_instance.main, a database: its data is lost'] });
    const volume = { address: 'kubernetes_persistent_volume_claim_v1.data', type: 'kubernetes_persistent_volume_claim_v1', action: 'delete' as const, replaceBecause: [] };
    expect(planRisk({ ...base, changes: [volume] }).risk).toBe('critical');
    // Creating one is an ordinary write.
    expect(planRisk({ ...base, resourcesBefore: [], changes: [{ ...database, action: 'create' }] }).risk).toBe('write');
  });

  it('reads a delete and a create in either order as a replacement', () => {
    expect(actionOf(['delete', 'create'])).toBe('replace');
    expect(actionOf(['create', 'delete'])).toBe('replace');
    expect(actionOf(['no-op'])).toBe('no-op');
  });
});

describe('drift that is nothing against nothing', () => {
  // The kubernetes provider right after an apply: the state has null where it reads back {} (e2e/terraform-kubernetes.spec.ts).
  const drifted = (before: Record<string, unknown>, after: Record<string, unknown>) => ({
    address: 'kubernetes_config_map_v1.settings',
    mode: 'managed',
    type: 'kubernetes_config_map_v1',
    name: 'settings',
    change: { actions: ['update'], before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  });
  const plan = (drift: ReturnType<typeof drifted>[]) => ({ format_version: '1.2', resource_changes: [], resource_drift: drift }) as unknown as PlanJson;

  it('is no drift: an unset map read back as {} differs for no one', () => {
    const rendered = planPreview(plan([drifted({ data: { mode: 'blue' }, binary_data: null, metadata: [{ annotations: null, name: 'settings' }] }, { data: { mode: 'blue' }, binary_data: {}, metadata: [{ annotations: {}, name: 'settings' }] })]), '', 'refresh');
    expect(rendered.drift).toEqual([]);
  });

  it('is no drift either when an unset number or flag is read back as 0 or false (the docker provider)', () => {
    const rendered = planPreview(plan([drifted({ networks_advanced: [{ gw_priority: null, name: 'net' }], volumes: [{ read_only: null }] }, { networks_advanced: [{ gw_priority: 0, name: 'net' }], volumes: [{ read_only: false }] })]), '', 'refresh');
    expect(rendered.drift).toEqual([]);
  });

  it('still shows a real change beside it, without the empty ones', () => {
    const rendered = planPreview(plan([drifted({ data: { mode: 'blue' }, binary_data: null }, { data: { mode: 'green' }, binary_data: {} })]), '', 'refresh');
    expect(rendered.drift.map((change) => change.attributes.map((attribute) => [attribute.path, attribute.before, attribute.after]))).toEqual([[['data.mode', '"blue"', '"green"']]]);
  });
});
