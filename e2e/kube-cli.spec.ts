import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';
import { storedText } from './fixtures/stored-text';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// `reign kube …` against the real API server: reads print at once, changes run as plans with
// --approve, and what a change needs (approval, a production name) is said before anything moves.

const { cluster, problem } = testCluster();
const namespace = `reign-cli-${Math.random().toString(36).slice(2, 8)}`;
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-cli-')));
const manifest = join(workspace, 'web.yaml');
let env: NodeJS.ProcessEnv;

const kube = (...words: string[]) => runReignAsync(['kube', ...words, '-n', namespace, '--workspace', workspace], env);

beforeAll(async () => {
  if (!cluster) return;
  env = isolatedEnv({ KUBECONFIG: cluster.kubeconfig });
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  writeFileSync(
    manifest,
    `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
---
apiVersion: v1
kind: Secret
metadata: { name: token }
stringData: { value: hunter2-cli-secret }
`,
  );
});

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('reign kube', () => {
  it('applies a manifest only with approval, then reads, scales, restarts and deletes through plans', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');

    const unapproved = await kube('apply', '-f', manifest);
    expect(unapproved.status, unapproved.stdout + unapproved.stderr).toBe(3);
    expect(unapproved.stdout).toMatch(/needs approval/);
    await expect(clusterApi(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).rejects.toThrow(/404/);

    const applied = await kube('apply', '-f', manifest, '--approve', 'write');
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`write on reign-test/${namespace}`));
    expect(applied.stdout).not.toContain('hunter2-cli-secret');
    // Applied again with a new value: the run keeps a snapshot of the Secret it changes.
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('hunter2-cli-secret', 'hunter3-cli-secret'));
    expect((await kube('apply', '-f', manifest, '--approve', 'write')).status).toBe(0);
    // Nothing Reign stored (runs, snapshots, the audit log) holds either value, plain or base64.
    const stored = storedText(env.REIGN_HOME!);
    expect(stored.length).toBeGreaterThan(1000);
    for (const value of ['hunter2-cli-secret', 'hunter3-cli-secret']) {
      expect(stored).not.toContain(value);
      expect(stored).not.toContain(Buffer.from(value).toString('base64'));
    }

    const status = await kube('rollout', 'status', 'deploy/web');
    expect(status.status, status.stderr).toBe(0);

    const pods = await kube('get', 'pods');
    expect(pods.status, pods.stderr).toBe(0);
    expect(pods.stdout).toMatch(/^NAME\s+STATUS\n/);
    expect(pods.stdout).toMatch(/web-\S+\s+Running, 1\/1 ready/);

    const secret = await kube('get', 'secret', 'token');
    expect(secret.status, secret.stderr).toBe(0);
    expect(secret.stdout).toMatch(/value: "\[REDACTED 18 bytes\]"/);
    expect(secret.stdout).toMatch(/creationTimestamp: \d{4}-\d\d-\d\dT/);
    expect(secret.stdout).not.toContain('hunter2');

    const listed = await kube('get', 'deploy', '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject({ count: 1, items: [{ name: 'web', namespace }] });

    const scaled = await kube('scale', 'deploy/web', '--replicas', '3', '--approve', 'write');
    expect(scaled.status, scaled.stdout + scaled.stderr).toBe(0);
    expect(await clusterApi(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).toMatchObject({ spec: { replicas: 3 } });

    const restarted = await kube('rollout', 'restart', 'deploy/web', '--approve', 'write');
    expect(restarted.status, restarted.stdout + restarted.stderr).toBe(0);
    expect((await kube('rollout', 'status', 'deploy/web')).status).toBe(0);
    const history = await kube('rollout', 'history', 'deploy/web');
    expect(history.stdout, history.stderr).toMatch(/^REVISION\s+CHANGE-CAUSE\s+IMAGES\n1\s+<none>\s+nginx:1.27\n2 \(current\)/);
    const undone = await kube('rollout', 'undo', 'deploy/web', '--approve', 'write');
    expect(undone.status, undone.stdout + undone.stderr).toBe(0);

    const logs = await kube('logs', 'deploy/web', '--tail', '2');
    expect(logs.status, logs.stderr).toBe(0);
    expect(logs.stdout).toBe('listening on :8080\nready\n');
    const described = await kube('describe', 'deploy', 'web');
    expect(described.stdout, described.stderr).toMatch(/Name:\s+web[\s\S]*Events:[\s\S]*ScalingReplicaSet/);

    // A delete is destructive: --approve write is not enough.
    const refused = await kube('delete', 'deploy', 'web', '--approve', 'write');
    expect(refused.status, refused.stdout).toBe(3);
    expect(await clusterApi(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).toMatchObject({ metadata: { name: 'web' } });
    const deleted = await kube('delete', 'deploy', 'web', '--approve', 'destructive');
    expect(deleted.status, deleted.stdout + deleted.stderr).toBe(0);
    await expect(clusterApi(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).rejects.toThrow(/404/);
  });

  it('says what is wrong with a command line, and names an unknown context', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const noReplicas = await kube('scale', 'deploy/web');
    expect(noReplicas.status).toBe(2);
    expect(noReplicas.stderr).toMatch(/--replicas N/);
    const noFile = await kube('apply');
    expect(noFile.stderr).toMatch(/-f FILE/);
    const elsewhere = await runReignAsync(['kube', 'get', 'pods', '--context', 'nowhere'], env);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toMatch(/no context "nowhere" \(it has reign-test\)/);
  });
});
