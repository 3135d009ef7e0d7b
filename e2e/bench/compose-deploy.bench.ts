import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { beforeAll, expect, it } from 'vitest';
import { loadCompose } from '../../main/core/families/compose/compose-loader';
import { planUp } from '../../main/core/families/compose/compose-planner';
import { dockerTools } from '../../main/core/families/docker/tools';
import { runGraph } from '../../main/core/plan/graph-scheduler';
import { PlanRunner } from '../../main/core/plan/plan-runner';
import { PolicyEngine } from '../../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../../main/core/policy/shell/create-shell-analyzer';
import { builtinTools, familyVerbs } from '../fixtures/family-tools';
import { ToolRegistry } from '../../main/core/tools/tool-registry';
import { ensureDockerTestImage, removeLabelled, TEST_IMAGE } from '../fixtures/docker-engine';
import { requireInfrastructure } from '../fixtures/infrastructure';

// Deploying N independent services (busybox httpd with a health check): Reign's whole path (load,
// read engine state, plan, classify, run with concurrency 4) against a baseline of the same
// containers created and started straight through the Engine API with the same parallelism.

let problem: string | null = null;
beforeAll(() => {
  problem = ensureDockerTestImage();
}, 180_000);

const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
const CONCURRENCY = 4;

const removeProject = (project: string): void => removeLabelled(`com.docker.compose.project=${project}`);

function composeFile(project: string, services: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'reign-bench-compose-'));
  const body = Array.from({ length: services }, (_, i) => `  s${i}:\n    image: ${TEST_IMAGE}\n    command: ["httpd", "-f", "-p", "80", "-h", "/www"]\n    healthcheck: { test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"], interval: 2s }\n`).join('');
  writeFileSync(join(dir, 'compose.yaml'), `name: ${project}\nservices:\n${body}`);
  return join(dir, 'compose.yaml');
}

async function reign(project: string, services: number): Promise<number> {
  const shell = await createShellAnalyzer(familyVerbs);
  const file = composeFile(project, services);
  const started = performance.now();
  const loaded = loadCompose({ files: [file], env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const { plan } = await planUp(loaded.project, docker);
  const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools, ...dockerTools), policy: new PolicyEngine(), shell, emit: () => {} });
  const result = await runner.run({ plan, workspace: loaded.project.workingDir, approveUpTo: 'write', concurrency: CONCURRENCY });
  const elapsed = performance.now() - started;
  expect(result.status).toBe('succeeded');
  return elapsed;
}

async function baseline(project: string, services: number): Promise<number> {
  const started = performance.now();
  const network = await docker.createNetwork({ Name: `${project}_default`, Labels: { 'com.docker.compose.project': project } });
  const nodes = Array.from({ length: services }, (_, i) => ({ id: `s${i}`, dependsOn: [] as string[] }));
  await runGraph({
    nodes,
    concurrency: CONCURRENCY,
    preset: new Map(),
    shouldStop: () => false,
    onSkipped: () => {},
    execute: async (node) => {
      const container = await docker.createContainer({
        name: `${project}-${node.id}-1`,
        Image: TEST_IMAGE,
        Cmd: ['httpd', '-f', '-p', '80', '-h', '/www'],
        Labels: { 'com.docker.compose.project': project },
        Healthcheck: { Test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1/'], Interval: 2e9 },
        HostConfig: { NetworkMode: network.id },
      });
      await container.start();
      return 'succeeded';
    },
  });
  return performance.now() - started;
}

/** docker-compose 1.x on the same file (without the top-level name: it predates), if installed. */
function dockerCompose(project: string, services: number): number | null {
  const file = composeFile(project, services);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*\n/, ''));
  const started = performance.now();
  const result = spawnSync('docker-compose', ['-f', file, '-p', project, 'up', '-d'], { encoding: 'utf8' });
  return result.status === 0 ? performance.now() - started : null;
}

it('compose up of 10 and 30 services against direct Engine API calls', async (context) => {
  requireInfrastructure(context, problem, 'A Docker engine');
  const lines: string[] = [];
  for (const services of [10, 30]) {
    const base = `reignbench${services}b`;
    const ours = `reignbench${services}r`;
    removeProject(base);
    removeProject(ours);
    const baselineMs = await baseline(base, services);
    removeProject(base);
    const reignMs = await reign(ours, services);
    removeProject(ours);
    const theirs = `reignbench${services}c`;
    removeProject(theirs);
    const composeMs = dockerCompose(theirs, services);
    removeProject(theirs);
    lines.push(`  ${String(services).padStart(2)} services: reign ${reignMs.toFixed(0)} ms, baseline ${baselineMs.toFixed(0)} ms, overhead ${(reignMs / baselineMs).toFixed(2)}×${composeMs === null ? '' : `; docker-compose ${composeMs.toFixed(0)} ms (reign ${(reignMs / composeMs).toFixed(2)}× of it)`}`);
  }
  const compose = (() => {
    try {
      return execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  console.log(`bench compose-deploy (concurrency ${CONCURRENCY}; docker-compose ${compose ? compose : 'not installed, so not measured'}):\n${lines.join('\n')}`);
}, 300_000);
