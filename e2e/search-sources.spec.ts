import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResponse } from '../preload/contract';
import type { Core } from '../main/core/bootstrap';
import { ensureDockerTestImage, TEST_IMAGE } from './fixtures/docker-engine';
import { githubMock } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { repoRoot } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { createTestCore } from './fixtures/test-core';

// What each family gives global search, read from the real peers through the core's contract:
// a container on the engine, a pod and a Helm release on the test cluster (every namespace of
// every context), the repositories the GitHub API lists, and the runs of the journal.

const word = `find${randomUUID().slice(0, 6)}`;
const container = `reign-${word}`;
const namespace = `reign-${word}`;
const { cluster, problem: clusterProblem } = testCluster();
const { url: githubUrl, problem: githubProblem } = githubMock();
const helmHome = mkdtempSync(join(tmpdir(), 'reign-search-helm-'));
const TOKEN = `ghp_${'Zq81srch'.repeat(5)}`;
let core: Core | undefined;
let problem: string | null = clusterProblem ?? githubProblem;

type Items = CommandResponse<'search.items'>;
const call = async <T>(command: string, payload: unknown): Promise<T> => {
  const envelope = await core!.dispatcher.dispatch(command, payload, { host: 'serve', signal: new AbortController().signal });
  if (!envelope.ok) throw new Error(`${command}: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
};

beforeAll(async () => {
  problem ??= ensureDockerTestImage();
  if (problem || !cluster) return;
  execFileSync('docker', ['run', '-d', '--name', container, '--label', 'reign.test=search', TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/www']);
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/pods`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${word}-pod` }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } });
  execFileSync(cluster.bin.helm, ['install', `${word}-rel`, join(repoRoot, 'templates', 'helm', 'microservice'), '--kube-context', 'reign-test', '--kubeconfig', cluster.kubeconfig, '--namespace', namespace], { env: { ...process.env, HOME: helmHome }, encoding: 'utf8' });
  core = createTestCore({ PATH: `${dirname(cluster.bin.helm)}:${process.env.PATH}`, HOME: helmHome, KUBECONFIG: cluster.kubeconfig, GITHUB_API_URL: githubUrl!, GITHUB_TOKEN: TOKEN });
}, 120_000);

afterAll(async () => {
  core?.dispose();
  spawnSync('docker', ['rm', '-f', container], { stdio: 'ignore' });
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('search sources on the real peers', () => {
  it('finds the container, the pod, the release and the repositories, each naming the Resources row it opens', async (context) => {
    requireInfrastructure(context, problem, 'The Docker engine, the Kubernetes test cluster with helm, and the GitHub mock');
    const { sources } = await call<{ sources: { id: string }[] }>('search.sources', {});
    expect(sources.map((source) => source.id)).toEqual(expect.arrayContaining(['docker', 'kubernetes', 'helm', 'github', 'runs']));
    const answers = Object.fromEntries(await Promise.all(['docker', 'kubernetes', 'helm', 'github'].map(async (id) => [id, await call<Items>('search.items', { source: id })] as const)));
    for (const [id, answer] of Object.entries(answers)) expect(answer.sources, `${id} answered`).toEqual([expect.objectContaining({ id, problem: null })]);

    expect(answers.docker!.items).toContainEqual({ kind: 'container', name: container, detail: 'running · reign-test/busybox:1', target: { pane: 'resources', view: 'docker.containers', row: container } });
    expect(answers.kubernetes!.items).toContainEqual(expect.objectContaining({ kind: 'pod', name: `${word}-pod`, target: { pane: 'resources', view: 'kubernetes.pods', scope: { context: 'reign-test', namespace: '*' }, row: `${namespace}/${word}-pod` } }));
    expect(answers.helm!.items).toContainEqual(expect.objectContaining({ kind: 'release', name: `${word}-rel`, target: { pane: 'resources', view: 'helm.releases', scope: { context: 'reign-test', namespace: '*' }, row: `${namespace}/${word}-rel` } }));
    expect(answers.github!.items.length).toBeGreaterThan(0);
    expect(answers.github!.items.every((item) => item.kind === 'repository' && item.target.pane === 'resources' && item.target.view === 'github.repositories')).toBe(true);
    // A Deployment the chart made is found too, in its namespace.
    expect(answers.kubernetes!.items.some((item) => item.kind === 'deployment' && item.detail.startsWith(`reign-test/${namespace}`))).toBe(true);
  });

  it('says why a source found nothing, and still answers for the others', async (context) => {
    requireInfrastructure(context, problem, 'The Docker engine, the Kubernetes test cluster with helm, and the GitHub mock');
    // A core whose engine is a socket that is not there, and whose kubeconfig names an API server that does not listen.
    const unreachable = createTestCore({ PATH: process.env.PATH, HOME: helmHome, DOCKER_HOST: `unix://${join(helmHome, 'no-docker.sock')}`, KUBECONFIG: cluster!.kubeconfig });
    try {
      const envelope = await unreachable.dispatcher.dispatch('search.items', {}, { host: 'serve', signal: new AbortController().signal });
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
      const answer = envelope.result as Items;
      const docker = answer.sources.find((source) => source.id === 'docker')!;
      expect(docker.count).toBe(0);
      expect(docker.problem).toMatch(/no-docker\.sock|Docker/i);
      // The cluster still answers: one source failing hides only its own items.
      expect(answer.items.some((item) => item.kind === 'pod' && item.name === `${word}-pod`)).toBe(true);
    } finally {
      unreachable.dispose();
    }
  });
});
