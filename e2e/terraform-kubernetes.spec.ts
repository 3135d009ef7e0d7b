import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../main/core/doctor/probes/find-on-path';
import { terraformApply } from '../main/core/families/terraform/terraform-apply-tool';
import { terraformDestroy } from '../main/core/families/terraform/terraform-destroy-tool';
import { terraformDrift } from '../main/core/families/terraform/terraform-drift-tool';
import { terraformImport } from '../main/core/families/terraform/terraform-import-tool';
import { terraformInit } from '../main/core/families/terraform/terraform-init-tool';
import { terraformPlan } from '../main/core/families/terraform/terraform-plan-tool';
import { terraformResources } from '../main/core/families/terraform/terraform-resources-tool';
import { terraformStateList } from '../main/core/families/terraform/terraform-state-list-tool';
import { terraformValidate } from '../main/core/families/terraform/terraform-validate-tool';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type PlanPreview, type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { terraformMirror } from './fixtures/terraform-mirror';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// The Terraform family with the real kubernetes provider (3.2.1, from the mirror) against the real
// control plane: a namespace, a ConfigMap and a Secret go through plan and apply; the ConfigMap is
// changed and the Secret deleted outside Terraform, which terraform.drift and terraform.resources
// report; a plan puts them back; an existing ConfigMap is imported; everything is destroyed. The
// Secret's value never appears in anything a tool returns, previews or logs.

const { cluster, problem: clusterProblem } = testCluster();
const mirror = terraformMirror();
const problem = !findOnPath('terraform', process.env) ? 'terraform is not on PATH' : (mirror.problem ?? clusterProblem);
const need = 'Terraform with the provider mirror and the Kubernetes test cluster';

const namespace = `reign-tfk8s-${Math.random().toString(36).slice(2, 8)}`;
const SECRET = 'k8s-Tf-pw-Vq83-never-shown';
const SECRET_BASE64 = Buffer.from(SECRET).toString('base64');
let ctx: ToolContext;
let home: string | undefined;
let dir: string;
const steps = stepsIn(() => ctx);
const where = { dir: 'infra' };
/** The kubeconfig path is an input variable of the configuration, given with each plan. */
const vars = (): { vars: { kubeconfig: string } } => ({ vars: { kubeconfig: cluster!.kubeconfig } });
/** Everything the tools returned, previewed or logged, checked for the Secret's value. */
const seen: string[] = [];
const saw = <T>(value: T): T => {
  seen.push(typeof value === 'string' ? value : JSON.stringify(value));
  return value;
};
const log = (text: string): void => void seen.push(text);

const CONFIGURATION = `terraform {
  required_providers {
    kubernetes = { source = "hashicorp/kubernetes", version = "3.2.1" }
  }
}

variable "kubeconfig" {
  type = string
}

provider "kubernetes" {
  config_path    = var.kubeconfig
  config_context = "reign-test"
}

resource "kubernetes_namespace_v1" "ns" {
  metadata {
    name = "${namespace}"
  }
}

resource "kubernetes_config_map_v1" "settings" {
  metadata {
    name      = "settings"
    namespace = kubernetes_namespace_v1.ns.metadata[0].name
  }
  data = {
    mode = "blue"
  }
}

resource "kubernetes_secret_v1" "creds" {
  metadata {
    name      = "creds"
    namespace = kubernetes_namespace_v1.ns.metadata[0].name
  }
  data = {
    password = "${SECRET}"
  }
}
`;

type ConfigMap = { metadata: Record<string, unknown>; data?: Record<string, string> };
const objectPath = (kind: 'configmaps' | 'secrets', name: string): string => `/api/v1/namespaces/${namespace}/${kind}/${name}`;
const readObject = <T>(kind: 'configmaps' | 'secrets', name: string): Promise<T | null> => clusterApi<T>(cluster!, objectPath(kind, name)).catch(() => null);

/** Plans (saved), then the apply of that plan: its classification and preview. */
async function planAndClassify(name: string) {
  const planned = await steps.run(terraformPlan, { ...where, ...vars(), name }, log);
  saw(planned.result);
  if (!planned.result.ok) throw new Error(planned.result.error.message);
  const apply = { ...where, plan: planned.result.output.plan };
  return { planned: planned.result.output, apply, classified: saw(await steps.classify(terraformApply, apply)), preview: saw((await steps.preview(terraformApply, apply)) as PlanPreview) };
}

async function applyPlan(apply: { dir: string; plan: string }) {
  const applied = await steps.run(terraformApply, apply, log);
  saw(applied.result);
  if (!applied.result.ok) throw new Error(applied.result.error.message);
  return applied.result.output;
}

const resources = async () => {
  const listed = await steps.run(terraformResources, where);
  saw(listed.result);
  if (!listed.result.ok) throw new Error(listed.result.error.message);
  return listed.result.output;
};

const stateAddresses = async (): Promise<string[]> => {
  const listed = await steps.run(terraformStateList, where);
  saw(listed.result);
  if (!listed.result.ok) throw new Error(listed.result.error.message);
  return listed.result.output.addresses;
};

function expectNoSecret(): void {
  for (const text of seen) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET_BASE64);
  }
}

beforeAll(async () => {
  if (problem) return;
  home = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tfk8s-')));
  const workspace = join(home, 'workspace');
  dir = join(workspace, 'infra');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), CONFIGURATION);
  ctx = toolContext(workspace, { PATH: process.env.PATH, HOME: home, TF_CLI_CONFIG_FILE: mirror.config ?? undefined, CHECKPOINT_DISABLE: '1' }, await createShellAnalyzer(familyVerbs));
});

afterAll(async () => {
  // Whatever a failed run left: the namespace takes its objects with it.
  if (cluster && !problem) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the Terraform kubernetes provider against a real control plane', () => {
  it('initializes, validates and plans a namespace, a ConfigMap and a Secret, then applies the saved plan', { timeout: 180_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const init = await steps.run(terraformInit, where, log);
    expect(saw(init.result)).toMatchObject({ ok: true, output: { providers: [{ source: 'registry.terraform.io/hashicorp/kubernetes', version: '3.2.1' }] } });
    expect(saw((await steps.run(terraformValidate, where)).result)).toMatchObject({ ok: true, output: { valid: true, errorCount: 0 } });

    const { planned, apply, classified, preview } = await planAndClassify('first');
    expect(planned.counts).toMatchObject({ create: 3, update: 0, replace: 0, delete: 0, read: 0 });
    expect(preview).toMatchObject({ kind: 'plan', counts: { create: 3, update: 0, replace: 0, delete: 0 }, drift: [] });
    expect(preview.changes.map((change) => change.address)).toEqual(['kubernetes_config_map_v1.settings', 'kubernetes_namespace_v1.ns', 'kubernetes_secret_v1.creds']);
    expect(preview.changes[0]!.attributes).toContainEqual(expect.objectContaining({ path: 'data.mode', after: '"blue"', sensitive: false }));
    // The Secret's data is sensitive in the provider's schema: the preview says so and carries no value.
    expect(preview.changes[2]!.attributes).toContainEqual(expect.objectContaining({ path: 'data', sensitive: true }));
    expect(preview.text).toMatch(/# kubernetes_secret_v1\.creds will be created/);
    expect(classified).toMatchObject({ risk: 'write', contentHash: planned.sha256, reasons: [expect.stringMatching(/^creates 3: /)] });
    expect(await readObject('configmaps', 'settings')).toBeNull(); // planning created nothing

    const applied = await applyPlan(apply);
    expect(applied.summary).toEqual({ add: 3, change: 0, remove: 0 });
    const settings = await readObject<ConfigMap>('configmaps', 'settings');
    expect(settings?.data).toEqual({ mode: 'blue' });
    const creds = await readObject<{ data: Record<string, string> }>('secrets', 'creds');
    expect(creds?.data.password).toBe(SECRET_BASE64);
    expect(seen.join('\n')).toMatch(/kubernetes_secret_v1\.creds: Creation complete/);
    expectNoSecret();
  });

  it('reports a ConfigMap changed and a Secret deleted outside Terraform as drift, and the Resources rows say which', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    // Right after the apply the provider reads back empty annotations, labels and binary_data where
    // the state has null, which terraform's refresh-only plan lists as changed outside Terraform:
    // nothing against nothing is no drift to a person, so every object is in sync.
    const none = await steps.run(terraformDrift, { ...where, ...vars() });
    expect(saw(none.result)).toMatchObject({ ok: true, output: { count: 0, drifted: [] } });
    expect((await resources()).resources.map((row) => row.drift)).toEqual(['in sync', 'in sync', 'in sync']);

    // Someone edits the ConfigMap by hand, and deletes the Secret.
    const live = (await readObject<ConfigMap>('configmaps', 'settings'))!;
    await clusterApi(cluster!, objectPath('configmaps', 'settings'), { method: 'PUT', body: { ...live, data: { ...live.data, mode: 'green' } } });
    await clusterApi(cluster!, objectPath('secrets', 'creds'), { method: 'DELETE' });
    expect((await readObject<ConfigMap>('configmaps', 'settings'))?.data?.mode).toBe('green');

    expect((await steps.classify(terraformDrift, { ...where, ...vars() })).risk).toBe('read');
    const drift = await steps.run(terraformDrift, { ...where, ...vars() }, log);
    expect(saw(drift.result)).toMatchObject({ ok: true, output: { count: 2 } });
    const drifted = drift.result.ok ? drift.result.output.drifted : [];
    expect(drifted.map(({ address, action }) => ({ address, action }))).toEqual([
      { address: 'kubernetes_config_map_v1.settings', action: 'update' },
      { address: 'kubernetes_secret_v1.creds', action: 'delete' },
    ]);
    expect(drifted[0]!.attributes).toContainEqual({ path: 'data.mode', before: '"blue"', after: '"green"', sensitive: false, forcesReplacement: false });
    // The deleted Secret's attributes are listed as gone, its data only as sensitive.
    expect(drifted[1]!.attributes).toContainEqual(expect.objectContaining({ path: 'data', sensitive: true, after: null }));

    const listed = await resources();
    expect(listed.lastCheck).toMatchObject({ drifted: 2, current: true });
    expect(listed.resources).toEqual([
      expect.objectContaining({ address: 'kubernetes_config_map_v1.settings', id: `${namespace}/settings`, provider: 'hashicorp/kubernetes', drift: 'drifted', driftedAttributes: expect.arrayContaining(['data.mode']) }),
      expect.objectContaining({ address: 'kubernetes_namespace_v1.ns', id: namespace, drift: 'in sync', driftedAttributes: [] }),
      expect.objectContaining({ address: 'kubernetes_secret_v1.creds', id: `${namespace}/creds`, drift: 'deleted', driftedAttributes: [] }),
    ]);
    expectNoSecret();
  });

  it('plans putting the ConfigMap back to blue and the Secret back, applies it, and the last drift check no longer applies', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const { planned, apply, classified, preview } = await planAndClassify('restore');
    expect(planned).toMatchObject({ counts: { create: 1, update: 1, replace: 0, delete: 0 }, drifted: 2 });
    expect(preview.changes.map(({ address, action }) => ({ address, action }))).toEqual([
      { address: 'kubernetes_config_map_v1.settings', action: 'update' },
      { address: 'kubernetes_secret_v1.creds', action: 'create' },
    ]);
    expect(preview.changes[0]!.attributes).toContainEqual(expect.objectContaining({ path: 'data.mode', before: '"green"', after: '"blue"' }));
    expect(preview.drift.map(({ address, action }) => ({ address, action }))).toEqual([
      { address: 'kubernetes_config_map_v1.settings', action: 'update' },
      { address: 'kubernetes_secret_v1.creds', action: 'delete' },
    ]);
    expect(preview.title).toMatch(/2 changed outside Terraform/);
    expect(classified.risk).toBe('write');

    expect(await applyPlan(apply)).toMatchObject({ summary: { add: 1, change: 1, remove: 0 } });
    expect((await readObject<ConfigMap>('configmaps', 'settings'))?.data).toEqual({ mode: 'blue' });
    expect((await readObject<{ data: Record<string, string> }>('secrets', 'creds'))?.data.password).toBe(SECRET_BASE64);
    const listed = await resources();
    expect(listed.lastCheck).toMatchObject({ drifted: 2, current: false });
    expect(listed.resources.map((row) => row.drift)).toEqual(['not checked', 'not checked', 'not checked']);
    expectNoSecret();
  });

  it('imports an existing ConfigMap with generated configuration through a saved plan', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'legacy' }, data: { owner: 'ops' } } });
    const id = `${namespace}/legacy`;
    const input = { ...where, ...vars(), imports: [{ to: 'kubernetes_config_map_v1.legacy', id }], name: 'import-legacy' };
    expect(await steps.classify(terraformImport, input)).toMatchObject({ risk: 'write' });
    const imported = await steps.run(terraformImport, input, log);
    expect(saw(imported.result)).toMatchObject({ ok: true, output: { plan: '.reign/plans/import-legacy.tfplan', generatedConfig: 'generated.tf', importing: [{ address: 'kubernetes_config_map_v1.legacy', id }], otherChanges: [] } });
    const generated = readFileSync(join(dir, 'generated.tf'), 'utf8');
    expect(generated).toMatch(/resource "kubernetes_config_map_v1" "legacy" \{[\s\S]*owner\s+=\s+"ops"/);
    expect(await stateAddresses()).not.toContain('kubernetes_config_map_v1.legacy'); // nothing imported before the apply

    const apply = { ...where, plan: '.reign/plans/import-legacy.tfplan' };
    const classified = saw(await steps.classify(terraformApply, apply));
    expect(classified).toMatchObject({ risk: 'write', reasons: expect.arrayContaining(['imports 1 into the state: kubernetes_config_map_v1.legacy']), contentHash: imported.result.ok ? imported.result.output.sha256 : '' });
    expect(await applyPlan(apply)).toMatchObject({ summary: { add: 0, change: 0, remove: 0 } });
    expect(await stateAddresses()).toEqual(['kubernetes_config_map_v1.legacy', 'kubernetes_config_map_v1.settings', 'kubernetes_namespace_v1.ns', 'kubernetes_secret_v1.creds']);
    expect((await planAndClassify('after-import')).planned.counts).toMatchObject({ create: 0, update: 0, replace: 0, delete: 0, read: 0 });
    expectNoSecret();
  });

  it('destroys everything through a saved destroy plan rated critical, and the namespace goes', { timeout: 360_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const expanded = await terraformDestroy.expand!({ input: terraformDestroy.input.parse({ ...where, ...vars(), name: 'teardown' }), ctx, signal: new AbortController().signal });
    expect(expanded).toMatchObject({ ok: true, output: [{ tool: 'terraform.plan', input: { destroy: true, name: 'teardown' } }, { tool: 'terraform.apply', input: { plan: '.reign/plans/teardown.tfplan' }, dependsOn: ['plan'] }] });
    const [planStep, applyStep] = expanded.ok ? expanded.output : [];
    expect(saw((await steps.run(terraformPlan, planStep!.input, log)).result)).toMatchObject({ ok: true, output: { counts: { delete: 4, create: 0 } } });

    const classified = saw(await steps.classify(terraformApply, applyStep!.input));
    // At least destructive; a namespace takes everything in it, and this is every resource of the workspace.
    expect(classified.risk).toBe('critical');
    expect(classified.reasons).toEqual(expect.arrayContaining(['destroys every resource of the workspace (4)', `destroys kubernetes_namespace_v1.ns, a namespace and everything in it: its data is lost`]));
    const preview = saw((await steps.preview(terraformApply, applyStep!.input)) as PlanPreview);
    expect(preview.counts).toMatchObject({ delete: 4, create: 0, update: 0 });

    expect(await applyPlan(applyStep!.input as { dir: string; plan: string })).toMatchObject({ summary: { remove: 4 } });
    expect(await stateAddresses()).toEqual([]);
    // The provider waits for the namespace to go; its deletion is the controller's, so allow for a terminating one.
    let phase: string | null = 'Active';
    for (let i = 0; i < 120 && phase === 'Active'; i++) {
      phase = await clusterApi<{ status: { phase: string } }>(cluster!, `/api/v1/namespaces/${namespace}`).then((ns) => ns.status.phase, () => null);
      if (phase === 'Active') await sleep(500);
    }
    expect(phase === null || phase === 'Terminating', `namespace ${namespace} is ${phase}`).toBe(true);
    expectNoSecret();
  });
});
