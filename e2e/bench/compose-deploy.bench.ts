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
import { chooseConcurrency } from '../../main/core/plan/step-concurrency';
import { PlanRunner } from '../../main/core/plan/plan-runner';
import { PolicyEngine } from '../../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../../main/core/policy/shell/create-shell-analyzer';
import { builtinTools, familyVerbs } from '../fixtures/family-tools';
import { ToolRegistry } from '../../main/core/tools/tool-registry';
import { ensureDockerTestImage, removeLabelled, TEST_IMAGE } from '../fixtures/docker-engine';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { runsList } from './figures';

// Deploying N independent services (busybox httpd with a health check): Reign's whole path (load,
// read engine state, plan, classify, run with the concurrency the runner chooses from the graph and
// the engine) against a baseline of the same containers created and started straight through the
// Engine API with the same parallelism, and against docker-compose.

let problem: string | null = null;
beforeAll(() => {
  problem = ensureDockerTestImage();
}, 180_000);

const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });

const removeProject = (project: string): void => removeLabelled(`com.docker.compose.project=${project}`);

function composeFile(project: string, services: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'reign-bench-compose-'));
  const body = Array.from({ length: services }, (_, i) => `  s${i}:\n    image: ${TEST_IMAGE}\n    command: ["httpd", "-f", "-p", "80", "-h", "/www"]\n    healthcheck: { test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"], interval: 2s }\n`).join('');
  writeFileSync(join(dir, 'compose.yaml'), `name: ${project}\nservices:\n${body}`);
  return join(dir, 'compose.yaml');
}

/** The parallelism the runner will choose for this deploy (every step acts on the one engine), so the baseline can use it. */
async function chosenFor(project: string, services: number): Promise<number> {
  const loaded = loadCompose({ files: [composeFile(project, services)], env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const { plan } = await planUp(loaded.project, docker);
  return chooseConcurrency(plan.steps, () => ({ kind: 'docker', id: 'local engine', label: 'local engine' })).overall;
}

async function reign(project: string, services: number): Promise<{ ms: number; concurrency: number }> {
  const shell = await createShellAnalyzer(familyVerbs);
  const file = composeFile(project, services);
  const started = performance.now();
  const loaded = loadCompose({ files: [file], env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const { plan } = await planUp(loaded.project, docker);
  const runner = new PlanRunner({ registry: new ToolRegistry().register(...builtinTools, ...dockerTools), policy: new PolicyEngine(), shell, emit: () => {} });
  const result = await runner.run({ plan, workspace: loaded.project.workingDir, approveUpTo: 'write' });
  const elapsed = performance.now() - started;
  expect(result.status).toBe('succeeded');
  return { ms: elapsed, concurrency: result.concurrency };
}

async function baseline(project: string, services: number, concurrency: number): Promise<number> {
  const started = performance.now();
  const network = await docker.createNetwork({ Name: `${project}_default`, Labels: { 'com.docker.compose.project': project } });
  const nodes = Array.from({ length: services }, (_, i) => ({ id: `s${i}`, dependsOn: [] as string[] }));
  await runGraph({
    nodes,
    concurrency,
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
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  for (const services of [10, 30]) {
    const base = `reignbench${services}b`;
    const ours = `reignbench${services}r`;
    removeProject(base);
    removeProject(ours);
    const concurrency = await chosenFor(ours, services);
    // Two rounds in opposite orders, so neither side always gets the colder (or the busier) engine.
    const reignRuns: number[] = [];
    const baselineRuns: number[] = [];
    for (const reignFirst of [false, true]) {
      for (const side of reignFirst ? ['reign', 'baseline'] : ['baseline', 'reign']) {
        if (side === 'baseline') {
          baselineRuns.push(await baseline(base, services, concurrency));
          removeProject(base);
        } else {
          const run = await reign(ours, services);
          expect(run.concurrency).toBe(concurrency);
          reignRuns.push(run.ms);
          removeProject(ours);
        }
      }
    }
    const reignMs = mean(reignRuns);
    const baselineMs = mean(baselineRuns);
    const theirs = `reignbench${services}c`;
    removeProject(theirs);
    const composeMs = dockerCompose(theirs, services);
    removeProject(theirs);
    lines.push(
      `  ${String(services).padStart(2)} services (${concurrency} at once): reign ${reignMs.toFixed(0)} ms (${runsList(reignRuns)}), baseline ${baselineMs.toFixed(0)} ms (${runsList(baselineRuns)}), overhead ${(reignMs / baselineMs).toFixed(2)}×` +
        `${composeMs === null ? '' : `; docker-compose ${composeMs.toFixed(0)} ms (reign ${(reignMs / composeMs).toFixed(2)}× of it)`}`,
    );
  }
  const compose = (() => {
    try {
      return execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  console.log(`bench compose-deploy (concurrency chosen by the runner; docker-compose ${compose ? compose : 'not installed, so not measured'}):\n${lines.join('\n')}`);
}, 480_000);
