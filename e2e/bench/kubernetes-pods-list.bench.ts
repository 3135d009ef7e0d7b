import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResourcesService } from '../../main/core/resources-view/resources-service';
import { inBatches } from '../fixtures/docker-engine';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { clusterApi, testCluster } from '../fixtures/test-cluster';
import { createTestCore } from '../fixtures/test-core';
import { median, runsList } from './figures';

// The Pods view with 2,000 pods (KWOK runs them): the time to its first rows through the
// ResourcesService (scope choices, the policy, `kubernetes.list`, rows), against a raw client-node
// listNamespacedPod of the same pods in the same run. Figures are printed; nothing asserts a time.

const COUNT = 2000;
const RUNS = 5;
const { cluster, problem } = testCluster();
const namespace = `reign-bench-pods-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  if (!cluster) return;
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  const names = Array.from({ length: COUNT }, (_, index) => `pod-${String(index).padStart(4, '0')}`);
  // Bound to KWOK's node directly: what is measured is listing, not the scheduler.
  await inBatches(names, 100, (name) =>
    clusterApi(cluster, `/api/v1/namespaces/${namespace}/pods`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'bench' } }, spec: { nodeName: 'kwok-node-0', containers: [{ name: 'app', image: 'registry.local/bench:1' }] } } }),
  );
}, 300_000);

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

it(`the Kubernetes Pods view with ${COUNT} pods: first rows through the ResourcesService, against a raw listNamespacedPod`, async (context) => {
  requireInfrastructure(context, problem, 'The Kubernetes test cluster');
  const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'reign-bench-home-')), KUBECONFIG: cluster!.kubeconfig };
  const core = createTestCore(env);
  const views = core.families.flatMap((family) => (family.views ?? []).map((view) => ({ family, view })));
  const { CoreV1Api, KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  config.loadFromFile(cluster!.kubeconfig);
  const raw = config.makeApiClient(CoreV1Api);
  const signal = new AbortController().signal;

  /** A fresh service each time, as a window opening the pane: its first rows, scope choices included. */
  const throughService = async (): Promise<{ ms: number; rows: number }> => {
    const service = new ResourcesService({ views, env, registry: core.tools, policy: core.policy, shell: () => core.shell(), operations: core.operations, redactor: core.redactor, events: core.events });
    const started = performance.now();
    const answer = await service.rows('kubernetes.pods', signal, { context: 'reign-test', namespace });
    const ms = performance.now() - started;
    service.dispose();
    expect(answer.problem).toBeNull();
    return { ms, rows: answer.rows.length };
  };
  const baseline = async (): Promise<{ ms: number; rows: number }> => {
    const started = performance.now();
    const list = await raw.listNamespacedPod({ namespace });
    return { ms: performance.now() - started, rows: list.items.length };
  };

  // Warm-up of both (module loading, the shell analyzer, the first TLS connection), then alternate.
  expect((await throughService()).rows).toBe(COUNT);
  expect((await baseline()).rows).toBe(COUNT);
  const service: number[] = [];
  const listed: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    service.push((await throughService()).ms);
    listed.push((await baseline()).ms);
  }
  console.log(
    [
      `bench kubernetes-pods-list: ${COUNT} pods in one namespace of the test cluster (KWOK)`,
      `  Pods view, first rows  ${median(service).toFixed(0)} ms median [${runsList(service)}] (ResourcesService.rows: scope choices, policy, kubernetes.list, rows)`,
      `  baseline               ${median(listed).toFixed(0)} ms median [${runsList(listed)}] (client-node listNamespacedPod, one warm client)`,
      `  ratio                  ${(median(service) / Math.max(1, median(listed))).toFixed(2)}× baseline`,
    ].join('\n'),
  );
  core.dispose();
}, 300_000);
