import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, repoRoot, runReignAsync } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// `reign helm …` against the real API server with the real helm: a release from Reign's
// microservice chart installed, upgraded, rolled back and uninstalled from the command line, each
// change a plan that waits for --approve.

const { cluster, problem } = testCluster();
const namespace = `reign-helm-cli-${Math.random().toString(36).slice(2, 8)}`;
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-helm-cli-')));
let env: NodeJS.ProcessEnv;

const helm = (...words: string[]) => runReignAsync(['helm', ...words, '-n', namespace, '--workspace', workspace], env);
const replicas = async () => (await clusterApi<{ spec: { replicas: number } }>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web-microservice`).catch(() => null))?.spec.replicas ?? null;

beforeAll(async () => {
  if (!cluster) return;
  env = isolatedEnv({ KUBECONFIG: cluster.kubeconfig, PATH: `${dirname(cluster.bin.helm)}:${process.env.PATH}` });
  cpSync(join(repoRoot, 'templates', 'helm', 'microservice'), join(workspace, 'chart'), { recursive: true });
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
});

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('reign helm', () => {
  it('installs, upgrades, rolls back and uninstalls a release, each change only with approval', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');

    const asked = await helm('install', 'web', 'chart');
    expect(asked.status, asked.stdout + asked.stderr).toBe(3);
    expect((await helm('list')).stdout).toBe('No releases.\n');

    const installed = await helm('install', 'web', 'chart', '--approve', 'write');
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
    expect(installed.stdout).toMatch(new RegExp(`helm.install — write on reign-test/${namespace}`));
    const listed = await helm('list');
    expect(listed.stdout).toMatch(/^NAME\s+NAMESPACE\s+REVISION\s+STATUS\s+CHART\s+APP VERSION\s+UPDATED\nweb\s+\S+\s+1\s+deployed\s+microservice-/);

    const upgraded = await helm('upgrade', 'web', 'chart', '--set', 'replicaCount=2', '--approve', 'write');
    expect(upgraded.status, upgraded.stdout + upgraded.stderr).toBe(0);
    expect(await replicas()).toBe(2);
    expect((await helm('values', 'web')).stdout).toBe('replicaCount: 2\n');
    expect((await helm('history', 'web')).stdout).toMatch(/\n1\s+.*superseded[\s\S]*\n2\s+.*deployed/);

    const rolledBack = await helm('rollback', 'web', '1', '--approve', 'write');
    expect(rolledBack.status, rolledBack.stdout + rolledBack.stderr).toBe(0);
    expect(await replicas()).toBe(1);
    expect((await helm('status', 'web')).stdout).toMatch(/^web in \S+: revision 3, deployed, microservice-/);

    // Uninstall is destructive: write is not enough.
    expect((await helm('uninstall', 'web', '--approve', 'write')).status).toBe(3);
    const removed = await helm('uninstall', 'web', '--approve', 'destructive');
    expect(removed.status, removed.stdout + removed.stderr).toBe(0);
    expect(await replicas()).toBeNull();
  }, 180_000);

  it('says what is wrong with a command line', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const noChart = await helm('install', 'web');
    expect(noChart.status).toBe(2);
    expect(noChart.stderr).toMatch(/give RELEASE CHART/);
    const badSet = await helm('upgrade', 'web', 'chart', '--set', 'replicaCount');
    expect(badSet.stderr).toMatch(/--set takes PATH=VALUE/);
    const badRevision = await helm('rollback', 'web', 'latest');
    expect(badRevision.stderr).toMatch(/the revision is a number/);
  });
});
