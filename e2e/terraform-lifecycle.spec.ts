import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../main/core/doctor/probes/find-on-path';
import { terraformApply } from '../main/core/families/terraform/terraform-apply-tool';
import { terraformDestroy } from '../main/core/families/terraform/terraform-destroy-tool';
import { terraformDrift } from '../main/core/families/terraform/terraform-drift-tool';
import { terraformFmt } from '../main/core/families/terraform/terraform-fmt-tool';
import { terraformInit } from '../main/core/families/terraform/terraform-init-tool';
import { terraformOutput } from '../main/core/families/terraform/terraform-output-tool';
import { terraformPlan } from '../main/core/families/terraform/terraform-plan-tool';
import { terraformShow } from '../main/core/families/terraform/terraform-show-tool';
import { terraformValidate } from '../main/core/families/terraform/terraform-validate-tool';
import { gateStep } from '../main/core/plan/step-gate';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type PlanPreview, type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { terraformMirror } from './fixtures/terraform-mirror';

// The Terraform family with the real terraform binary and the real random and local providers
// (from the filesystem mirror of .ci/peers/terraform-providers.sh): a configuration goes through
// init, validate, plan, apply, change, drift, a stale plan, a failing apply, undo and destroy.
// Every apply runs a saved plan; its risk and approval binding come from that plan's content.

const mirror = terraformMirror();
const cliConfig = mirror.config ?? undefined;
const problem = !findOnPath('terraform', process.env) ? 'terraform is not on PATH' : mirror.problem;

const TOKEN = 'tok-E2E-secret-77';
let ctx: ToolContext;
let dir: string;
let home: string | undefined;
const steps = stepsIn(() => ctx);
const where = { dir: 'infra' };
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const state = (): { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] } => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
const password = (): string => state().resources.find((resource) => resource.type === 'random_password')!.instances[0]!.attributes.result as string;
const write = (file: string, text: string): void => writeFileSync(join(dir, file), text);

function configuration({ length = 12, note = 'hello', extra = '' } = {}): string {
  return `terraform {
  required_providers {
    random = { source = "hashicorp/random" }
    local  = { source = "hashicorp/local" }
  }
}

variable "api_token" {
  type      = string
  default   = "${TOKEN}"
  sensitive = true
}

resource "random_pet" "name" {
  length = 2
}

resource "random_password" "pw" {
  length = ${length}
}

resource "local_file" "note" {
  filename = "\${path.module}/out/note.txt"
  content  = "${note}"
}

module "tags" {
  source = "./tags"
  name   = random_pet.name.id
}

output "pet" {
  value = random_pet.name.id
}

output "pw" {
  value     = random_password.pw.result
  sensitive = true
}
${extra}`;
}

/** Plans, then returns the saved plan and what classifying its apply says. */
async function planAndClassify(input: Record<string, unknown> = {}) {
  const planned = await steps.run(terraformPlan, { ...where, ...input });
  if (!planned.result.ok) throw new Error(planned.result.error.message);
  const apply = { ...where, plan: planned.result.output.plan };
  return { planned: planned.result.output, apply, classified: await steps.classify(terraformApply, apply) };
}

beforeAll(async () => {
  if (problem) return;
  home = realpathSync(mkdtempSync(join(tmpdir(), 'reign-terraform-')));
  const workspace = join(home, 'workspace');
  dir = join(workspace, 'infra');
  mkdirSync(join(dir, 'tags'), { recursive: true });
  writeFileSync(join(dir, 'tags', 'main.tf'), 'variable "name" {\n  type = string\n}\n\nresource "terraform_data" "tag" {\n  input = "team-${var.name}"\n}\n');
  write('main.tf', configuration());
  ctx = toolContext(workspace, { PATH: process.env.PATH, HOME: home, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' }, await createShellAnalyzer(familyVerbs));
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('a Terraform configuration from init to destroy, with real providers', () => {
  it('initializes from the mirror and validates, naming the file and line of an error', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    const init = await steps.run(terraformInit, where);
    expect(init.result).toMatchObject({ ok: true, output: { backend: 'local', providers: expect.arrayContaining([{ source: 'registry.terraform.io/hashicorp/random', version: '3.9.0' }, { source: 'registry.terraform.io/hashicorp/local', version: '2.9.0' }]) } });
    expect((await steps.classify(terraformInit, where)).risk).toBe('write');

    write('broken.tf', 'resource "random_pet" "broken" {\n  length = 2\n  lenght = 3\n}\n');
    const invalid = await steps.run(terraformValidate, where);
    expect(invalid.result).toMatchObject({ ok: true, output: { valid: false, errorCount: 1, diagnostics: [{ severity: 'error', summary: 'Unsupported argument', file: 'broken.tf', line: 3 }] } });
    expect(invalid.result.ok && invalid.result.output.problems[0]).toMatch(/^error: broken\.tf:3: Unsupported argument/);
    rmSync(join(dir, 'broken.tf'));
    expect(await steps.run(terraformValidate, where).then((step) => step.result)).toMatchObject({ ok: true, output: { valid: true, errorCount: 0 } });
  });

  it('formats files, checks without writing, and undoes a rewrite', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    const messy = 'locals {\nregion="eu"\n}\n';
    write('locals.tf', messy);
    expect((await steps.classify(terraformFmt, { ...where, check: true })).risk).toBe('read');
    expect(await steps.run(terraformFmt, { ...where, check: true }).then((step) => step.result)).toMatchObject({ ok: true, output: { files: ['locals.tf'], changed: false } });
    expect(readFileSync(join(dir, 'locals.tf'), 'utf8')).toBe(messy);
    const formatted = await steps.run(terraformFmt, where);
    expect(formatted.result).toMatchObject({ ok: true, output: { files: ['locals.tf'], changed: true } });
    expect(readFileSync(join(dir, 'locals.tf'), 'utf8')).toBe('locals {\n  region = "eu"\n}\n');
    expect(await formatted.undo()).toMatchObject({ ok: true });
    expect(readFileSync(join(dir, 'locals.tf'), 'utf8')).toBe(messy);
    rmSync(join(dir, 'locals.tf'));
  });

  it('plans to a saved file, previews it rendered, and applies exactly that plan as a write', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    const planClass = await steps.classify(terraformPlan, where);
    expect(planClass).toMatchObject({ risk: 'read', target: { kind: 'terraform', id: `terraform:${dir}#default`, label: 'infra #default (local backend)' } });
    expect((await steps.classify(terraformPlan, { ...where, workspace: 'staging' })).target).toMatchObject({ id: `terraform:${dir}#staging`, label: 'infra #staging (local backend)' });

    const preview = (await steps.preview(terraformPlan, where)) as PlanPreview;
    expect(preview).toMatchObject({ kind: 'plan', counts: { create: 4, update: 0, replace: 0, delete: 0, read: 0, forget: 0 }, drift: [] });
    expect(preview.changes.map((change) => change.address)).toEqual(['local_file.note', 'random_password.pw', 'random_pet.name', 'module.tags.terraform_data.tag']);
    expect(preview.changes.at(-1)).toMatchObject({ module: 'module.tags', action: 'create' });
    expect(preview.text).toMatch(/# random_pet\.name will be created/);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false); // previewing changed nothing

    const { planned, apply, classified } = await planAndClassify({ name: 'first' });
    expect(planned).toMatchObject({ plan: '.reign/plans/first.tfplan', counts: { create: 4 }, workspace: 'default' });
    expect(planned.sha256).toBe(sha256(join(dir, planned.plan)));
    expect(readFileSync(join(dir, '.reign', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    // The approval is bound to the saved plan's content, and its risk comes from what it does.
    expect(classified).toMatchObject({ risk: 'write', contentHash: planned.sha256, reasons: [expect.stringMatching(/^creates 4: /)], target: { id: `terraform:${dir}#default` } });
    expect(await steps.preview(terraformApply, apply)).toMatchObject({ kind: 'plan', counts: { create: 4 }, title: expect.stringContaining('4 to create') });

    const logs: string[] = [];
    const applied = await steps.run(terraformApply, apply, (text) => logs.push(text));
    expect(applied.result).toMatchObject({ ok: true, output: { plan: '.reign/plans/first.tfplan', sha256: planned.sha256, summary: { add: 4, change: 0, remove: 0 } } });
    expect(logs.join('')).toMatch(/random_pet\.name: Creation complete/);
    expect(readFileSync(join(dir, 'out', 'note.txt'), 'utf8')).toBe('hello');
    expect(applied.snapshot).toMatchObject({ state: null, resources: [], configuration: { 'main.tf': sha256(join(dir, 'main.tf')) } });

    const outputs = await steps.run(terraformOutput, where);
    expect(outputs.result).toMatchObject({ ok: true, output: { outputs: [{ name: 'pet', sensitive: false, value: expect.stringMatching(/^[a-z]+-[a-z]+$/) }, { name: 'pw', sensitive: true, value: '(sensitive value)' }] } });
    const shown = await steps.run(terraformShow, where);
    expect(shown.result).toMatchObject({ ok: true, output: { of: 'state' } });
    for (const text of [JSON.stringify(outputs.result), JSON.stringify(shown.result), JSON.stringify(preview), logs.join('')]) {
      expect(text).not.toContain(password());
      expect(text).not.toContain(TOKEN);
    }
  });

  it('shows a change as a replacement with the attribute that forces it, rated destructive; undo of it is honest', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    const before = password();
    write('main.tf', configuration({ length: 16, note: 'hello again' }));
    const { planned, apply, classified } = await planAndClassify({ name: 'longer' });
    expect(planned.counts).toEqual({ create: 0, update: 0, replace: 2, delete: 0, read: 0, forget: 0 });
    const preview = (await steps.preview(terraformApply, apply)) as PlanPreview;
    const pw = preview.changes.find((change) => change.address === 'random_password.pw')!;
    expect(pw).toMatchObject({ action: 'replace', replaceBecause: ['length'] });
    expect(pw.attributes).toContainEqual({ path: 'length', before: '12', after: '16', sensitive: false, forcesReplacement: true });
    expect(pw.attributes).toContainEqual({ path: 'result', before: null, after: '(known after apply)', sensitive: true, forcesReplacement: false });
    expect(preview.changes.find((change) => change.address === 'local_file.note')).toMatchObject({ replaceBecause: ['content'] });
    expect(JSON.stringify(preview)).not.toContain(before);
    expect(classified).toMatchObject({ risk: 'destructive', contentHash: planned.sha256 });
    expect(classified.reasons).toContain('replaces random_password.pw (destroys it and creates a new one, because length cannot change in place)');

    const applied = await steps.run(terraformApply, apply);
    expect(applied.result).toMatchObject({ ok: true, output: { summary: { add: 2, remove: 2 } } });
    expect(password()).toHaveLength(16);
    // It created no new resource: Terraform cannot bring the old password back, and the undo says so.
    const undone = await applied.undo();
    expect(undone).toMatchObject({ ok: false, error: { code: 'NO_UNDO', message: expect.stringMatching(/created nothing new.*change the configuration back and run terraform\.plan/) } });
    expect(existsSync(join(dir, '.reign/state/longer.before.tfstate'))).toBe(true);
  });

  it('binds an approval to one saved plan, and refuses a stale plan: plan A, then plan B applied, then A', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    write('main.tf', configuration({ length: 16, note: 'third' }));
    const first = await planAndClassify({ name: 'plan-a' });
    const approval = { decision: 'approve' as const, source: 'test', targetId: first.classified.target.id, risk: first.classified.risk, contentHash: first.classified.contentHash };
    expect(gateStep('apply', first.classified, approval, { approveUpTo: null })).toMatchObject({ status: 'approved' });
    // The same changes planned again under the same name are another plan: the approval does not cover it.
    const a = await planAndClassify({ name: 'plan-a' });
    expect(a.classified.risk).toBe(first.classified.risk);
    expect(a.classified.contentHash).not.toBe(first.classified.contentHash);
    expect(gateStep('apply', a.classified, approval, { approveUpTo: null })).toMatchObject({ status: 'needs-approval', why: expect.stringMatching(/changed after it was approved/) });

    const b = await planAndClassify({ name: 'plan-b' });
    expect(await steps.run(terraformApply, b.apply).then((step) => step.result.ok)).toBe(true);
    const stale = await steps.run(terraformApply, a.apply);
    expect(stale.result).toMatchObject({ ok: false, error: { code: 'PLAN_STALE', message: expect.stringMatching(/^The saved plan \.reign\/plans\/plan-a\.tfplan is stale.*nothing was applied\. Plan again/) } });
    expect(readFileSync(join(dir, 'out', 'note.txt'), 'utf8')).toBe('third');
  });

  it('detects a file edited outside Terraform as drift', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    expect(await steps.run(terraformDrift, where).then((step) => step.result)).toMatchObject({ ok: true, output: { count: 0, drifted: [] } });
    writeFileSync(join(dir, 'out', 'note.txt'), 'edited by hand');
    expect((await steps.classify(terraformDrift, where)).risk).toBe('read');
    const drift = await steps.run(terraformDrift, where);
    expect(drift.result).toMatchObject({ ok: true, output: { count: 1, drifted: [{ address: 'local_file.note', action: 'delete' }] } });
    // A plan made now shows the drift, and the file to be made again.
    const preview = (await steps.preview(terraformPlan, where)) as PlanPreview;
    expect(preview.drift).toMatchObject([{ address: 'local_file.note', action: 'delete' }]);
    expect(preview.changes).toMatchObject([{ address: 'local_file.note', action: 'create' }]);
    expect(preview.title).toMatch(/1 changed outside Terraform/);
  });

  it('says what a failing apply applied before it stopped; undo of an apply that created things only plans their destruction', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    const failing = 'resource "terraform_data" "fine" {\n  input = "ok"\n}\n\nresource "terraform_data" "fails" {\n  input = terraform_data.fine.output\n  provisioner "local-exec" {\n    command = "echo broken on purpose >&2; exit 3"\n  }\n}\n';
    write('main.tf', configuration({ length: 16, note: 'third', extra: failing }));
    const { apply } = await planAndClassify({ name: 'failing' });
    const failed = await steps.run(terraformApply, apply);
    expect(failed.result.ok).toBe(false);
    const message = failed.result.ok ? '' : failed.result.error.message;
    expect(message).toMatch(/^terraform apply of \.reign\/plans\/failing\.tfplan failed: main\.tf:\d+: local-exec provisioner error/);
    expect(message).toMatch(/Applied before it stopped: created [^;]*\bterraform_data\.fine\b/);
    expect(message).toMatch(/Failed: terraform_data\.fails/);

    write('main.tf', configuration({ length: 16, note: 'third', extra: 'resource "terraform_data" "extra" {\n  input = "more"\n}\n' }));
    const { apply: addExtra, classified } = await planAndClassify({ name: 'extra' });
    expect(classified.reasons.join(' ')).toMatch(/destroys 2: terraform_data\.fails, terraform_data\.fine/);
    const added = await steps.run(terraformApply, addExtra);
    expect(added.result.ok).toBe(true);
    const undone = await added.undo();
    expect(undone).toMatchObject({ ok: false, error: { code: 'UNDO_NEEDS_APPROVAL' } });
    const undoMessage = undone.ok ? '' : undone.error.message;
    expect(undoMessage).toMatch(/destroys the 1 resource it created \(terraform_data\.extra\), which needs your approval/);
    const undoPlan = /saved that plan as (\S+\.tfplan)/.exec(undoMessage)![1]!;
    expect(state().resources.some((resource) => resource.type === 'terraform_data' && JSON.stringify(resource).includes('more'))).toBe(true); // nothing destroyed yet
    const undoApply = { ...where, plan: undoPlan };
    expect(await steps.classify(terraformApply, undoApply)).toMatchObject({ risk: 'destructive', reasons: ['destroys 1: terraform_data.extra'], contentHash: sha256(join(dir, undoPlan)) });
    expect(await steps.run(terraformApply, undoApply).then((step) => step.result)).toMatchObject({ ok: true, output: { summary: { remove: 1 } } });
    write('main.tf', configuration({ length: 16, note: 'third' }));
  });

  it('destroys everything through a saved destroy plan, rated critical', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    const expanded = await terraformDestroy.expand!({ input: terraformDestroy.input.parse({ ...where, name: 'teardown' }), ctx, signal: new AbortController().signal });
    expect(expanded).toMatchObject({ ok: true, output: [{ id: 'plan', tool: 'terraform.plan', input: { destroy: true, name: 'teardown' } }, { id: 'apply', tool: 'terraform.apply', input: { plan: '.reign/plans/teardown.tfplan' }, dependsOn: ['plan'] }] });
    const [planStep, applyStep] = expanded.ok ? expanded.output : [];
    expect(await steps.run(terraformPlan, planStep!.input).then((step) => step.result.ok)).toBe(true);
    const classified = await steps.classify(terraformApply, applyStep!.input);
    expect(classified.risk).toBe('critical');
    expect(classified.reasons).toContainEqual(expect.stringMatching(/^destroys every resource of the workspace \(\d+\)$/));
    const preview = (await steps.preview(terraformApply, applyStep!.input)) as PlanPreview;
    expect(preview.counts.delete).toBe(4); // random_pet, random_password, local_file, the module's tag
    expect(preview.counts.create).toBe(0);
    expect(await steps.run(terraformApply, applyStep!.input).then((step) => step.result.ok)).toBe(true);
    expect(state().resources).toEqual([]);
    expect(existsSync(join(dir, 'out', 'note.txt'))).toBe(false);
  });
  it('stops terraform when the step is cancelled', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror');
    write('slow.tf', 'resource "terraform_data" "slow" {\n  provisioner "local-exec" {\n    command = "sleep 60"\n  }\n}\n');
    const { apply } = await planAndClassify({ name: 'slow', targets: ['terraform_data.slow'] });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 1500);
    const result = await terraformApply.run({ input: terraformApply.input.parse(apply), ctx, signal: controller.signal, log: () => undefined, progress: () => undefined });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    rmSync(join(dir, 'slow.tf'));
  });
});
