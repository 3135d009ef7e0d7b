import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { terraformEnv, terraformMirror } from './fixtures/terraform-mirror';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// A Terraform apply as a person reviews it, in Chromium against `reign serve` with a scripted model
// and real providers: the step's preview is the saved plan rendered (counts, a replace with the
// attribute that forces it, what drifted outside Terraform); approved, exactly that plan runs.

const { config, problem: mirrorProblem } = terraformMirror();
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-chat-')));
const infra = join(workspace, 'infra');
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = mirrorProblem;

const configuration = (length: number) => `terraform {
  required_providers {
    random = { source = "hashicorp/random", version = "~> 3.6" }
    local  = { source = "hashicorp/local", version = "~> 2.5" }
  }
}
resource "random_pet" "name" {
  length = ${length}
}
resource "local_file" "greeting" {
  filename = "\${path.module}/greeting.txt"
  content  = "hello \${random_pet.name.id}"
}
resource "local_file" "notes" {
  filename = "\${path.module}/notes.txt"
  content  = "kept as written"
}
`;

beforeAll(async () => {
  if (!config) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(infra);
  const env = terraformEnv(config);
  const terraform = (...args: string[]) => execFileSync('terraform', [...args, '-input=false', '-no-color'], { cwd: infra, env, encoding: 'utf8' });
  writeFileSync(join(infra, 'main.tf'), configuration(2));
  terraform('init');
  terraform('apply', '-auto-approve');
  // A change to review (a longer name replaces the pet, and so the greeting), and drift: a file edited by hand.
  writeFileSync(join(infra, 'main.tf'), configuration(3));
  writeFileSync(join(infra, 'notes.txt'), 'edited by hand');
  mkdirSync(join(infra, '.reign', 'plans'), { recursive: true });
  terraform('plan', '-out', '.reign/plans/change.tfplan');
  const transcript = writeTranscript([
    {
      text: 'Here is the saved plan for the longer name.',
      tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Apply the reviewed plan for infra', steps: [{ id: 'apply', tool: 'terraform.apply', input: { dir: 'infra', plan: 'change' } }] } }],
    },
    { text: 'Applied.' },
  ]);
  serve = await startServe(isolatedEnv({ TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1' }), ['--workspace', workspace, '--transcript', transcript]);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('a Terraform apply in the plan graph', () => {
  it('shows the saved plan rendered — counts, a replace with its forcing attribute, drift — and applies exactly it once approved', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and the Terraform provider mirror');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page);
    const ui = new ChatAndPlan(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    await expect.poll(() => page.getByTestId('chat-provider').inputValue()).toBe('scripted');
    await ui.send('apply the longer pet name');
    await ui.waitForState('waiting-for-approval');
    await page.getByTestId('chat-plan-open').click();
    await app.pane('plan').waitFor();
    expect(await ui.step('apply').getAttribute('data-risk')).toBe('destructive'); // a replace
    await ui.step('apply').click();
    const plan = page.getByTestId('tf-plan');
    await plan.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('tf-plan-counts').textContent()).toMatch(/2 to replace/);
    const pet = page.getByTestId('tf-plan-change-random_pet.name');
    expect(await pet.getAttribute('data-action')).toBe('replace');
    expect(await pet.textContent()).toMatch(/forces replacement: length/);
    await page.screenshot({ path: join(artifacts, 'terraform-plan.png') });
    await pet.click();
    await page.getByTestId('tf-plan-attr').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'terraform-plan-replace.png') });
    expect(await plan.textContent()).toMatch(/Drift[\s\S]*local_file\.notes/);
    await page.getByTestId('tf-plan-change-random_pet.name').scrollIntoViewIfNeeded();
    await page.locator('text=Drift').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'terraform-drift.png') });

    await page.getByTestId('plan-approve-level').selectOption('destructive');
    await page.getByTestId('plan-approve-all').click();
    await page.getByTestId('plan-submit').click();
    await ui.waitForRun('succeeded');
    expect(readFileSync(join(infra, 'greeting.txt'), 'utf8')).toMatch(/^hello \w+-\w+-\w+$/);
    expect(readFileSync(join(infra, 'notes.txt'), 'utf8')).toBe('kept as written');
  }, 120_000);
});
