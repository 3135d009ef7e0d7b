import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReignAsync, type ServeProcess, startServe } from './fixtures/serve-process';
import { terraformEnv, terraformMirror } from './fixtures/terraform-mirror';
import { AppPage } from './pages/app-page';

// Terraform in the Resources pane, in Chromium against `reign serve` with real providers: a
// working directory and its workspaces to choose from, the resources in each state, what the last
// drift check found (live, when `reign terraform drift` runs outside the app), the outputs with the
// sensitive one masked, and Forget (terraform state rm) waiting for a destructive approval bound to the workspace.

const { config, problem: mirrorProblem } = terraformMirror();
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-tf-pane-')));
const infra = join(workspace, 'infra');
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = mirrorProblem;
let terraform: (command: string, ...args: string[]) => string;

const configuration = `terraform {
  required_providers {
    random = { source = "hashicorp/random", version = "~> 3.6" }
    local  = { source = "hashicorp/local", version = "~> 2.5" }
  }
}
resource "random_pet" "name" {}
resource "random_password" "token" {
  length = 20
}
resource "local_file" "greeting" {
  filename = "\${path.module}/greeting-\${terraform.workspace}.txt"
  content  = "hello \${random_pet.name.id}"
}
resource "local_file" "notes" {
  filename = "\${path.module}/notes-\${terraform.workspace}.txt"
  content  = "kept as written"
}
output "pet" {
  value = random_pet.name.id
}
output "token" {
  value     = random_password.token.result
  sensitive = true
}
`;

beforeAll(async () => {
  if (!config) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(infra);
  // A module folder nobody initialized: offered, marked as such.
  mkdirSync(join(workspace, 'modules', 'net'), { recursive: true });
  writeFileSync(join(workspace, 'modules', 'net', 'variables.tf'), 'variable "cidr" {\n  type = string\n}\n');
  const env = terraformEnv(config);
  // -input=false only where terraform takes it; `workspace new` and `state list` are two words.
  const options = (command: string) => (['init', 'apply'].includes(command) ? ['-input=false', '-no-color'] : command === 'output' ? ['-no-color'] : []);
  terraform = (command: string, ...args: string[]) => execFileSync('terraform', [command, ...options(command), ...args], { cwd: infra, env, encoding: 'utf8' });
  writeFileSync(join(infra, 'main.tf'), configuration);
  terraform('init');
  terraform('apply', '-auto-approve');
  terraform('workspace', 'new', 'staging');
  terraform('apply', '-auto-approve');
  terraform('workspace', 'select', 'default');
  serve = await startServe(isolatedEnv({ TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1' }), ['--workspace', workspace]);
}, 180_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  rmSync(workspace, { recursive: true, force: true });
});

const row = (page: Page, address: string) => page.getByTestId(`resources-row-${address}`);
const cell = (page: Page, address: string, column: string) => row(page, address).locator(`[data-column="${column}"]`);
/** Until the row's Drift badge says this (the view reloads when the state or the drift record changes). */
const waitDrift = (page: Page, address: string, drift: string) =>
  page.waitForFunction(
    ([key, want]) => document.querySelector(`[data-testid="resources-row-${key}"] [data-testid="resources-status"]`)?.textContent === want,
    [address, drift] as const,
    { timeout: 30_000 },
  );

describe('the Terraform views of the Resources pane', () => {
  it('shows the state of a chosen directory and workspace, the last drift check live, the outputs masked, and removes a resource from the state only after a destructive approval', async (context) => {
    requireInfrastructure(context, problem, 'Terraform with the provider mirror, Chromium and the built app');
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('resources');
    await page.getByTestId('resources-tab-terraform.resources').click();
    await row(page, 'random_pet.name').waitFor({ timeout: 30_000 }).catch(async (error) => { console.log('DEBUG', await page.getByTestId('pane-resources').textContent()); throw error; });
    expect(await page.getByTestId('resources-error').count(), 'the view lists without a problem').toBe(0);

    // The choices: working directories (initialized first), then that directory's workspaces.
    expect(await page.getByTestId('resources-scope-dir').locator('option').allTextContents()).toEqual(['infra', 'modules/net (not initialized)']);
    expect(await page.getByTestId('resources-scope-workspace').locator('option').allTextContents()).toEqual(['default', 'staging']);
    expect(await page.getByTestId('resources-scope-workspace').inputValue()).toBe('default');
    expect(await page.getByTestId('pane-resources').locator('.purpose').textContent()).toContain('infra #default (local backend)');

    // Every resource in the state, none checked for drift yet.
    const addresses = ['local_file.greeting', 'local_file.notes', 'random_password.token', 'random_pet.name'];
    for (const address of addresses) {
      await row(page, address).waitFor();
      expect(await row(page, address).getByTestId('resources-status').textContent()).toBe('not checked');
    }
    const pet = terraform('output', '-raw', 'pet');
    expect(await cell(page, 'random_pet.name', 'id').textContent()).toBe(pet);
    expect(await cell(page, 'random_pet.name', 'provider').textContent()).toBe('hashicorp/random');

    // A file deleted by hand, then a drift check from the command line: the view follows without a reload.
    rmSync(join(infra, 'greeting-default.txt'));
    const drift = await runReignAsync(['terraform', 'drift', '--dir', 'infra'], serve!.env, { cwd: workspace });
    expect(drift.stdout + drift.stderr).toMatch(/1 resource\(s\) changed outside Terraform:\n {2}local_file\.greeting/);
    await waitDrift(page, 'local_file.greeting', 'deleted');
    expect(await row(page, 'local_file.greeting').getAttribute('data-tone')).toBe('bad');
    // Gone as a whole, it has no attribute list, and a What changed column of dashes is not shown.
    expect(await page.getByTestId('resources-sort-changed').count()).toBe(0);
    await waitDrift(page, 'random_pet.name', 'in sync');
    expect(await row(page, 'random_pet.name').getAttribute('data-tone')).toBe('ok');
    expect(await cell(page, 'local_file.notes', 'checked').textContent()).toMatch(/^\d+ s$/);
    await page.screenshot({ path: join(artifacts, 'terraform-resources.png') });

    // Another workspace is another state: its own pet, never checked.
    await page.getByTestId('resources-scope-workspace').selectOption('staging');
    await page.waitForFunction(() => document.querySelector('[data-testid="pane-resources"] .purpose')?.textContent?.includes('infra #staging'), null, { timeout: 20_000 });
    await waitDrift(page, 'random_pet.name', 'not checked');
    expect(await cell(page, 'random_pet.name', 'id').textContent()).not.toBe(pet);
    await page.getByTestId('resources-scope-workspace').selectOption('default');
    await waitDrift(page, 'random_pet.name', 'in sync');

    // The outputs: the sensitive one masked, its value nowhere in the page.
    await page.getByTestId('resources-tab-terraform.outputs').click();
    await row(page, 'pet').waitFor({ timeout: 20_000 });
    expect(await cell(page, 'pet', 'value').textContent()).toBe(pet);
    expect(await cell(page, 'token', 'value').textContent()).toBe('(sensitive value)');
    expect(await page.content()).not.toContain(terraform('output', '-raw', 'token'));
    await page.screenshot({ path: join(artifacts, 'terraform-outputs.png') });

    // Forget: destructive, bound to the directory and workspace shown; the file itself stays.
    await page.getByTestId('resources-tab-terraform.resources').click();
    await row(page, 'local_file.notes').getByTestId('resources-action-remove').click();
    const approval = page.getByTestId('resources-approval');
    await approval.waitFor();
    expect(await approval.getAttribute('data-risk')).toBe('destructive');
    expect(await approval.textContent()).toContain('removes 1 resource instance (local_file.notes) from the state of infra #default');
    expect(terraform('state', 'list'), 'nothing runs before the approval').toContain('local_file.notes');
    await page.getByTestId('resources-approval-approve').click();
    await page.getByTestId('resources-message').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('resources-message').textContent()).toMatch(/^Forget local_file\.notes: done/);
    await row(page, 'local_file.notes').waitFor({ state: 'detached', timeout: 20_000 });
    expect(terraform('state', 'list')).not.toContain('local_file.notes');
    // The state moved on, so the drift check no longer speaks for it.
    await waitDrift(page, 'random_pet.name', 'not checked');
    await page.close();
  }, 240_000);
});
