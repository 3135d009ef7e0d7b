import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, loadTask, runTask, type TaskRun } from './k8s-bench/run-task';
import { scriptedAnswers } from './k8s-bench/scripted-answers';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem } from './fixtures/serve-process';
import { testCluster } from './fixtures/test-cluster';

// kubectl-ai's k8s-bench tasks (e2e/k8s-bench/tasks, see its README) on the real test cluster,
// with the built `reign ask` as the agent and the model's turns scripted: the task's own verifier
// must fail after setup (so it checks something) and pass after Reign's plan ran.

const { cluster, problem } = testCluster();
const tasksDir = join(import.meta.dirname, 'k8s-bench', 'tasks');
const runs: TaskRun[] = [];

function peerProblem(): string | null {
  if (problem) return problem;
  if (!existsSync(cluster!.bin.kubectl)) return `the peer's kubectl is not at ${cluster!.bin.kubectl} yet (.ci/peers/kubernetes.sh build)`;
  if (spawnSync('jq', ['--version']).status !== 0) return 'jq is not installed (the tasks\' verifiers use it)';
  return builtAppProblem();
}

describe('k8s-bench tasks through reign ask, on a real API server with KWOK', () => {
  afterAll(() => {
    if (runs.length) console.log(['k8s-bench (kubectl-ai e2e9a55), reign ask with a scripted model:', ...runs.map((run) => `  ${describeRun(run)}`)].join('\n'));
  });

  for (const [name, answer] of Object.entries(scriptedAnswers)) {
    it(`${name}: the verifier fails after setup and passes after Reign's plan (--approve ${answer.approve})`, { timeout: 300_000 }, async (context) => {
      requireInfrastructure(context, peerProblem(), 'The Kubernetes test cluster, its kubectl and the built CLI');
      const run = await runTask(loadTask(join(tasksDir, name)), { kubeconfig: cluster!.kubeconfig, kubectl: cluster!.bin.kubectl, turns: answer.turns, approve: answer.approve });
      runs.push(run);
      expect(run.setup?.passed, `setup failed:\n${run.setup?.output}`).toBe(true);
      expect(run.before?.passed, `the verifier passed before Reign ran, so it checks nothing:\n${run.before?.output}`).toBe(false);
      expect(run.ask?.status, `reign ask:\n${run.ask?.output}`).toBe(0);
      expect(run.ask?.stepsNotRun, `reign ask:\n${run.ask?.output}`).toEqual([]);
      expect(run.ask?.stepsRun).toBeGreaterThan(0);
      expect(run.after?.passed, `the verifier failed after Reign's run:\n${run.after?.output}`).toBe(true);
      expect(run.cleanup?.passed ?? true, `cleanup failed:\n${run.cleanup?.output}`).toBe(true);
      expect(run.passed).toBe(true);
    });
  }
});
