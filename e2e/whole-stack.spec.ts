import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import sodium from 'libsodium-wrappers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../main/core/doctor/probes/find-on-path';
import { browserForApp } from './fixtures/browser';
import { githubMock } from './fixtures/github-mock';
import { Answer, json, rewritingFront, type Sent } from './fixtures/github-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReignAsync, type ServeProcess, startServe } from './fixtures/serve-process';
import { storedText } from './fixtures/stored-text';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { terraformEnv, terraformMirror } from './fixtures/terraform-mirror';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';
import { CI_BRANCH, DEPLOY_SECRET_VARIABLE, REPO, wholeStackPlan } from './scenarios/whole-stack-plan';

// The seeds' headline request end to end, in Chromium against `reign serve` with the scripted
// model and the real peers: the GitHub mock (GitHub's own description, checking every request),
// Terraform with the real kubernetes and random providers, helm and the Kubernetes control plane.
// One plan graph across four families; outputs flow between them and each step is classified
// again once its input is resolved. Then the same request failing at the rollout, rolled back
// across the families in reverse order, and once more on a namespace marked production.
// Screenshots: e2e/artifacts/whole-stack-*.png.

const { cluster, problem: clusterProblem } = testCluster();
const mirror = terraformMirror();
const mock = githubMock();
const problem0 = !findOnPath('terraform', process.env) ? 'terraform is not on PATH' : (clusterProblem ?? mirror.problem ?? mock.problem);
const need = 'Chromium, the built app, the Kubernetes test cluster, Terraform with the provider mirror and the GitHub mock';
const artifacts = join(repoRoot, 'e2e', 'artifacts');
const token = `ghp_${'Wh0le'.repeat(7)}X`;
// What the deploy secret holds: it reaches GitHub only encrypted, and nothing of Reign's keeps it.
const deployKubeconfig = `apiVersion: v1\nkind: Config\nusers: [{ name: ci, user: { token: shop-deploy-Tk-${'9'.repeat(12)} } }]\n`;
/** The commit Prism answers for POST /git/commits: a repository whose only branch is still there was not pushed to since. */
const REIGN_COMMIT = '7638417db6d59f3c431d3e1f261cc637155684cd';

let browser: Browser | undefined;
let problem: string | null = problem0;
/** A key pair standing in for the repository's: the front hands out the public half, the test opens the sealed secret with the private one. */
let secretsKey: { publicKey: Uint8Array; privateKey: Uint8Array } | undefined;
const namespaces: string[] = [];
const sent: Sent[] = [];
let front: { url: string; close(): Promise<void> } | undefined;

beforeAll(async () => {
  if (problem) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  await sodium.ready;
  secretsKey = sodium.crypto_box_keypair();
  // The example repository has tags and a branch at another commit: answer what a repository Reign just made would have, so its undo may delete it.
  front = await rewritingFront((method, path) => {
    if (method === 'GET' && path.startsWith(`/repos/${REPO}/branches?`)) return [{ name: 'master', commit: { sha: REIGN_COMMIT, url: `https://api.github.com/repos/${REPO}/commits/${REIGN_COMMIT}` }, protected: false }];
    if (method === 'GET' && path.startsWith(`/repos/${REPO}/tags?`)) return [];
    if (method === 'GET' && path === `/repos/${REPO}/actions/secrets/public-key`) return { key_id: '568250167242549743', key: sodium.to_base64(secretsKey!.publicKey, sodium.base64_variants.ORIGINAL) };
    // A repository made a moment ago has no secrets yet.
    if (method === 'GET' && path === `/repos/${REPO}/actions/secrets/KUBE_CONFIG`) return new Answer(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/secrets#get-a-repository-secret', status: '404' });
    return undefined;
  }, (entry) => sent.push(entry));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await front?.close();
  for (const namespace of namespaces) await clusterApi(cluster!, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

interface Stage {
  readonly serve: ServeProcess;
  readonly home: string;
  readonly workspace: string;
  readonly page: Page;
  readonly ui: ChatAndPlan;
  readonly app: AppPage;
}

/** What each test opened, closed after it whatever happened. */
const opened: { page: Page; serve: ServeProcess }[] = [];
afterEach(async () => {
  for (const { page, serve } of opened.splice(0)) {
    await page.close();
    await serve.stop();
  }
});

/** A workspace and `reign serve` replaying `turns`, in a page showing the chat. */
async function stage(name: string, turns: readonly unknown[], production: string[] = []): Promise<Stage> {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), `reign-stack-${name}-`)));
  const helmDir = dirname(cluster!.bin.helm);
  const lint = process.env.REIGN_TEST_ACTIONLINT ? `${dirname(process.env.REIGN_TEST_ACTIONLINT)}:` : '';
  const env = isolatedEnv({
    ...terraformEnv(mirror.config!),
    PATH: `${helmDir}:${lint}${process.env.PATH}`,
    KUBECONFIG: cluster!.kubeconfig,
    GITHUB_API_URL: front!.url,
    GITHUB_TOKEN: token,
    [DEPLOY_SECRET_VARIABLE]: deployKubeconfig,
  });
  const home = env.REIGN_HOME!;
  if (production.length) expect((await runReignAsync(['settings', 'set', 'productionTargets', JSON.stringify(production)], env)).status).toBe(0);
  const serve = await startServe(env, ['--workspace', workspace, '--transcript', writeTranscript(turns)]);
  const page = await browser!.newPage({ viewport: { width: 1600, height: 1000 } });
  opened.push({ page, serve });
  const app = new AppPage(page);
  const ui = new ChatAndPlan(page);
  await app.open(serve.url);
  await app.goTo('chat');
  // The providers arrive with the first reads after connecting (the doctor's checks among them): not within 1 s on a loaded machine.
  await expect.poll(() => page.getByTestId('chat-provider').inputValue(), { timeout: 15_000 }).toBe('scripted');
  return { serve, home, workspace, page, ui, app };
}

async function askAndOpenPlan({ ui, page, app }: Stage): Promise<void> {
  await ui.send('Create a repository for the shop service, provision what it needs with Terraform, deploy it with a Helm chart, set up CI that deploys on push to main, and check it is healthy.');
  await ui.waitForState('waiting-for-approval', 60_000).catch(async (error: Error) => {
    await shot(page, 'debug');
    throw new Error(`${error.message}\n${((await ui.messages.textContent()) ?? "").slice(-3000)}`);
  });
  await page.getByTestId('chat-plan-open').click();
  await app.pane('plan').waitFor();
}

async function approveUpTo({ page }: Stage, level: string): Promise<void> {
  await page.getByTestId('plan-approve-level').selectOption(level);
  await page.getByTestId('plan-approve-all').click();
  await page.getByTestId('plan-submit').click();
}

/** Waits for the run to end as `status`; otherwise fails with each step's status and the run log, which say where it stopped. */
async function runEnds({ page, ui }: Stage, status: string, timeout: number): Promise<void> {
  await ui.waitForRun(status, timeout).catch(async (error: Error) => {
    await page.locator('.react-flow__controls-fitview').click();
    await shot(page, `${status}-not-reached`);
    const steps = await page.locator('[data-testid^="plan-step-"][data-status]').evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-testid')}=${node.getAttribute('data-status')}`));
    throw new Error(`${error.message}\n${steps.join(' ')}\n${(await page.getByTestId('plan-run-log').textContent()) ?? ''}`);
  });
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `whole-stack-${name}.png`) });
const kubectl = (...args: string[]) => execFileSync(cluster!.bin.kubectl, ['--kubeconfig', cluster!.kubeconfig, '--context', 'reign-test', ...args], { encoding: 'utf8' });
const terraform = (workspace: string, ...args: string[]) => execFileSync('terraform', args, { cwd: join(workspace, 'infra'), env: terraformEnv(mirror.config!), encoding: 'utf8' });
const requests = (): string[] => sent.map((entry) => entry.request.replace(/\?.*$/, ''));
const namespaceGone = async (namespace: string): Promise<boolean> => clusterApi(cluster!, `/api/v1/namespaces/${namespace}`).then(() => false, (error: Error) => /404/.test(error.message));
const undoneSteps = async (home: string): Promise<string[]> => {
  const env = { ...isolatedEnv(), REIGN_HOME: home };
  const exported = await runReignAsync(['audit', 'export'], env);
  return exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; payload: { step?: string; ok?: boolean } }).filter((entry) => entry.kind === 'step.undone').map((entry) => `${entry.payload.step}:${entry.payload.ok}`);
};

interface Asked {
  readonly step: string;
  /** The production target's name it asked to be typed, or null. */
  readonly confirmation: string | null;
}

/**
 * Until the run ends as `status`: approves, one at a time, each step the running plan asks about
 * again (its input resolved), typing the production name where one is asked. `onAsked` sees each
 * step's question before it is approved. Returns the steps in the order they were asked.
 */
async function approveEachAsked(where: Stage, status: string, timeout: number, onAsked: (step: string) => Promise<void> = async () => {}): Promise<Asked[]> {
  const { page } = where;
  const asked: Asked[] = [];
  const deadline = Date.now() + timeout;
  for (;;) {
    // Read without waiting: before the run starts there is no run status yet. A step asked about is shown in the details at once.
    const { ended, step } = await page.evaluate(() => ({
      ended: document.querySelector('[data-testid="plan-run-status"]')?.getAttribute('data-status') ?? null,
      step: document.querySelector('[data-testid="plan-asked-again"]') ? (document.querySelector('[data-testid="plan-step-details"]')?.getAttribute('data-step') ?? null) : null,
    }));
    if (ended && !['review', 'sent', 'running'].includes(ended)) {
      if (ended !== status) await runEnds(where, status, 1);
      await page.locator('.react-flow__controls-fitview').click(); // the graph draws only the nodes in view
      return asked;
    }
    if (step) {
      const box = page.getByTestId('plan-asked-again');
      const confirm = box.getByTestId('plan-step-confirm');
      const confirmation = (await confirm.count()) ? await box.locator('.confirm code').textContent() : null;
      if (confirmation) await confirm.fill(confirmation);
      await onAsked(step);
      await box.getByTestId('plan-reapprove').click();
      await page.waitForFunction((id) => !document.querySelector('[data-testid="plan-asked-again"]') || document.querySelector('[data-testid="plan-step-details"]')?.getAttribute('data-step') !== id, step);
      asked.push({ step, confirmation });
      continue;
    }
    if (Date.now() > deadline) await runEnds(where, status, 1);
    await sleep(250);
  }
}

const suffix = () => Math.random().toString(36).slice(2, 7);

describe('one plan across every family: the whole stack', () => {
  it('creates the repository, provisions the namespace, deploys into it, sets up CI and checks health — outputs flowing between families', async (context) => {
    requireInfrastructure(context, problem, need);
    const namespace = `shop-${suffix()}`;
    namespaces.push(namespace);
    const plan = wholeStackPlan({ namespace, kubeconfig: cluster!.kubeconfig });
    const where = await stage('whole', [
      { text: 'Here is the whole plan: the repository, the namespace and its settings through Terraform, the release in that namespace, then CI/CD and a health check.', tool_calls: [{ name: 'propose_plan', arguments: plan }] },
      { text: `The shop service is up.\n\n- **Repository**: https://github.com/${REPO} (pull request with the CI/CD workflow from \`${CI_BRANCH}\`)\n- **Namespace**: \`${namespace}\`, made by Terraform with its config and database secret\n- **Endpoint**: \`http://shop.${namespace}.svc.cluster.local\` (Service shop, port 80 → 8080), 2 pods ready` },
    ]);
    const { page, ui, home, workspace } = where;
    await askAndOpenPlan(where);
    // Risk by code, per step and family, before anything runs.
    const risks = Object.fromEntries(await Promise.all(plan.steps.map(async (step) => [step.id, await ui.step(String(step.id)).getAttribute('data-risk')] as const)));
    expect(risks).toEqual({ repo: 'write', config: 'write', init: 'write', plan: 'read', apply: 'write', chart: 'write', install: 'write', rollout: 'read', workflows: 'read', secret: 'destructive', branch: 'write', push: 'write', pr: 'write', health: 'read' });
    // The namespace is an output of the apply: the install is classified again with it before it runs.
    await ui.step('install').click();
    expect(await page.getByTestId('plan-step-details').textContent()).toMatch(/namespace is the output of an earlier step \(\$\{steps\.apply\.output\.outputs\.namespace\}\)/);
    // Which repository gets the secret is known only when it runs, so whether it replaces one is not known yet: destructive until then.
    await ui.step('secret').click();
    expect(await page.getByTestId('plan-step-details').textContent()).toMatch(/could not be checked for an existing value/);
    await shot(page, 'plan');

    await approveUpTo(where, 'destructive');
    // The apply is asked about again with the plan it applies rendered (made by the step before); the steps whose
    // target is an earlier output (the namespace, the repository) with that target known.
    const asked = await approveEachAsked(where, 'succeeded', 300_000, async (step) => {
      if (step !== 'apply') return;
      await page.getByTestId('tf-plan').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('tf-plan-counts').textContent()).toMatch(/\+4 to create/);
      await shot(page, 'apply-asked-again');
    });
    expect(asked.map((entry) => entry.step).sort()).toEqual(['apply', 'branch', 'install', 'pr', 'push', 'secret']);
    expect(asked.filter((entry) => entry.confirmation)).toEqual([]);
    for (const step of plan.steps) expect(await ui.stepStatus(String(step.id)), String(step.id)).toBe('succeeded');
    expect(await ui.step('secret').getAttribute('data-risk')).toBe('write'); // a new repository has no secret to replace
    await shot(page, 'done');
    await where.app.goTo('chat');
    await page.getByText(`http://shop.${namespace}.svc.cluster.local`).waitFor();
    await shot(page, 'report');

    // In the cluster: the namespace Terraform made, its config and secret, and the release Helm installed into it, ready.
    expect(JSON.parse(kubectl('get', 'namespace', namespace, '-o', 'json')).metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'shop' });
    expect(kubectl('get', 'configmap,secret', '-n', namespace, '-o', 'name')).toMatch(/configmap\/shop-config[\s\S]*secret\/shop-db/);
    expect(JSON.parse(kubectl('get', 'deployment', 'shop', '-n', namespace, '-o', 'json')).status).toMatchObject({ readyReplicas: 2 });
    expect(terraform(workspace, 'state', 'list').trim().split('\n').sort()).toEqual(['kubernetes_config_map_v1.shop', 'kubernetes_namespace_v1.shop', 'kubernetes_secret_v1.db', 'random_password.db']);
    // GitHub: every request met GitHub's contract; the secret went encrypted; the generated workflow went into the commit on the PR's branch.
    for (const entry of sent) expect(entry.violations, entry.request).toEqual([]);
    expect(requests()).toEqual(expect.arrayContaining(['POST /user/repos', `PUT /repos/${REPO}/actions/secrets/KUBE_CONFIG`, `POST /repos/${REPO}/git/refs`, `POST /repos/${REPO}/git/trees`, `POST /repos/${REPO}/pulls`]));
    const secret = json(sent.find((entry) => entry.request === `PUT /repos/${REPO}/actions/secrets/KUBE_CONFIG`)!.body) as { encrypted_value: string };
    expect(sodium.crypto_box_seal_open(sodium.from_base64(secret.encrypted_value, sodium.base64_variants.ORIGINAL), secretsKey!.publicKey, secretsKey!.privateKey, 'text')).toBe(deployKubeconfig);
    const trees = sent.filter((entry) => entry.request === `POST /repos/${REPO}/git/trees`).map((entry) => json(entry.body) as { tree: { path: string; content?: string }[] });
    const workflow = trees.flatMap((tree) => tree.tree).find((file) => file.path.startsWith('.github/workflows/') && /Build and deploy/.test(file.content ?? ''));
    expect(workflow?.content).toMatch(/push:\n\s+branches:\s*\n?\s*-? ?\[?master/);
    expect(json(sent.find((entry) => entry.request === `POST /repos/${REPO}/pulls`)!.body)).toMatchObject({ head: CI_BRANCH, base: 'master' });
    // No secret reached what Reign keeps: the deploy kubeconfig, the token, the database password Terraform generated.
    const password = terraform(workspace, 'output', '-raw', 'db_password');
    const kept = storedText(home);
    for (const value of [deployKubeconfig, 'shop-deploy-Tk-', token, password]) expect(kept).not.toContain(value);
  }, 420_000);

  it('fails at the rollout and rolls back the release, the chart, the Terraform apply and the repository in reverse order; the destroy it saved is approved and nothing is left', async (context) => {
    requireInfrastructure(context, problem, need);
    const namespace = `shop-rb-${suffix()}`;
    namespaces.push(namespace);
    const plan = wholeStackPlan({ namespace, kubeconfig: cluster!.kubeconfig, neverReady: true });
    const where = await stage('rollback', [
      { text: 'Here is the whole plan.', tool_calls: [{ name: 'propose_plan', arguments: plan }] },
      { text: 'The rollout never became ready, so Reign rolled the plan back: the release, the chart, the configuration and the repository are gone. What Terraform created is still there: destroying it needs your approval, and Reign saved that plan as `undo-shop`. Shall I apply it?' },
      { text: 'Here is the destroy Reign saved.', tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Destroy what the rolled-back apply created', steps: [{ id: 'destroy', tool: 'terraform.apply', input: { dir: 'infra', plan: 'undo-shop' } }] } }] },
      { text: 'Everything the plan made is gone: the release, the chart, the namespace with its config and secret, the Terraform state entries and the repository.' },
    ]);
    const { page, ui, home, workspace } = where;
    sent.splice(0);
    await askAndOpenPlan(where);
    await approveUpTo(where, 'destructive');
    expect((await approveEachAsked(where, 'rolled-back', 300_000)).map((entry) => entry.step)).toEqual(['apply', 'install']);
    expect(await ui.stepStatus('rollout')).toBe('failed');
    expect(Object.fromEntries(await Promise.all(['install', 'chart', 'apply', 'config', 'repo'].map(async (id) => [id, await ui.stepStatus(id)] as const)))).toEqual({ install: 'undone', chart: 'undone', apply: 'undo-failed', config: 'undone', repo: 'undone' });
    for (const id of ['workflows', 'secret', 'branch', 'push', 'pr', 'health']) expect(await ui.stepStatus(id), id).toBe('skipped');
    const log = (await page.getByTestId('plan-run-log').textContent()) ?? '';
    // Newest first: the release (Helm), then the apply (Terraform), then the repository (GitHub); the files as they finished.
    expect(log).toMatch(/rollout failed[\s\S]*install undone[\s\S]*apply could not be undone yet: Not undone yet[\s\S]*undo-shop[\s\S]*repo undone/);
    expect(log).toMatch(/chart undone[\s\S]*config undone/);
    expect(await ui.step('apply').textContent()).toMatch(/undo waits for approval/);
    await ui.step('apply').click();
    await page.getByTestId('plan-run-log').evaluate((log) => void (log.scrollTop = log.scrollHeight));
    await shot(page, 'rollback');
    // Each undo is journaled, newest first; the repository was deleted on GitHub; the release is gone from the cluster.
    expect((await undoneSteps(home)).filter((entry) => /^(install|apply|repo):/.test(entry))).toEqual(['install:true', 'apply:false', 'repo:true']);
    expect(await undoneSteps(home)).toEqual(expect.arrayContaining(['chart:true', 'config:true']));
    expect(requests()).toContain(`DELETE /repos/${REPO}`);
    expect(kubectl('get', 'deployments', '-n', namespace, '-o', 'name').trim()).toBe('');
    expect(existsSync(join(workspace, 'charts', 'shop'))).toBe(false);

    // The destroy the undo saved: its preview is the rendered plan, every resource the apply made going.
    await where.app.goTo('chat');
    await ui.send('Yes, destroy what Terraform created.');
    await ui.waitForState('waiting-for-approval', 60_000);
    await page.getByTestId('chat-plan-open').click();
    await page.waitForSelector('[data-testid="plan-step-destroy"]', { timeout: 60_000 });
    // Everything of the workspace, a namespace among it: critical, refused unless the person lifts that for this run.
    expect(await ui.step('destroy').getAttribute('data-risk')).toBe('critical');
    expect(await ui.stepStatus('destroy')).toBe('denied');
    await ui.step('destroy').click();
    await page.getByTestId('tf-plan').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('tf-plan-counts').textContent()).toMatch(/-4 to destroy/);
    await page.getByTestId('plan-allow-critical').check();
    await shot(page, 'rollback-destroy');
    await approveUpTo(where, 'critical');
    await runEnds(where, 'succeeded', 180_000);
    await expect.poll(() => namespaceGone(namespace), { timeout: 60_000, interval: 1_000 }).toBe(true);
    expect(terraform(workspace, 'state', 'list').trim()).toBe('');
    expect(existsSync(join(workspace, 'infra', 'main.tf'))).toBe(false);
    for (const entry of sent) expect(entry.violations, entry.request).toEqual([]);
  }, 420_000);

  it('on a namespace marked production, asks for the typed name only at the step that changes that namespace, once it is known', async (context) => {
    requireInfrastructure(context, problem, need);
    const namespace = `shop-prod-${suffix()}`;
    namespaces.push(namespace);
    const plan = wholeStackPlan({ namespace, kubeconfig: cluster!.kubeconfig });
    const where = await stage('production', [{ text: 'Here is the whole plan.', tool_calls: [{ name: 'propose_plan', arguments: plan }] }, { text: 'Deployed into the production namespace.' }], [`kubernetes:reign-test/${namespace}`]);
    const { page, ui } = where;
    await askAndOpenPlan(where);
    // Before anything ran, no step can know the namespace is production: it is an output of the apply.
    for (const step of plan.steps) {
      await ui.step(String(step.id)).click();
      expect(await page.getByTestId('plan-step-confirm').count(), String(step.id)).toBe(0);
    }
    await approveUpTo(where, 'destructive');
    // At run time the install is classified with the namespace: it asks for the name typed; the reads and the GitHub steps do not.
    const asked = await approveEachAsked(where, 'succeeded', 300_000, async (step) => {
      if (step !== 'install') return;
      expect(kubectl('get', 'deployments', '-n', namespace, '-o', 'name').trim()).toBe('');
      await shot(page, 'production-confirm');
    });
    expect(asked.filter((entry) => entry.confirmation)).toEqual([{ step: 'install', confirmation: expect.stringContaining(namespace) }]);
    expect(JSON.parse(kubectl('get', 'deployment', 'shop', '-n', namespace, '-o', 'json')).status).toMatchObject({ readyReplicas: 2 });
  }, 420_000);
});
