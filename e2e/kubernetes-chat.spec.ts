import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// The agent on a real cluster, in Chromium against `reign serve` with a scripted model: it looks
// first (a read that runs at once), then proposes a fix whose preview is the server's dry run
// diffed against the live Deployment; approved, it runs, and the pod's logs stream into the
// step's terminal.

const { cluster, problem: clusterProblem } = testCluster();
const namespace = `reign-chat-${Math.random().toString(36).slice(2, 8)}`;
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-chat-')));
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = clusterProblem;

const deployment = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "${image}" }] }
`;

beforeAll(async () => {
  if (!cluster) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/apis/apps/v1/namespaces/${namespace}/deployments?fieldManager=kubectl-create`, { method: 'POST', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } } });
  const transcript = writeTranscript([
    { text: 'Let me look at the pods first.', tool_calls: [{ name: 'kubernetes.list', arguments: { kind: 'pods', namespace } }] },
    {
      text: 'web runs one pod of nginx 1.26. Here is the fix.',
      tool_calls: [
        {
          name: 'propose_plan',
          arguments: {
            summary: 'Run web on nginx 1.27 with 3 replicas, then show its logs',
            steps: [
              // kubectl made it, so its fields are kubectl's: the model takes them over, as the tool says to.
              { id: 'fix', tool: 'kubernetes.apply', input: { manifest: deployment(3, 'nginx:1.27'), namespace, force: true } },
              { id: 'ready', tool: 'kubernetes.rollout.status', dependsOn: ['fix'], input: { kind: 'deploy', name: 'web', namespace, waitMs: 60_000 } },
              { id: 'logs', tool: 'kubernetes.logs', dependsOn: ['ready'], input: { kind: 'deploy', name: 'web', namespace, tailLines: 3 } },
            ],
          },
        },
      ],
    },
    { text: 'web now runs 3 pods of nginx 1.27.' },
  ]);
  serve = await startServe(isolatedEnv({ KUBECONFIG: cluster.kubeconfig }), ['--workspace', workspace, '--transcript', transcript]);
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('the agent on a Kubernetes cluster', () => {
  it('looks at once, proposes a fix previewed as the server dry-run diff, runs it when approved, and streams the pod logs', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and the Kubernetes test cluster');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page);
    const ui = new ChatAndPlan(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    await expect.poll(() => page.getByTestId('chat-provider').inputValue()).toBe('scripted');
    await ui.send('web in my namespace should run nginx 1.27 with 3 replicas');
    await ui.waitForState('waiting-for-approval');
    const look = page.getByTestId('chat-tool-card').first();
    expect(await look.getAttribute('data-tool')).toBe('kubernetes.list');
    expect(await look.getAttribute('data-state')).toBe('done');

    await page.getByTestId('chat-plan-open').click();
    await app.pane('plan').waitFor();
    expect(await ui.step('fix').getAttribute('data-risk')).toBe('write');
    expect(await ui.step('logs').getAttribute('data-risk')).toBe('read');
    await ui.step('fix').click();
    expect(await page.getByTestId('plan-step-details').textContent()).toMatch(new RegExp(`reign-test/${namespace}`));
    // The preview is the server's dry run, so it arrives after the step is shown.
    const preview = page.locator('[data-testid="plan-step-preview"][data-kind="file"]');
    await preview.waitFor({ timeout: 15_000 });
    await preview.locator('.monaco-diff-editor').waitFor();
    // The diff is the server's: the live object (1 replica, 1.26) against its dry run (3, 1.27, defaults filled in).
    await expect.poll(async () => (await preview.textContent()) ?? '', { timeout: 10_000 }).toMatch(/nginx:1\.2[67]/);
    await page.screenshot({ path: join(artifacts, 'kubernetes-chat-plan-diff.png') });

    await page.getByTestId('plan-approve-level').selectOption('write');
    await page.getByTestId('plan-approve-all').click();
    await ui.step('logs').click();
    await page.getByTestId('plan-submit').click();
    await ui.waitForRun('succeeded');
    await page.waitForFunction(() => /listening on :8080[\s\S]*ready/.test(document.querySelector('[data-testid="step-output-logs"]')?.textContent ?? ''));
    await page.screenshot({ path: join(artifacts, 'kubernetes-chat-step-logs.png') });
    expect(await clusterApi(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).toMatchObject({ spec: { replicas: 3, template: { spec: { containers: [{ image: 'nginx:1.27' }] } } }, status: { readyReplicas: 3 } });

    await app.goTo('chat');
    await ui.waitForState('done');
    expect(await page.getByTestId('chat-messages').textContent()).toMatch(/web now runs 3 pods/);
  }, 120_000);
});
