import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStep } from '../../main/core/agent/describe-step';
import { findOnPath } from '../../main/core/doctor/probes/find-on-path';
import { terraformApply } from '../../main/core/families/terraform/terraform-apply-tool';
import { runTerraform } from '../../main/core/families/terraform/terraform-exec';
import { terraformInit } from '../../main/core/families/terraform/terraform-init-tool';
import { type PlanFacts, planFacts } from '../../main/core/families/terraform/terraform-plan-facts';
import type { PlanJson } from '../../main/core/families/terraform/terraform-plan-json';
import { planRisk } from '../../main/core/families/terraform/terraform-plan-risk';
import { terraformPlan } from '../../main/core/families/terraform/terraform-plan-tool';
import { classifyStep } from '../../main/core/plan/classify-step';
import { PolicyEngine } from '../../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../../main/core/policy/shell/create-shell-analyzer';
import { type PlanPreview, type ToolContext, toolContext } from '../../main/core/tools/tool-definition';
import { ToolRegistry } from '../../main/core/tools/tool-registry';
import { familyVerbs } from '../fixtures/family-tools';
import { stepsIn } from '../fixtures/helm-steps';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { terraformEnv, terraformMirror } from '../fixtures/terraform-mirror';
import { median, runsList } from './figures';

// What classifying `terraform.apply` of a saved 1,000-resource plan costs, with the real terraform
// and the real providers of the mirror: the tool's `inspect` (`terraform show -json` of the plan,
// then the facts risk comes from), the plan engine's classification (`classifyStep`: inspect, risk,
// target, the approval's content hash, the policy; the plan runner does it when a run starts and
// again before the step runs), and the proposal a person reviews (`describeStep`: that
// classification, then the rendered preview, which shows the plan again as JSON and as text).
// Split: terraform's process alone vs parsing and the facts in JS, and the JSON's size. Baseline:
// a 10-resource plan of the same shape in the same run. The saved plan is made once by the
// terraform.plan tool; its time is printed for context. Figures are printed; nothing here asserts
// a time (it does check the facts, the risk and the preview a reviewer gets).

const mirror = terraformMirror();
const problem = !findOnPath('terraform', process.env) ? 'terraform is not on PATH' : mirror.problem;
const RUNS = 7;
const MANY = 1000;
const FEW = 10;
const GROUPS = ['a', 'b', 'c', 'd', 'e'];
const policy = new PolicyEngine();
const registry = new ToolRegistry().register(terraformApply);
const signal = new AbortController().signal;
let home: string | undefined;
let ctx: ToolContext;
const steps = stepsIn(() => ctx);

/**
 * `total` resources to create, in the shape of a real configuration: random pets and null
 * resources in the root (40 % and 10 %), and five instances of a module with terraform_data in
 * each (10 % apiece), so the preview groups changes by module.
 */
function write(dir: string, total: number): void {
  mkdirSync(join(dir, 'group'), { recursive: true });
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {
  required_providers {
    random = { source = "hashicorp/random" }
    null   = { source = "hashicorp/null" }
  }
}

resource "random_pet" "pet" {
  count  = ${total * 0.4}
  length = 2
}

resource "null_resource" "marker" {
  count    = ${total * 0.1}
  triggers = { index = count.index }
}

module "group" {
  source   = "./group"
  for_each = toset(${JSON.stringify(GROUPS)})
  name     = each.key
  size     = ${total / 10}
}
`,
  );
  writeFileSync(
    join(dir, 'group', 'main.tf'),
    `variable "name" {
  type = string
}

variable "size" {
  type = number
}

resource "terraform_data" "item" {
  count = var.size
  input = "\${var.name}-\${count.index}"
}
`,
  );
}

interface Sized {
  readonly total: number;
  readonly apply: { dir: string; plan: string };
  readonly sha256: string;
  readonly planMs: number;
  readonly planBytes: number;
}

/** Initializes the folder and saves its plan through terraform.plan's run, timed. */
async function prepare(total: number): Promise<Sized> {
  const dir = `infra-${total}`;
  write(join(ctx.workspace, dir), total);
  const init = await steps.run(terraformInit, { dir });
  if (!init.result.ok) throw new Error(`terraform init in ${dir} failed: ${init.result.error.message}`);
  const started = performance.now();
  const planned = await steps.run(terraformPlan, { dir, name: 'bench' });
  const planMs = performance.now() - started;
  if (!planned.result.ok) throw new Error(`terraform plan in ${dir} failed: ${planned.result.error.message}`);
  const { plan, sha256 } = planned.result.output;
  return { total, apply: { dir, plan }, sha256, planMs, planBytes: statSync(join(ctx.workspace, dir, plan)).size };
}

interface Measured {
  /** `terraform show -json PLAN` as the tool runs it, up to its stdout collected: terraform's share. */
  show: number;
  parse: number;
  facts: number;
  risk: number;
  inspect: number;
  classify: number;
  propose: number;
  jsonBytes: number;
}

async function measure(sized: Sized): Promise<Measured> {
  const dir = join(ctx.workspace, sized.apply.dir);
  let started = performance.now();
  const shown = await runTerraform(ctx, dir, ['show', '-json', '-no-color', sized.apply.plan], { maxBufferBytes: 512 * 1024 * 1024, timeoutMs: 120_000 });
  const show = performance.now() - started;
  if (!shown.ok) throw new Error(`terraform show -json failed: ${shown.error.message}`);
  const stdout = shown.output.stdout;
  started = performance.now();
  const json = JSON.parse(stdout) as PlanJson;
  const parse = performance.now() - started;
  started = performance.now();
  const facts = planFacts(json, sized.apply.plan, sized.sha256);
  const factsMs = performance.now() - started;
  started = performance.now();
  planRisk(facts);
  const risk = performance.now() - started;

  const input = terraformApply.input.parse(sized.apply);
  started = performance.now();
  await terraformApply.inspect!({ input, ctx, signal });
  const inspect = performance.now() - started;
  started = performance.now();
  await classifyStep(terraformApply, input, ctx, policy);
  const classify = performance.now() - started;
  started = performance.now();
  await describeStep(registry, { id: 'apply', tool: terraformApply.name, input: sized.apply, dependsOn: [] }, ctx, policy);
  const propose = performance.now() - started;
  return { show, parse, facts: factsMs, risk, inspect, classify, propose, jsonBytes: Buffer.byteLength(stdout) };
}

const sized: { many?: Sized; few?: Sized } = {};

beforeAll(async () => {
  if (problem) return;
  home = realpathSync(mkdtempSync(join(tmpdir(), 'reign-bench-tf-inspect-')));
  const workspace = join(home, 'workspace');
  mkdirSync(workspace);
  ctx = toolContext(workspace, terraformEnv(mirror.config), await createShellAnalyzer(familyVerbs));
  sized.few = await prepare(FEW);
  sized.many = await prepare(MANY);
}, 600_000);

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

it(`terraform.apply of a saved ${MANY}-resource plan: inspect, classification and proposal`, async (context) => {
  requireInfrastructure(context, problem, 'Terraform with the provider mirror');
  const many = sized.many!;
  const few = sized.few!;

  // What the reviewer and the policy get, checked once: every create in the facts, rated write,
  // bound to the saved plan's hash, and the preview grouped by the five module instances.
  const facts: PlanFacts = await terraformApply.inspect!({ input: terraformApply.input.parse(many.apply), ctx, signal });
  expect(facts.changes).toHaveLength(MANY);
  expect(facts.changes.every((change) => change.action === 'create')).toBe(true);
  expect(facts).toMatchObject({ sha256: many.sha256, resourcesBefore: [], drifted: 0, imports: [] });
  const classified = await classifyStep(terraformApply, terraformApply.input.parse(many.apply), ctx, policy);
  expect(classified).toMatchObject({ risk: 'write', contentHash: many.sha256, reasons: [expect.stringMatching(new RegExp(`^creates ${MANY}: `))] });
  const proposed = await describeStep(registry, { id: 'apply', tool: terraformApply.name, input: many.apply, dependsOn: [] }, ctx, policy);
  const preview = proposed.preview as PlanPreview;
  expect(preview).toMatchObject({ kind: 'plan', counts: { create: MANY, update: 0, replace: 0, delete: 0, read: 0 } });
  expect(preview.changes).toHaveLength(MANY);
  expect(new Set(preview.changes.map((change) => change.module))).toEqual(new Set([null, ...GROUPS.map((group) => `module.group["${group}"]`)]));
  expect(preview.changes.filter((change) => change.type === 'terraform_data')).toHaveLength(MANY / 2);
  expect((await classifyStep(terraformApply, terraformApply.input.parse(few.apply), ctx, policy)).reasons[0]).toMatch(new RegExp(`^creates ${FEW}: `));

  // Interleaved, so load on the machine falls on both sizes alike.
  const runs = { many: [] as Measured[], few: [] as Measured[] };
  for (let run = 0; run < RUNS; run++) {
    runs.few.push(await measure(few));
    runs.many.push(await measure(many));
  }

  const figure = (list: Measured[], key: keyof Measured) => list.map((measured) => measured[key]);
  const mid = (list: Measured[], key: keyof Measured) => median(figure(list, key));
  const ms = (list: Measured[], key: keyof Measured, digits = 0) => `${mid(list, key).toFixed(digits)} ms`;
  const ratio = (key: keyof Measured) => `${(mid(runs.many, key) / mid(runs.few, key)).toFixed(2)}×`;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const jsonMs = (list: Measured[]) => mid(list, 'parse') + mid(list, 'facts') + mid(list, 'risk');
  console.log(
    [
      `bench terraform-plan-inspect: terraform.apply of a saved plan (random_pet, null_resource, 5 module instances of terraform_data), median of ${RUNS} runs`,
      `  ${MANY} resources  inspect median ${ms(runs.many, 'inspect')} (runs: ${runsList(figure(runs.many, 'inspect'))}); classification median ${ms(runs.many, 'classify')} (runs: ${runsList(figure(runs.many, 'classify'))})`,
      `                 proposal (classification + rendered preview) median ${ms(runs.many, 'propose')} (runs: ${runsList(figure(runs.many, 'propose'))})`,
      `                 split: terraform show -json ${ms(runs.many, 'show')} (runs: ${runsList(figure(runs.many, 'show'))}); in JS JSON.parse ${ms(runs.many, 'parse', 1)}, facts ${ms(runs.many, 'facts', 1)}, risk ${ms(runs.many, 'risk', 2)}`,
      `                 show -json ${kib(runs.many[0]!.jsonBytes)} (${runs.many[0]!.jsonBytes} bytes); saved plan file ${kib(many.planBytes)}`,
      `  ${FEW} resources    inspect median ${ms(runs.few, 'inspect')}, classification ${ms(runs.few, 'classify')}, proposal ${ms(runs.few, 'propose')}  (baseline; inspect runs: ${runsList(figure(runs.few, 'inspect'))})`,
      `                 split: terraform show -json ${ms(runs.few, 'show')}; in JS JSON.parse ${ms(runs.few, 'parse', 2)}, facts ${ms(runs.few, 'facts', 2)}, risk ${ms(runs.few, 'risk', 2)}; show -json ${kib(runs.few[0]!.jsonBytes)} (${runs.few[0]!.jsonBytes} bytes)`,
      `  ratio          inspect ${ratio('inspect')}, classification ${ratio('classify')}, proposal ${ratio('propose')}, show -json ${ratio('show')}, JS (parse + facts + risk) ${(jsonMs(runs.many) / jsonMs(runs.few)).toFixed(2)}×, JSON size ${(runs.many[0]!.jsonBytes / runs.few[0]!.jsonBytes).toFixed(1)}× the ${FEW}-resource plan`,
      `  share          of the ${MANY}-resource inspect: terraform show ${((mid(runs.many, 'show') / mid(runs.many, 'inspect')) * 100).toFixed(0)} %, JS ${((jsonMs(runs.many) / mid(runs.many, 'inspect')) * 100).toFixed(0)} %`,
      `  context        terraform.plan run once (plan -out, then shown back): ${MANY} resources ${(many.planMs / 1000).toFixed(1)} s, ${FEW} resources ${(few.planMs / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
}, 600_000);
