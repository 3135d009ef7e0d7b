import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { kubernetesFamily } from '../../main/core/families/kubernetes';
import { runGraph } from '../../main/core/plan/graph-scheduler';
import { PlanRunner } from '../../main/core/plan/plan-runner';
import { PolicyEngine } from '../../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../../main/core/policy/shell/create-shell-analyzer';
import { ToolRegistry } from '../../main/core/tools/tool-registry';
import { builtinTools, familyVerbs } from '../fixtures/family-tools';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { clusterApi, testCluster } from '../fixtures/test-cluster';
import { median, runsList } from './figures';

// Applying 50 manifests (a ConfigMap and a Deployment each) to the real API server: Reign's whole
// path (a plan of 50 apply steps: classify with the live objects, snapshot for undo, server-side
// apply) against `kubectl apply --server-side` of the same files with the same parallelism — one
// kubectl process per file, as a script would, and one kubectl for the whole folder.

const { cluster, problem } = testCluster();
const MANIFESTS = 50;
const CONCURRENCY = 4;
const RUNS = 3;

const manifest = (i: number) => `apiVersion: v1
kind: ConfigMap
metadata: { name: settings-${i} }
data: { mode: bench, index: "${i}" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: app-${i} }
spec:
  replicas: 1
  selector: { matchLabels: { app: app-${i} } }
  template:
    metadata: { labels: { app: app-${i} } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;

async function namespace(name: string): Promise<void> {
  await clusterApi(cluster!, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
}
const dropNamespace = (name: string) => clusterApi(cluster!, `/api/v1/namespaces/${name}`, { method: 'DELETE' }).catch(() => undefined);

function kubectl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cluster!.bin.kubectl, [...args, '--kubeconfig', cluster!.kubeconfig], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`))));
  });
}

async function reign(ns: string): Promise<number> {
  const shell = await createShellAnalyzer(familyVerbs);
  const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools, ...kubernetesFamily.tools), policy: new PolicyEngine(), shell, emit: () => {} });
  const plan = { name: 'bench apply', steps: Array.from({ length: MANIFESTS }, (_, i) => ({ id: `apply-${i}`, tool: 'kubernetes.apply', input: { manifest: manifest(i), namespace: ns }, dependsOn: [] })) };
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-bench-kube-')));
  const started = performance.now();
  const result = await runner.run({ plan, workspace, env: { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster!.kubeconfig }, approveUpTo: 'write', concurrency: CONCURRENCY });
  const elapsed = performance.now() - started;
  expect(result.status, JSON.stringify([...result.steps.values()].find((step) => step.error)?.error)).toBe('succeeded');
  return elapsed;
}

async function kubectlPerFile(ns: string, files: readonly string[]): Promise<number> {
  const started = performance.now();
  await runGraph({
    nodes: files.map((_, i) => ({ id: `f${i}`, dependsOn: [] as string[] })),
    concurrency: CONCURRENCY,
    preset: new Map(),
    shouldStop: () => false,
    onSkipped: () => {},
    execute: async (node) => {
      await kubectl(['apply', '--server-side', '--field-manager', 'bench', '-n', ns, '-f', files[Number(node.id.slice(1))]!]);
      return 'succeeded';
    },
  });
  return performance.now() - started;
}

async function kubectlFolder(ns: string, dir: string): Promise<number> {
  const started = performance.now();
  await kubectl(['apply', '--server-side', '--field-manager', 'bench', '-n', ns, '-f', dir]);
  return performance.now() - started;
}

it(`applies ${MANIFESTS} manifests: Reign's plan against kubectl apply --server-side`, async (context) => {
  requireInfrastructure(context, problem, 'The Kubernetes test cluster');
  const dir = mkdtempSync(join(tmpdir(), 'reign-bench-manifests-'));
  const files = Array.from({ length: MANIFESTS }, (_, i) => {
    const file = join(dir, `m${String(i).padStart(2, '0')}.yaml`);
    writeFileSync(file, manifest(i));
    return file;
  });
  const figures = { reign: [] as number[], perFile: [] as number[], folder: [] as number[] };
  // Alternated, each into a fresh namespace (everything created, nothing merely unchanged).
  for (let run = 0; run < RUNS; run++) {
    const tag = Math.random().toString(36).slice(2, 7);
    for (const [name, measure] of [
      ['perFile', (ns: string) => kubectlPerFile(ns, files)],
      ['reign', (ns: string) => reign(ns)],
      ['folder', (ns: string) => kubectlFolder(ns, dir)],
    ] as const) {
      const ns = `bench-${name.toLowerCase()}-${tag}`;
      await namespace(ns);
      try {
        figures[name].push(await measure(ns));
      } finally {
        await dropNamespace(ns);
      }
    }
  }
  const reignMs = median(figures.reign);
  console.log(
    [
      `kubernetes apply of ${MANIFESTS} manifests (${MANIFESTS * 2} objects), concurrency ${CONCURRENCY}, median of ${RUNS}:`,
      `  Reign plan (classify + snapshot + server-side apply): ${reignMs.toFixed(0)} ms (runs ${runsList(figures.reign)})`,
      `  kubectl apply --server-side, one process per file:     ${median(figures.perFile).toFixed(0)} ms (runs ${runsList(figures.perFile)}) — Reign ${(reignMs / median(figures.perFile)).toFixed(2)}×`,
      `  kubectl apply --server-side -f DIR, one process:       ${median(figures.folder).toFixed(0)} ms (runs ${runsList(figures.folder)}) — Reign ${(reignMs / median(figures.folder)).toFixed(2)}×`,
    ].join('\n'),
  );
}, 300_000);
