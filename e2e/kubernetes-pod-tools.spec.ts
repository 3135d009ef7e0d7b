import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeExec, kubeLogs } from '../main/core/families/kubernetes/kube-pod-tools';
import { kubePortForward } from '../main/core/families/kubernetes/kube-port-forward';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, type TestCluster, testCluster } from './fixtures/test-cluster';

// Logs, exec and port-forward through client-node against the real API server; KWOK's kubelet
// serves them (every container logs the same three lines, exec runs on this host in a scratch
// folder, every pod port forwards to etcd's /health).

const { cluster, problem } = testCluster();
const namespace = `reign-pods-${Math.random().toString(36).slice(2, 8)}`;
const podLines = ['reign-test pod started', 'listening on :8080', 'ready'];
let ctx: ToolContext;

interface Run<O> {
  readonly result: Promise<Awaited<ReturnType<ToolDefinition<unknown, O>['run']>>>;
  readonly stop: () => void;
  /** Everything the step logged so far, per stream. */
  readonly logged: Record<'stdout' | 'stderr' | 'info', string>;
}

/** Starts a step as the plan runner does: its output streamed through `log`, stopped through its signal. */
function start<I, O>(tool: ToolDefinition<I, O>, raw: unknown): Run<O> {
  const controller = new AbortController();
  const logged = { stdout: '', stderr: '', info: '' };
  const result = tool.run({ input: tool.input.parse(raw), ctx, signal: controller.signal, log: (stream, text) => (logged[stream] += text), progress: () => undefined });
  return { result, stop: () => controller.abort(), logged };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) if (await check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

const readyPods = async (c: TestCluster): Promise<string[]> =>
  (await clusterApi<{ items: { metadata: { name: string }; status: { containerStatuses?: { ready: boolean }[] } }[] }>(c, `/api/v1/namespaces/${namespace}/pods`)).items.filter((pod) => pod.status.containerStatuses?.every((container) => container.ready)).map((pod) => pod.metadata.name);

beforeAll(async () => {
  if (!cluster) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/apis/apps/v1/namespaces/${namespace}/deployments`, { method: 'POST', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }, { name: 'sidecar', image: 'busybox:1.36' }] } } } } });
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/services`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } } });
  // No node matches: the pod stays Pending.
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/pods`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck' }, spec: { nodeSelector: { 'reign.test/nowhere': 'true' }, containers: [{ name: 'app', image: 'busybox:1.36' }] } } });
  await until('the pod to be ready', async () => (await readyPods(cluster)).length === 1, 30_000);
}, 60_000);

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('kubernetes.logs against a real cluster', () => {
  it("reads a Deployment's pod's log: the three lines, the last ones with tailLines, the container named, and says which container it picked", async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const [pod] = await readyPods(cluster!);
    const all = start(kubeLogs, { kind: 'deploy', name: 'web', namespace });
    expect(await all.result).toMatchObject({ ok: true, output: { pod, container: 'web', text: `${podLines.join('\n')}\n`, truncated: false } });
    expect(all.logged.stdout).toBe(`${podLines.join('\n')}\n`);
    expect(all.logged.info).toMatch(/Defaulted container "web" out of: web, sidecar/);
    expect(await start(kubeLogs, { name: pod, container: 'sidecar', tailLines: 1, namespace }).result).toMatchObject({ ok: true, output: { container: 'sidecar', text: 'ready\n' } });
  });

  it('follows the log into the step output until the step is stopped, and stops within a second', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const follow = start(kubeLogs, { kind: 'deployment', name: 'web', follow: true, namespace });
    await until('the followed lines', () => follow.logged.stdout.includes('ready'));
    let settled = false;
    void follow.result.then(() => (settled = true));
    await sleep(300);
    expect(settled, 'a followed log keeps running until stopped').toBe(false);
    const stopped = Date.now();
    follow.stop();
    const result = await follow.result;
    expect(Date.now() - stopped).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: true, output: { text: expect.stringContaining(podLines.join('\n')) } });
  });

  it('fails naming the problem for a missing container or pod', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    expect(await start(kubeLogs, { kind: 'deploy', name: 'web', container: 'nope', namespace }).result).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CONTAINER', message: expect.stringMatching(/no container "nope" \(it has web, sidecar\)/) } });
    expect(await start(kubeLogs, { name: 'no-such-pod', namespace }).result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/pods "no-such-pod" not found/) } });
    // With follow too, the server's own words (client-node's follow drops them): here KWOK has no previous instance's log.
    const previous = await start(kubeLogs, { kind: 'deploy', name: 'web', previous: true, follow: true, namespace }).result;
    expect(previous, JSON.stringify(previous)).toMatchObject({ ok: false, error: { code: 'KUBERNETES_ERROR', message: expect.stringMatching(/^Reading the log of deploy\/web: failed to .*log file/) } });
  });
});

describe('kubernetes.exec against a real cluster', () => {
  it('runs a command in the pod, streams its output and returns exit code 0', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const run = start(kubeExec, { kind: 'deploy', name: 'web', command: ['echo', 'hi'], namespace });
    expect(await run.result).toMatchObject({ ok: true, output: { container: 'web', exitCode: 0, stdout: 'hi\n', stderr: '' } });
    expect(run.logged.stdout).toBe('hi\n');
  });

  it("reports a failing command's exit code and stderr, a command that cannot start, and a pod that is not running", async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const [pod] = await readyPods(cluster!);
    const failing = start(kubeExec, { name: pod, command: ['sh', '-c', 'echo partial; echo broken >&2; exit 3'], namespace });
    expect(await failing.result).toMatchObject({ ok: false, error: { code: 'EXIT_CODE', message: 'the command exited with code 3: broken', detail: { exitCode: 3, stdout: 'partial\n', stderr: 'broken\n' } } });
    expect(failing.logged).toMatchObject({ stdout: 'partial\n', stderr: 'broken\n' });
    expect(await start(kubeExec, { name: pod, command: ['reign-no-such-command'], namespace }).result).toMatchObject({ ok: false, error: { code: 'EXEC_FAILED', message: expect.stringMatching(/did not run: .*reign-no-such-command.*not found/) } });
    expect(await start(kubeExec, { name: 'stuck', command: ['true'], namespace }).result).toMatchObject({ ok: false, error: { code: 'POD_NOT_RUNNING', message: expect.stringMatching(/pod stuck is Pending, not running yet/) } });
  });

  it('is rated by what the command does, never below write, on the pod\'s namespace', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const policy = new PolicyEngine();
    const classify = (command: string[]) => classifyStep(kubeExec, kubeExec.input.parse({ name: 'web', kind: 'deploy', command, namespace }), ctx, policy);
    expect(await classify(['echo', 'hi'])).toMatchObject({ risk: 'write', target: { id: `kubernetes:reign-test/${namespace}` } });
    for (const command of [['rm', '-rf', '/'], ['sh', '-c', 'rm -rf /']]) expect(['destructive', 'critical'], command.join(' ')).toContain((await classify(command)).risk);
  });
});

describe('kubernetes.port-forward against a real cluster', () => {
  it("forwards 127.0.0.1 to a Service's pod (its targetPort), until the step is stopped; then the port is closed", async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const [pod] = await readyPods(cluster!);
    const forward = start(kubePortForward, { kind: 'svc', name: 'web', port: 80, namespace });
    await until('the forward to listen', () => /Forwarding/.test(forward.logged.stdout));
    const [, port] = /^Forwarding 127\.0\.0\.1:(\d+) -> pod\/(\S+):8080\n$/.exec(forward.logged.stdout) ?? [];
    expect(forward.logged.stdout).toBe(`Forwarding 127.0.0.1:${port} -> pod/${pod}:8080\n`);
    for (let i = 0; i < 3; i++) expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toMatchObject({ health: 'true' });
    forward.stop();
    expect(await forward.result).toMatchObject({ ok: true, output: { localPort: Number(port), pod, port: 8080 } });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('forwards a named pod port to the local port given, refuses one in use, and is a write', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const [pod] = await readyPods(cluster!);
    const first = start(kubePortForward, { name: pod, port: 'http', namespace });
    await until('the first forward', () => /Forwarding/.test(first.logged.stdout));
    const taken = Number(/127\.0\.0\.1:(\d+)/.exec(first.logged.stdout)![1]);
    expect(await start(kubePortForward, { name: pod, port: 8080, localPort: taken, namespace }).result).toMatchObject({ ok: false, error: { code: 'PORT_IN_USE', message: expect.stringMatching(new RegExp(`127.0.0.1:${taken} is already in use`)) } });
    expect(await (await fetch(`http://127.0.0.1:${taken}/health`)).json()).toMatchObject({ health: 'true' });
    first.stop();
    await first.result;
    const classified = await classifyStep(kubePortForward, kubePortForward.input.parse({ name: pod, port: 8080, namespace }), ctx, new PolicyEngine());
    expect(classified).toMatchObject({ risk: 'write', target: { id: `kubernetes:reign-test/${namespace}` } });
  });
});
