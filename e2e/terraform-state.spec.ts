import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../main/core/doctor/probes/find-on-path';
import { terraformApply } from '../main/core/families/terraform/terraform-apply-tool';
import { terraformImport } from '../main/core/families/terraform/terraform-import-tool';
import { terraformPlan } from '../main/core/families/terraform/terraform-plan-tool';
import { terraformStateList } from '../main/core/families/terraform/terraform-state-list-tool';
import { terraformStateMv } from '../main/core/families/terraform/terraform-state-mv-tool';
import { terraformStateRm } from '../main/core/families/terraform/terraform-state-rm-tool';
import { terraformStateShow } from '../main/core/families/terraform/terraform-state-show-tool';
import { terraformWorkspaceDelete } from '../main/core/families/terraform/terraform-workspace-delete-tool';
import { terraformWorkspaceList } from '../main/core/families/terraform/terraform-workspace-list-tool';
import { terraformWorkspaceNew } from '../main/core/families/terraform/terraform-workspace-new-tool';
import { terraformWorkspaceSelect } from '../main/core/families/terraform/terraform-workspace-select-tool';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { planned as printedPlan } from '../main/core/families/terraform/terraform-command-print';
import { type PlanPreview, type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { terraformEnv, terraformMirror } from './fixtures/terraform-mirror';

// The state and workspace tools of the Terraform family with the real terraform binary and the
// real random and local providers: list and show (secrets masked), mv and rm with their undo
// (the next plan proves the state is right), a forget through a removed block, import through a
// saved plan, and workspaces.

const mirror = terraformMirror();
const problem = !findOnPath('terraform', process.env) ? 'terraform is not on PATH' : mirror.problem;
const need = 'Terraform with the provider mirror';

let ctx: ToolContext;
let env: NodeJS.ProcessEnv;
let home: string | undefined;
let dir: string;
const steps = stepsIn(() => ctx);
const where = { dir: 'infra' };

const configuration = (pet = 'name') => `terraform {
  required_providers {
    random = { source = "hashicorp/random" }
    local  = { source = "hashicorp/local" }
  }
}

resource "random_pet" "${pet}" {
  length = 2
}

resource "random_password" "pw" {
  length = 12
}

resource "local_file" "note" {
  filename = "\${path.module}/out/note.txt"
  content  = "kept"
}
`;

/** terraform itself, for setting up and for checking what the tools did. */
const terraform = (args: string[], extra: NodeJS.ProcessEnv = {}): string => execFileSync('terraform', args, { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const stateFile = (): { serial: number; resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] } => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
const attribute = (type: string, name: string, key: string): unknown => stateFile().resources.find((resource) => resource.type === type && resource.name === name)?.instances[0]?.attributes[key];
const addresses = async (workspace?: string): Promise<string[]> => {
  const listed = await steps.run(terraformStateList, { ...where, ...(workspace ? { workspace } : {}) });
  if (!listed.result.ok) throw new Error(listed.result.error.message);
  return listed.result.output.addresses;
};
/** A saved plan of the folder as it is now, and its counts. */
const plan = async (name: string) => {
  const planned = await steps.run(terraformPlan, { ...where, name });
  if (!planned.result.ok) throw new Error(planned.result.error.message);
  return planned.result.output;
};
const NO_CHANGES = { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0 };

beforeAll(async () => {
  if (problem) return;
  home = realpathSync(mkdtempSync(join(tmpdir(), 'reign-terraform-state-')));
  const workspace = join(home, 'workspace');
  dir = join(workspace, 'infra');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), configuration());
  env = terraformEnv(mirror.config);
  ctx = toolContext(workspace, env, await createShellAnalyzer(familyVerbs));
  terraform(['init', '-input=false', '-no-color']);
  terraform(['apply', '-input=false', '-no-color', '-auto-approve']);
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('Terraform state, import and workspaces, with real providers', () => {
  it('lists the state and shows one resource with its sensitive attributes masked', async (context) => {
    requireInfrastructure(context, problem, need);
    expect(await steps.classify(terraformStateList, where)).toMatchObject({ risk: 'read', target: { id: `terraform:${dir}#default` } });
    expect(await addresses()).toEqual(['local_file.note', 'random_password.pw', 'random_pet.name']);
    expect(await steps.run(terraformStateList, { ...where, addresses: ['random_pet.name'] }).then((step) => step.result)).toMatchObject({ ok: true, output: { addresses: ['random_pet.name'], count: 1 } });
    const petId = attribute('random_pet', 'name', 'id') as string;
    expect(await steps.run(terraformStateList, { ...where, id: petId }).then((step) => step.result)).toMatchObject({ ok: true, output: { addresses: ['random_pet.name'] } });

    const password = attribute('random_password', 'pw', 'result') as string;
    expect(password).toHaveLength(12);
    const shown = await steps.run(terraformStateShow, { ...where, address: 'random_password.pw' });
    expect(shown.result).toMatchObject({ ok: true, output: { address: 'random_password.pw', type: 'random_password', provider: 'registry.terraform.io/hashicorp/random', values: { length: 12, result: '(sensitive value)' } } });
    expect(shown.result.ok && shown.result.output.sensitiveAttributes).toEqual(expect.arrayContaining(['bcrypt_hash', 'result']));
    expect(JSON.stringify(shown.result)).not.toContain(password);
    expect(await steps.run(terraformStateShow, { ...where, address: 'random_pet.name' }).then((step) => step.result)).toMatchObject({ ok: true, output: { values: { id: petId, length: 2 }, sensitiveAttributes: [] } });
    expect(await steps.run(terraformStateShow, { ...where, address: 'random_pet.missing' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/no random_pet\.missing in the state of infra #default/) } });
  });

  it('renames a resource with state mv, rated destructive; undo moves it back; the plan shows no changes after each', async (context) => {
    requireInfrastructure(context, problem, need);
    const petId = attribute('random_pet', 'name', 'id');
    const move = { ...where, from: 'random_pet.name', to: 'random_pet.server' };
    const classified = await steps.classify(terraformStateMv, move);
    expect(classified).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/^rewrites the state of infra #default \(local backend\): moves 1 instance \(random_pet\.name\) from random_pet\.name to random_pet\.server/)] });
    expect(await steps.preview(terraformStateMv, move)).toMatchObject({ kind: 'text', text: expect.stringContaining('random_pet.name → random_pet.server') });

    const moved = await steps.run(terraformStateMv, move);
    expect(moved.result).toMatchObject({ ok: true, output: { moved: ['random_pet.server'] } });
    expect(moved.snapshot.file).toMatch(/^\.reign\/state\/state-mv-default-\d{8}-\d+\.before\.tfstate$/);
    expect(await addresses()).toEqual(['local_file.note', 'random_password.pw', 'random_pet.server']);
    writeFileSync(join(dir, 'main.tf'), configuration('server'));
    expect((await plan('after-mv')).counts).toEqual(NO_CHANGES);
    expect(attribute('random_pet', 'server', 'id')).toBe(petId); // the same object, under its new name

    expect(await moved.undo()).toMatchObject({ ok: true, output: { movedBack: 'random_pet.server' } });
    writeFileSync(join(dir, 'main.tf'), configuration());
    expect(await addresses()).toEqual(['local_file.note', 'random_password.pw', 'random_pet.name']);
    expect((await plan('after-mv-undo')).counts).toEqual(NO_CHANGES);
    expect(attribute('random_pet', 'name', 'id')).toBe(petId);
  });

  it('does not push a state snapshot back over changes made after the step', async (context) => {
    requireInfrastructure(context, problem, need);
    const moved = await steps.run(terraformStateMv, { ...where, from: 'random_pet.name', to: 'random_pet.elsewhere' });
    expect(moved.result.ok).toBe(true);
    terraform(['state', 'mv', 'random_pet.elsewhere', 'random_pet.third']); // someone moves it on by hand
    // It cannot be moved back (nothing at random_pet.elsewhere), and the snapshot would undo the later move too.
    expect(await moved.undo()).toMatchObject({ ok: false, error: { code: 'STATE_CHANGED', message: expect.stringMatching(/changed after the move of random_pet\.name to random_pet\.elsewhere.*kept at infra\/\.reign\/state\/state-mv-/) } });
    expect(await addresses()).toContain('random_pet.third');
    terraform(['state', 'mv', 'random_pet.third', 'random_pet.name']);
    expect((await plan('after-refusal')).counts).toEqual(NO_CHANGES);
  });

  it('forgets a resource with state rm while the real object stays; undo pushes the state back', async (context) => {
    requireInfrastructure(context, problem, need);
    const forget = { ...where, addresses: ['local_file.note'] };
    expect(await steps.classify(terraformStateRm, forget)).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/^removes 1 resource instance \(local_file\.note\) from the state of infra #default/)] });
    expect(await steps.preview(terraformStateRm, forget)).toMatchObject({ kind: 'text', text: expect.stringMatching(/Terraform forgets[^\n]*:\n {2}- local_file\.note\nThe real objects are not destroyed/) });

    const serialBefore = stateFile().serial;
    const removed = await steps.run(terraformStateRm, forget);
    expect(removed.result).toMatchObject({ ok: true, output: { forgotten: ['local_file.note'] } });
    expect(await addresses()).toEqual(['random_password.pw', 'random_pet.name']);
    expect(readFileSync(join(dir, 'out', 'note.txt'), 'utf8')).toBe('kept'); // the real object is untouched
    const recreate = await plan('after-rm');
    expect(recreate.counts).toEqual({ ...NO_CHANGES, create: 1 });
    expect(recreate.changes).toEqual([{ address: 'local_file.note', action: 'create' }]);

    expect(await removed.undo()).toMatchObject({ ok: true, output: { restored: removed.snapshot.file } });
    expect(await addresses()).toEqual(['local_file.note', 'random_password.pw', 'random_pet.name']);
    expect(stateFile().serial).toBeGreaterThan(serialBefore + 1); // pushed as a newer state, never back to an old serial
    expect((await plan('after-rm-undo')).counts).toEqual(NO_CHANGES);
    // The plan made while it was forgotten is stale now: it cannot create a second note.
    expect(await steps.run(terraformApply, { ...where, plan: recreate.plan }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'PLAN_STALE' } });
  });

  it('forgets a resource through a removed block with destroy = false: shown, counted and rated before the apply; the real object stays', async (context) => {
    requireInfrastructure(context, problem, need);
    const removed = 'removed {\n  from = local_file.note\n  lifecycle {\n    destroy = false\n  }\n}\n';
    writeFileSync(join(dir, 'main.tf'), configuration().replace(/resource "local_file" "note" \{[\s\S]*?\n\}\n/, removed));
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).not.toContain('resource "local_file"');
    const planned = await plan('forget-note');
    expect(planned.counts).toEqual({ ...NO_CHANGES, forget: 1 });
    expect(planned.changes).toEqual([{ address: 'local_file.note', action: 'forget' }]);
    // What `reign terraform plan` prints of it.
    expect(printedPlan(where)(planned)).toMatch(/^ {3}-> local_file\.note \(forgotten: the real object stays, no longer managed\)\n0 to create, 0 to update, 0 to replace, 0 to destroy, 1 to forget\.\nSaved \.reign\/plans\/forget-note\.tfplan/);

    const apply = { ...where, plan: planned.plan };
    const preview = (await steps.preview(terraformApply, apply)) as PlanPreview;
    expect(preview).toMatchObject({ kind: 'plan', counts: { ...NO_CHANGES, forget: 1 }, title: expect.stringMatching(/1 to forget/), drift: [] });
    expect(preview.changes).toEqual([{ address: 'local_file.note', module: null, type: 'local_file', name: 'note', action: 'forget', replaceBecause: [], attributes: [] }]);
    expect(preview.text).toMatch(/# local_file\.note will no longer be managed by Terraform, but will not be destroyed/);
    const classified = await steps.classify(terraformApply, apply);
    expect(classified).toMatchObject({ risk: 'destructive', contentHash: planned.sha256 });
    expect(classified.reasons).toContain('removes local_file.note from the state (Terraform no longer manages it; the real object stays)');

    expect(await steps.run(terraformApply, apply).then((step) => step.result.ok)).toBe(true);
    expect(readFileSync(join(dir, 'out', 'note.txt'), 'utf8')).toBe('kept'); // the real object is untouched
    expect(await addresses()).toEqual(['random_password.pw', 'random_pet.name']);
    expect(stateFile().resources.map((resource) => resource.type)).not.toContain('local_file');
    expect((await plan('after-forget')).counts).toEqual(NO_CHANGES); // forgotten for good: nothing left to do

    // Back under management for the tests after this one: the same file, written again with the same content.
    writeFileSync(join(dir, 'main.tf'), configuration());
    terraform(['apply', '-input=false', '-no-color', '-auto-approve']);
    expect(await addresses()).toEqual(['local_file.note', 'random_password.pw', 'random_pet.name']);
  });

  it('imports an existing object through import blocks and a saved plan that terraform.apply applies', async (context) => {
    requireInfrastructure(context, problem, need);
    const id = 'existing-token-4711';
    const input = { ...where, imports: [{ to: 'random_string.token', id }], name: 'import-token' };
    expect(await steps.classify(terraformImport, input)).toMatchObject({ risk: 'write', reasons: [expect.stringMatching(/^writes 1 import block \(random_string\.token\) to infra\/imports\.reign\.tf and saves an import plan/)] });
    expect(terraformImport.writesFiles!(terraformImport.input.parse(input))).toEqual([{ path: 'infra/imports.reign.tf', content: expect.stringContaining(`import {\n  to = random_string.token\n  id = "${id}"\n}`) }]);

    const imported = await steps.run(terraformImport, input);
    expect(imported.result).toMatchObject({ ok: true, output: { plan: '.reign/plans/import-token.tfplan', importsFile: 'imports.reign.tf', generatedConfig: 'generated.tf', importing: [{ address: 'random_string.token', id }], otherChanges: [] } });
    expect(readFileSync(join(dir, 'generated.tf'), 'utf8')).toMatch(/resource "random_string" "token" \{[\s\S]*length\s+=\s+19/);
    expect(await addresses()).not.toContain('random_string.token'); // nothing imported before the apply

    const apply = { ...where, plan: '.reign/plans/import-token.tfplan' };
    const classified = await steps.classify(terraformApply, apply);
    expect(classified.contentHash).toBe(imported.result.ok && imported.result.output.sha256);
    expect(await steps.run(terraformApply, apply).then((step) => step.result.ok)).toBe(true);
    expect(await addresses()).toContain('random_string.token');
    expect(await steps.run(terraformStateShow, { ...where, address: 'random_string.token' }).then((step) => step.result)).toMatchObject({ ok: true, output: { values: { id, result: id, length: 19 } } });
    expect((await plan('after-import')).counts).toEqual(NO_CHANGES);
    // Applied: undoing the import step would leave a managed resource without configuration.
    expect(await imported.undo()).toMatchObject({ ok: false, error: { code: 'NO_UNDO', message: expect.stringMatching(/random_string\.token are in the state now/) } });
    expect(existsSync(join(dir, 'generated.tf'))).toBe(true);
  });

  it('generates no configuration over an earlier generated.tf, and says what to do', async (context) => {
    requireInfrastructure(context, problem, need);
    const importsBefore = readFileSync(join(dir, 'imports.reign.tf'), 'utf8');
    const failed = await steps.run(terraformImport, { ...where, imports: [{ to: 'random_string.other', id: 'other-1' }] });
    expect(failed.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/generated\.tf already exists \(from an earlier import\?\), so no configuration was generated: move its resources into your configuration/) } });
    expect(readFileSync(join(dir, 'imports.reign.tf'), 'utf8')).toBe(importsBefore);
  });

  it('undoes an import that was not applied: the blocks, the generated configuration and the plan go', async (context) => {
    requireInfrastructure(context, problem, need);
    const importsBefore = readFileSync(join(dir, 'imports.reign.tf'), 'utf8');
    // The imported token's generated configuration becomes the folder's own, as a person would move it.
    renameSync(join(dir, 'generated.tf'), join(dir, 'token.tf'));
    const imported = await steps.run(terraformImport, { ...where, imports: [{ to: 'random_string.spare', id: 'spare-1' }], name: 'import-spare' });
    expect(imported.result).toMatchObject({ ok: true, output: { generatedConfig: 'generated.tf', importing: [{ address: 'random_string.spare', id: 'spare-1' }] } });
    expect(existsSync(join(dir, '.reign/plans/import-spare.tfplan'))).toBe(true);
    expect(await imported.undo()).toMatchObject({ ok: true });
    expect(readFileSync(join(dir, 'imports.reign.tf'), 'utf8')).toBe(importsBefore);
    expect(existsSync(join(dir, 'generated.tf'))).toBe(false);
    expect(existsSync(join(dir, '.reign/plans/import-spare.tfplan'))).toBe(false);
    expect((await plan('after-import-undo')).counts).toEqual(NO_CHANGES);
  });

  it('rates the apply of an import-only plan write: it changes the state', async (context) => {
    requireInfrastructure(context, problem, need);
    const imported = await steps.run(terraformImport, { ...where, imports: [{ to: 'random_string.rated', id: 'rated-1' }], name: 'import-rated' });
    expect(imported.result).toMatchObject({ ok: true, output: { importing: [{ address: 'random_string.rated' }], otherChanges: [] } });
    const classified = await steps.classify(terraformApply, { ...where, plan: '.reign/plans/import-rated.tfplan' });
    expect(classified).toMatchObject({ risk: 'write', reasons: ['imports 1 into the state: random_string.rated'] });
    expect(await imported.undo()).toMatchObject({ ok: true });
  });

  it('an import whose id the provider rejects leaves no import blocks behind', async (context) => {
    requireInfrastructure(context, problem, need);
    const importsBefore = readFileSync(join(dir, 'imports.reign.tf'), 'utf8');
    const failed = await steps.run(terraformImport, { ...where, imports: [{ to: 'random_integer.port', id: 'not-a-number' }] });
    expect(failed.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The import plan failed in infra #default.*Import Random Integer Error/) } });
    expect(readFileSync(join(dir, 'imports.reign.tf'), 'utf8')).toBe(importsBefore);
    expect(existsSync(join(dir, 'generated.tf'))).toBe(false);
  });

  it('creates, selects, lists and deletes workspaces, refusing to delete a non-empty one without force', async (context) => {
    requireInfrastructure(context, problem, need);
    expect(await steps.run(terraformWorkspaceList, where).then((step) => step.result)).toMatchObject({ ok: true, output: { workspaces: [{ name: 'default', selected: true }], selected: 'default', active: 'default', override: null } });

    expect(await steps.classify(terraformWorkspaceNew, { ...where, name: 'staging' })).toMatchObject({ risk: 'write', target: { id: `terraform:${dir}#staging`, label: 'infra #staging (local backend)' } });
    const created = await steps.run(terraformWorkspaceNew, { ...where, name: 'staging' });
    expect(created.result).toMatchObject({ ok: true, output: { name: 'staging', selected: 'default' } }); // terraform selects a new workspace; Reign puts the selection back
    expect(terraform(['workspace', 'show']).trim()).toBe('default');
    expect(await steps.run(terraformWorkspaceNew, { ...where, name: 'staging' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'EXISTS' } });

    const select = { ...where, name: 'staging' };
    expect(await steps.classify(terraformWorkspaceSelect, select)).toMatchObject({ risk: 'write', reasons: [expect.stringMatching(/selects the workspace staging in infra \(was default\): later steps that name no workspace, and terraform run there by hand, act on staging/)] });
    const selected = await steps.run(terraformWorkspaceSelect, select);
    expect(selected.result).toMatchObject({ ok: true, output: { selected: 'staging', previous: 'default' } });
    expect(await steps.classify(terraformStateList, where)).toMatchObject({ target: { id: `terraform:${dir}#staging` } });
    expect(await addresses()).toEqual([]); // staging has its own, empty state
    expect(await steps.run(terraformWorkspaceList, where).then((step) => step.result)).toMatchObject({ ok: true, output: { workspaces: [{ name: 'default', selected: false }, { name: 'staging', selected: true }], selected: 'staging' } });
    expect(await steps.run(terraformWorkspaceDelete, { ...where, name: 'staging' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'SELECTED' } });
    expect(await selected.undo()).toMatchObject({ ok: true });
    expect(terraform(['workspace', 'show']).trim()).toBe('default');

    // A workspace with a resource in its state: refused without force, force is critical, undo brings its state back.
    terraform(['apply', '-input=false', '-no-color', '-auto-approve', '-target=random_pet.name'], { TF_WORKSPACE: 'staging' });
    expect(await addresses('staging')).toEqual(['random_pet.name']);
    const stagingPet = terraform(['state', 'show', '-no-color', 'random_pet.name'], { TF_WORKSPACE: 'staging' });
    const remove = { ...where, name: 'staging' };
    expect(await steps.classify(terraformWorkspaceDelete, remove)).toMatchObject({ risk: 'destructive', reasons: expect.arrayContaining([expect.stringMatching(/tracks 1 resource instance \(random_pet\.name\).*without force the step is refused/)]) });
    expect(await steps.preview(terraformWorkspaceDelete, remove)).toMatchObject({ kind: 'text', text: expect.stringContaining('Refused: its state tracks 1 (random_pet.name)') });
    expect(await steps.run(terraformWorkspaceDelete, remove).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'NOT_EMPTY' } });
    expect(await addresses('staging')).toEqual(['random_pet.name']);

    const forced = { ...remove, force: true };
    expect(await steps.classify(terraformWorkspaceDelete, forced)).toMatchObject({ risk: 'critical', reasons: [expect.stringMatching(/^force: its state tracks 1 resource instance \(random_pet\.name\): deleting it makes Terraform forget them/)] });
    const deleted = await steps.run(terraformWorkspaceDelete, forced);
    expect(deleted.result).toMatchObject({ ok: true, output: { deleted: 'staging', forgotten: ['random_pet.name'] } });
    expect(terraform(['workspace', 'list'])).not.toMatch(/staging/);
    expect(await deleted.undo()).toMatchObject({ ok: true, output: { recreated: 'staging' } });
    expect(terraform(['state', 'show', '-no-color', 'random_pet.name'], { TF_WORKSPACE: 'staging' })).toBe(stagingPet);
    expect(terraform(['workspace', 'show']).trim()).toBe('default');

    // An empty workspace: deleted without force; undo of its creation deletes it while still empty.
    const dev = await steps.run(terraformWorkspaceNew, { ...where, name: 'dev' });
    expect(dev.result.ok).toBe(true);
    expect(await dev.undo()).toMatchObject({ ok: true, output: { deleted: 'dev' } });
    expect(terraform(['workspace', 'list'])).not.toMatch(/\bdev\b/);
    const qa = await steps.run(terraformWorkspaceNew, { ...where, name: 'qa' });
    terraform(['apply', '-input=false', '-no-color', '-auto-approve', '-target=random_pet.name'], { TF_WORKSPACE: 'qa' });
    expect(await qa.undo()).toMatchObject({ ok: false, error: { code: 'NOT_EMPTY' } });
    expect(terraformWorkspaceDelete.input.safeParse({ ...where, name: 'default' }).success).toBe(false);
  });
});
