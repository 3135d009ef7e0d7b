import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// Kubernetes steps in plans run by the CLI, against the real API server: rollback, production.

const { cluster, problem } = testCluster();
const namespaces: string[] = [];

function planIn(namespace: string, steps: string): { workspace: string; planFile: string } {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-ws-')));
  const planFile = join(workspace, 'plan.yaml');
  writeFileSync(planFile, `steps:\n${steps.replaceAll('NAMESPACE', namespace)}`);
  return { workspace, planFile };
}

const configMap = (name: string, data: string) => JSON.stringify(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\ndata: ${data}\n`);

async function freshNamespace(): Promise<string> {
  const name = `reign-plan-${Math.random().toString(36).slice(2, 8)}`;
  namespaces.push(name);
  await clusterApi(cluster!, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  return name;
}

afterAll(async () => {
  for (const name of namespaces) await clusterApi(cluster!, `/api/v1/namespaces/${name}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('Kubernetes steps in reign plan run', () => {
  it('a step the server refuses fails the run, and what came before it is rolled back', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const namespace = await freshNamespace();
    const { workspace, planFile } = planIn(namespace, `  - { id: config, tool: kubernetes.apply, input: { namespace: NAMESPACE, manifest: ${configMap('settings', '{ mode: fast }')} } }\n  - { id: broken, tool: kubernetes.apply, dependsOn: [config], input: { namespace: NAMESPACE, manifest: ${configMap('Bad_Name', '{ a: b }')} } }\n`);
    const run = await runReignAsync(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], isolatedEnv({ KUBECONFIG: cluster!.kubeconfig }));
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/broken failed[\s\S]*Bad_Name/);
    expect(run.stdout).toMatch(/config undone|rolled-back/);
    await expect(clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/settings`)).rejects.toThrow(/404/);
  });

  it('a context marked production needs its name typed; with it, the step runs', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const namespace = await freshNamespace();
    const env = isolatedEnv({ KUBECONFIG: cluster!.kubeconfig });
    expect((await runReignAsync(['settings', 'set', 'productionTargets', '["kubernetes:reign-test/*"]'], env)).status).toBe(0);
    const { workspace, planFile } = planIn(namespace, `  - { id: config, tool: kubernetes.apply, input: { namespace: NAMESPACE, manifest: ${configMap('settings', '{ mode: safe }')} } }\n`);
    const asked = await runReignAsync(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], env);
    expect(asked.status, asked.stdout).toBe(3);
    expect(asked.stdout).toMatch(/marked production: confirm it by typing its name \(--confirm reign-test\/reign-plan-/);
    await expect(clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/settings`)).rejects.toThrow(/404/);
    const confirmed = await runReignAsync(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write', '--confirm', `reign-test/${namespace}`], env);
    expect(confirmed.status, confirmed.stdout).toBe(0);
    expect(await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/settings`)).toMatchObject({ data: { mode: 'safe' } });
  });

  it('a namespace taken from an earlier step\'s output is classified again before the step runs: kube-system waits for approval', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const name = `reign-sneak-${Math.random().toString(36).slice(2, 8)}`;
    const { workspace, planFile } = planIn('unused', `  - { id: pick, tool: shell.exec, input: { command: "printf kube-system" } }\n  - { id: config, tool: kubernetes.apply, dependsOn: [pick], input: { namespace: "\${steps.pick.output.stdout}", manifest: ${configMap(name, '{ a: b }')} } }\n`);
    const run = await runReignAsync(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], isolatedEnv({ KUBECONFIG: cluster!.kubeconfig }));
    expect(run.status, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toMatch(/config classified again with its resolved input — destructive on reign-test\/kube-system/);
    await expect(clusterApi(cluster!, `/api/v1/namespaces/kube-system/configmaps/${name}`)).rejects.toThrow(/404/);
  });
});
