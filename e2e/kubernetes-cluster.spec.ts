import { describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../preload/contract';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReign } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// The first tests on the real control plane of issue 13; the Kubernetes family's tools come next.

describe('the Kubernetes test cluster (a real API server with KWOK nodes)', () => {
  it('reports the pinned release, as Helm\'s kubeVersion checks will read it, and has a ready node', async (context) => {
    const { cluster, problem } = testCluster();
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const version = await clusterApi<{ gitVersion: string }>(cluster!, '/version');
    expect(version.gitVersion).toBe('v1.34.4');
    const nodes = await clusterApi<{ items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[] }>(cluster!, '/api/v1/nodes');
    expect(nodes.items.map((node) => [node.metadata.name, node.status.conditions.find((condition) => condition.type === 'Ready')?.status])).toContainEqual(['kwok-node-0', 'True']);
  });

  it('reign doctor finds the cluster\'s context in the kubeconfig', (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const { cluster, problem } = testCluster();
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const report = DoctorReportSchema.parse(JSON.parse(runReign(['doctor', '--json'], isolatedEnv({ KUBECONFIG: cluster!.kubeconfig })).stdout));
    expect(report.checks.kubernetes).toMatchObject({ currentContext: 'reign-test', contexts: [expect.objectContaining({ name: 'reign-test', cluster: 'reign-test', namespace: 'default' })] });
  });
});
