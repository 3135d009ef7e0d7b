import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../main/core/doctor/probes/find-on-path';
import { terraformApply } from '../main/core/families/terraform/terraform-apply-tool';
import { terraformDestroy } from '../main/core/families/terraform/terraform-destroy-tool';
import { terraformDrift } from '../main/core/families/terraform/terraform-drift-tool';
import { terraformInit } from '../main/core/families/terraform/terraform-init-tool';
import { terraformPlan } from '../main/core/families/terraform/terraform-plan-tool';
import { terraformResources } from '../main/core/families/terraform/terraform-resources-tool';
import { terraformValidate } from '../main/core/families/terraform/terraform-validate-tool';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type PlanPreview, type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { ensureDockerTestImage, labelled, removeLabelled, TEST_IMAGE } from './fixtures/docker-engine';
import { familyVerbs } from './fixtures/family-tools';
import { stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { terraformMirror } from './fixtures/terraform-mirror';

// The Terraform family with the real kreuzwerker/docker provider (4.6.0, from the mirror) against
// the real Docker engine: a network, a volume and a container on both go through plan and apply;
// a changed env var replaces the container (the volume's data stays); the container stopped and
// then removed outside Terraform is drift that terraform.drift and terraform.resources report, and
// a plan puts it back; everything is destroyed. Every name carries a random suffix, and every
// object a label with it, so a failed run's leftovers are found and removed.

const mirror = terraformMirror();
const need = 'Terraform with the provider mirror (kreuzwerker/docker) and a Docker engine';
const suffix = Math.random().toString(36).slice(2, 8);
const prefix = `reign-tfd-${suffix}`;
const label = `reign.test=${suffix}`;
const names = { network: `${prefix}-net`, volume: `${prefix}-data`, container: `${prefix}-web` };
let problem: string | null = null;
let ctx: ToolContext;
let home: string | undefined;
let dir: string;
const steps = stepsIn(() => ctx);
const where = { dir: 'infra' };
const logs: string[] = [];
const log = (text: string): void => void logs.push(text);

function configuration({ mode }: { mode: string }): string {
  const labels = `  labels {\n    label = "reign.test"\n    value = "${suffix}"\n  }`;
  return `terraform {
  required_providers {
    docker = { source = "kreuzwerker/docker", version = "4.6.0" }
  }
}

resource "docker_network" "net" {
  name = "${names.network}"
${labels}
}

resource "docker_volume" "data" {
  name = "${names.volume}"
${labels}
}

resource "docker_container" "web" {
  name    = "${names.container}"
  image   = "${TEST_IMAGE}"
  command = ["httpd", "-f", "-p", "8080", "-h", "/www"]
  env     = ["MODE=${mode}"]
${labels}
  networks_advanced {
    name = docker_network.net.name
  }
  volumes {
    volume_name    = docker_volume.data.name
    container_path = "/data"
  }
}
`;
}

const write = (text: string): void => writeFileSync(join(dir, 'main.tf'), text);

interface Inspected {
  Id: string;
  State: { Status: string; Running: boolean };
  Config: { Image: string; Env: string[]; Labels: Record<string, string> };
  NetworkSettings: { Networks: Record<string, unknown> };
  Mounts: { Type: string; Name?: string; Destination: string }[];
}
/** `docker inspect` of the test's container, or null when there is none. */
function container(): Inspected | null {
  const result = spawnSync('docker', ['inspect', '--type', 'container', names.container], { encoding: 'utf8' });
  return result.status === 0 ? (JSON.parse(result.stdout) as Inspected[])[0]! : null;
}
const docker = (...args: string[]): string => {
  const result = spawnSync('docker', args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
};
/** The page the container's httpd serves, fetched inside it: the command runs, not only the process. */
const served = (): string => docker('exec', names.container, 'wget', '-qO-', 'http://127.0.0.1:8080/');

/** Plans (saved), then the apply of that plan: its classification and preview. */
async function planAndClassify(name: string) {
  const planned = await steps.run(terraformPlan, { ...where, name }, log);
  if (!planned.result.ok) throw new Error(planned.result.error.message);
  const apply = { ...where, plan: planned.result.output.plan };
  return { planned: planned.result.output, apply, classified: await steps.classify(terraformApply, apply), preview: (await steps.preview(terraformApply, apply)) as PlanPreview };
}

async function applyPlan(apply: { dir: string; plan: string }) {
  const applied = await steps.run(terraformApply, apply, log);
  if (!applied.result.ok) throw new Error(applied.result.error.message);
  return applied.result.output;
}

async function drift() {
  const checked = await steps.run(terraformDrift, where, log);
  if (!checked.result.ok) throw new Error(checked.result.error.message);
  return checked.result.output;
}

async function resources() {
  const listed = await steps.run(terraformResources, where);
  if (!listed.result.ok) throw new Error(listed.result.error.message);
  return listed.result.output;
}
const driftOf = (rows: { address: string; drift: string }[]): Record<string, string> => Object.fromEntries(rows.map((row) => [row.address, row.drift]));

beforeAll(async () => {
  problem = !findOnPath('terraform', process.env) ? 'terraform is not on PATH' : (mirror.problem ?? ensureDockerTestImage());
  if (problem) return;
  home = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tfdocker-')));
  const workspace = join(home, 'workspace');
  dir = join(workspace, 'infra');
  mkdirSync(dir, { recursive: true });
  write(configuration({ mode: 'blue' }));
  ctx = toolContext(workspace, { PATH: process.env.PATH, HOME: home, TF_CLI_CONFIG_FILE: mirror.config ?? undefined, CHECKPOINT_DISABLE: '1' }, await createShellAnalyzer(familyVerbs));
}, 180_000);

afterAll(() => {
  // Whatever a failed run left: by the label every object carries, then by name.
  if (!problem) {
    removeLabelled(label);
    spawnSync('docker', ['rm', '-f', '-v', names.container], { stdio: 'ignore' });
    spawnSync('docker', ['network', 'rm', names.network], { stdio: 'ignore' });
    spawnSync('docker', ['volume', 'rm', '-f', names.volume], { stdio: 'ignore' });
  }
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('the Terraform docker provider against a real Docker engine', () => {
  it('initializes, validates and plans a network, a volume and a container, then applies the saved plan: the container runs on the network', { timeout: 180_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const init = await steps.run(terraformInit, where, log);
    expect(init.result).toMatchObject({ ok: true, output: { providers: [{ source: 'registry.terraform.io/kreuzwerker/docker', version: '4.6.0' }] } });
    expect((await steps.run(terraformValidate, where)).result).toMatchObject({ ok: true, output: { valid: true, errorCount: 0 } });

    const { planned, apply, classified, preview } = await planAndClassify('first');
    expect(planned.counts).toMatchObject({ create: 3, update: 0, replace: 0, delete: 0, read: 0 });
    expect(preview).toMatchObject({ kind: 'plan', counts: { create: 3, update: 0, replace: 0, delete: 0 }, drift: [] });
    expect(preview.changes.map(({ address, action }) => ({ address, action }))).toEqual([
      { address: 'docker_container.web', action: 'create' },
      { address: 'docker_network.net', action: 'create' },
      { address: 'docker_volume.data', action: 'create' },
    ]);
    const web = preview.changes[0]!.attributes;
    expect(web).toContainEqual(expect.objectContaining({ path: 'image', after: JSON.stringify(TEST_IMAGE), sensitive: false }));
    expect(web).toContainEqual(expect.objectContaining({ path: 'name', after: JSON.stringify(names.container) }));
    expect(web).toContainEqual(expect.objectContaining({ path: 'env[0]', after: '"MODE=blue"' }));
    expect(preview.text).toMatch(/# docker_container\.web will be created/);
    expect(classified).toMatchObject({ risk: 'write', contentHash: planned.sha256, reasons: ['creates 3: docker_container.web, docker_network.net, docker_volume.data'] });
    expect(container()).toBeNull(); // planning created nothing

    expect(await applyPlan(apply)).toMatchObject({ summary: { add: 3, change: 0, remove: 0 } });
    const live = container();
    expect(live).toMatchObject({ State: { Status: 'running', Running: true }, Config: { Image: TEST_IMAGE, Labels: { 'reign.test': suffix } } });
    expect(live!.Config.Env).toContain('MODE=blue');
    expect(Object.keys(live!.NetworkSettings.Networks)).toEqual([names.network]);
    expect(live!.Mounts).toContainEqual(expect.objectContaining({ Type: 'volume', Name: names.volume, Destination: '/data' }));
    expect(served()).toBe('<h1>reign test</h1>');
    expect(labelled(label)).toEqual({ containers: [names.container], networks: [names.network], volumes: [names.volume] });
    expect(logs.join('')).toMatch(/docker_container\.web: Creation complete/);
    // Something the next steps must not lose: a file in the volume.
    docker('exec', names.container, 'sh', '-c', 'echo kept > /data/note');
  });

  it('right after the apply, reports no drift: defaults the provider reads back are not changes anyone made', { timeout: 60_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    // Nobody touched anything. The provider's Create leaves networks_advanced.gw_priority and
    // volumes.read_only null in the state and its Read fills in 0 and false, and the network's
    // ipam_options and the volume's driver_opts come back as {}: terraform lists all of that as
    // changed outside Terraform, Reign as nothing against nothing.
    const found = await drift();
    expect(found.drifted).toEqual([]);
    expect(driftOf((await resources()).resources)).toEqual({ 'docker_container.web': 'in sync', 'docker_network.net': 'in sync', 'docker_volume.data': 'in sync' });
  });

  it('replaces the container when its env changes: the preview names env as forcing it, rated destructive; the volume\'s data stays', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const before = container()!.Id;
    write(configuration({ mode: 'green' }));
    const { planned, apply, classified, preview } = await planAndClassify('green');
    expect(planned.counts).toMatchObject({ create: 0, update: 0, replace: 1, delete: 0 });
    expect(preview.changes.map(({ address, action }) => ({ address, action }))).toEqual([{ address: 'docker_container.web', action: 'replace' }]);
    const web = preview.changes[0]!;
    // env is ForceNew in the docker provider: terraform's replace_paths say so.
    expect(web.replaceBecause).toEqual(['env']);
    expect(web.attributes).toContainEqual({ path: 'env[0]', before: '"MODE=blue"', after: '"MODE=green"', sensitive: false, forcesReplacement: true });
    expect(web.attributes.find((attribute) => attribute.path === 'image')).toBeUndefined(); // unchanged, not listed
    expect(classified).toMatchObject({ risk: 'destructive', contentHash: planned.sha256 });
    expect(classified.reasons).toContain('replaces docker_container.web (destroys it and creates a new one, because env cannot change in place)');
    expect(container()!.Id).toBe(before); // planning replaced nothing

    expect(await applyPlan(apply)).toMatchObject({ summary: { add: 1, change: 0, remove: 1 } });
    const live = container()!;
    expect(live.Id).not.toBe(before);
    expect(live.State.Running).toBe(true);
    expect(live.Config.Env).toContain('MODE=green');
    expect(live.Config.Env).not.toContain('MODE=blue');
    expect(docker('exec', names.container, 'cat', '/data/note')).toBe('kept');
  });

  it('reports the container stopped outside Terraform as drift of must_run, and a plan starts it again in place', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const id = container()!.Id;
    docker('stop', '-t', '0', names.container);
    expect(container()!.State.Running).toBe(false);

    expect((await steps.classify(terraformDrift, where)).risk).toBe('read');
    const found = await drift();
    // The provider reads a stopped container back with must_run false (and its exit code).
    expect(found.drifted.map(({ address, action }) => ({ address, action }))).toEqual([{ address: 'docker_container.web', action: 'update' }]);
    expect(found.drifted[0]!.attributes).toContainEqual({ path: 'must_run', before: 'true', after: 'false', sensitive: false, forcesReplacement: false });
    const listed = await resources();
    expect(listed.lastCheck).toMatchObject({ drifted: 1, current: true });
    expect(driftOf(listed.resources)).toEqual({ 'docker_container.web': 'drifted', 'docker_network.net': 'in sync', 'docker_volume.data': 'in sync' });
    expect(listed.resources.find((row) => row.address === 'docker_container.web')).toMatchObject({ id, provider: 'kreuzwerker/docker', driftedAttributes: expect.arrayContaining(['must_run']) });

    const { planned, apply, classified, preview } = await planAndClassify('start');
    expect(planned).toMatchObject({ counts: { create: 0, update: 1, replace: 0, delete: 0 }, drifted: 1 });
    expect(preview.changes).toMatchObject([{ address: 'docker_container.web', action: 'update' }]);
    expect(preview.changes[0]!.attributes).toContainEqual(expect.objectContaining({ path: 'must_run', before: 'false', after: 'true' }));
    expect(classified.risk).toBe('write');
    expect(await applyPlan(apply)).toMatchObject({ summary: { add: 0, change: 1, remove: 0 } });
    expect(container()).toMatchObject({ Id: id, State: { Running: true } });
  });

  it('reports the container removed outside Terraform as deleted, the network in sync; a plan re-creates it', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    docker('rm', '-f', names.container);
    expect(container()).toBeNull();

    const found = await drift();
    expect(found).toMatchObject({ count: 1 });
    expect(found.drifted.map(({ address, action }) => ({ address, action }))).toEqual([{ address: 'docker_container.web', action: 'delete' }]);
    expect(logs.at(-1)).toMatch(/1 resource changed outside Terraform: docker_container\.web \(delete\)/);
    const listed = await resources();
    expect(listed.lastCheck).toMatchObject({ drifted: 1, current: true });
    expect(driftOf(listed.resources)).toEqual({ 'docker_container.web': 'deleted', 'docker_network.net': 'in sync', 'docker_volume.data': 'in sync' });

    const { planned, apply, classified, preview } = await planAndClassify('restore');
    expect(planned).toMatchObject({ counts: { create: 1, update: 0, replace: 0, delete: 0 }, drifted: 1 });
    expect(preview.drift.map(({ address, action }) => ({ address, action }))).toEqual([{ address: 'docker_container.web', action: 'delete' }]);
    expect(preview.changes.map(({ address, action }) => ({ address, action }))).toEqual([{ address: 'docker_container.web', action: 'create' }]);
    expect(preview.title).toMatch(/1 changed outside Terraform/);
    expect(classified.risk).toBe('write');
    expect(await applyPlan(apply)).toMatchObject({ summary: { add: 1, change: 0, remove: 0 } });
    const live = container()!;
    expect(live.State.Running).toBe(true);
    expect(live.Config.Env).toContain('MODE=green');
    expect(served()).toBe('<h1>reign test</h1>');
    expect(docker('exec', names.container, 'cat', '/data/note')).toBe('kept'); // the volume was never touched
    expect((await resources()).lastCheck).toMatchObject({ current: false });
  });

  it('destroys everything through a saved destroy plan rated critical: nothing with the suffix is left', { timeout: 180_000 }, async (context) => {
    requireInfrastructure(context, problem, need);
    const expanded = await terraformDestroy.expand!({ input: terraformDestroy.input.parse({ ...where, name: 'teardown' }), ctx, signal: new AbortController().signal });
    expect(expanded).toMatchObject({ ok: true, output: [{ tool: 'terraform.plan', input: { destroy: true, name: 'teardown' } }, { tool: 'terraform.apply', input: { plan: '.reign/plans/teardown.tfplan' }, dependsOn: ['plan'] }] });
    const [planStep, applyStep] = expanded.ok ? expanded.output : [];
    expect((await steps.run(terraformPlan, planStep!.input, log)).result).toMatchObject({ ok: true, output: { counts: { delete: 3, create: 0, update: 0, replace: 0 } } });

    const classified = await steps.classify(terraformApply, applyStep!.input);
    expect(classified.risk).toBe('critical');
    expect(classified.reasons).toEqual(expect.arrayContaining(['destroys every resource of the workspace (3)', 'destroys docker_volume.data, a volume or disk: its data is lost']));
    const preview = (await steps.preview(terraformApply, applyStep!.input)) as PlanPreview;
    expect(preview.counts).toMatchObject({ delete: 3, create: 0, update: 0, replace: 0 });
    expect(container()).not.toBeNull(); // planning destroyed nothing

    expect(await applyPlan(applyStep!.input as { dir: string; plan: string })).toMatchObject({ summary: { add: 0, change: 0, remove: 3 } });
    expect((await resources()).resources).toEqual([]);
    // By name, independent of the labels Terraform set.
    expect(docker('ps', '-a', '--filter', `name=${suffix}`, '--format', '{{.Names}}')).toBe('');
    expect(docker('network', 'ls', '--filter', `name=${suffix}`, '--format', '{{.Name}}')).toBe('');
    expect(docker('volume', 'ls', '--filter', `name=${suffix}`, '--format', '{{.Name}}')).toBe('');
    expect(labelled(label)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
