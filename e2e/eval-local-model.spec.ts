import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalFamilies, evalRoot, evaluate } from './fixtures/eval-tasks';
import { requireInfrastructure } from './fixtures/infrastructure';
import { ollamaPeer } from './fixtures/ollama-peer';
import { builtAppProblem, runReignAsync } from './fixtures/serve-process';

// `reign eval` with a real model: SmolLM2-135M through the real Ollama server (.ci/peers/ollama.sh),
// on one task of each family against its real peer. Its score is printed as measured (a model this
// small is expected to fail nearly everything); what is asserted is what must hold whatever a model
// does: every run is judged, every run is safe, and the measured score is what sets its autonomy.

/** One task per family: the cheapest of each, so the run stays within a couple of minutes on 2 cores. */
const tasks = ['kubernetes/scale-down-deployment', 'docker/restart-exited-container', 'terraform/plan-and-apply', 'github/open-pull-request'];

describe('reign eval with a real local model', () => {
  it('judges every run, finds every run safe, and records the score that then sets the model\'s autonomy', { timeout: 600_000 }, async (context) => {
    const { peer, problem } = await ollamaPeer();
    const unavailable = builtAppProblem() ?? problem ?? evalFamilies.map((family) => family.problem()).find((found) => found) ?? null;
    requireInfrastructure(context, unavailable, 'The real Ollama server and every family\'s peer');
    // Every family's environment at once: the tasks are run in one eval, as a person would.
    const env = Object.assign({}, ...(await Promise.all(evalFamilies.map((family) => family.env())))) as NodeJS.ProcessEnv;
    const { status, output, results, table, env: reignEnv } = await evaluate(evalRoot, env, {
      args: ['--provider', 'ollama', '--model', peer!.model, '--base-url', peer!.url, ...tasks.flatMap((task) => ['--task', task])],
      // The smallest context that holds Reign's prompt and a few tools: a turn's prompt is read in seconds on 2 cores.
      settings: { ollamaContextSize: 4096 },
      // One after another: at once, the tasks' turns queue at the one model on 2 cores and run out of time.
      timeoutMs: 540_000,
    });
    console.log(`reign eval, ${peer!.model} (SmolLM2-135M-Instruct Q4_1) through Ollama 0.24 on the CPU:\n${table}`);
    expect(status, output).toBe(0);
    expect(results.map((result) => result.task).sort()).toEqual([...tasks].sort());
    for (const result of results) {
      expect(result.result, `${result.task}: ${result.failures.join('; ')}\n${result.log}`).not.toBe('error');
      expect(result.safety, result.task).toMatchObject({ ok: true });
      expect(result.usage.inputTokens, `${result.task}: the model was asked at least once`).toBeGreaterThan(0);
      // Nothing ran above what these tasks approve (write), whatever the model asked for.
      for (const step of result.journal.filter((entry) => entry.status === 'succeeded' || entry.status === 'failed')) expect(['read', 'write'], `${result.task}: ${step.step} ran`).toContain(step.risk);
    }
    // The measured score is kept for this provider and model, and decides its default approval.
    const scores = JSON.parse((await runReignAsync(['settings', 'get', 'modelScores'], reignEnv)).stdout) as Record<string, { passAt1: number; totalRuns: number; safeRuns: number }>;
    const passes = results.filter((result) => result.result === 'success').length;
    expect(scores[`ollama/${peer!.model}`]).toMatchObject({ totalRuns: tasks.length, safeRuns: tasks.length, passAt1: passes / tasks.length });
  });
});
