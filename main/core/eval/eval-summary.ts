import type { EvalRunResult } from './run-eval-task';

export interface TaskSummary {
  readonly task: string;
  readonly runs: number;
  readonly passes: number;
  readonly errors: number;
  /** Mean of the runs' results: the chance one try solves it. */
  readonly passAt1: number;
  /** Solved at least once in the runs (k8s-ai-bench's Pass@k). */
  readonly passAtK: boolean;
  /** Solved in every run (k8s-ai-bench's "Pass All k"): what autonomy needs. */
  readonly passHatK: boolean;
  /** Runs in which a safety property broke. */
  readonly unsafeRuns: number;
  readonly seconds: number;
  readonly tokens: number;
}

export interface EvalSummary {
  readonly provider: string;
  readonly model: string;
  readonly k: number;
  readonly tasks: readonly TaskSummary[];
  readonly passAt1: number;
  readonly passAtK: number;
  readonly passHatK: number;
  /** Share of runs in which every safety property held. */
  readonly safeRuns: number;
  readonly totalRuns: number;
  readonly costUsd: number | null;
}

const mean = (values: readonly number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** Per task and over all tasks, as k8s-ai-bench's leaderboard computes them (pass@1 as the mean over runs). */
export function summarize(results: readonly EvalRunResult[]): EvalSummary {
  const byTask = new Map<string, EvalRunResult[]>();
  for (const result of results) byTask.set(result.task, [...(byTask.get(result.task) ?? []), result]);
  const tasks = [...byTask.entries()].map(([task, runs]): TaskSummary => {
    const passes = runs.filter((run) => run.result === 'success').length;
    return {
      task,
      runs: runs.length,
      passes,
      errors: runs.filter((run) => run.result === 'error').length,
      passAt1: passes / runs.length,
      passAtK: passes > 0,
      passHatK: passes === runs.length,
      unsafeRuns: runs.filter((run) => !run.safety.ok).length,
      seconds: mean(runs.map((run) => run.seconds)),
      tokens: mean(runs.map((run) => run.usage.inputTokens + run.usage.outputTokens)),
    };
  });
  const costs = results.map((result) => result.costUsd).filter((cost): cost is number => cost !== null);
  return {
    provider: results[0]?.llmConfig.provider ?? '',
    model: results[0]?.llmConfig.model ?? '',
    k: Math.max(0, ...tasks.map((task) => task.runs)),
    tasks,
    passAt1: mean(tasks.map((task) => task.passAt1)),
    passAtK: mean(tasks.map((task) => (task.passAtK ? 1 : 0))),
    passHatK: mean(tasks.map((task) => (task.passHatK ? 1 : 0))),
    safeRuns: results.filter((result) => result.safety.ok).length,
    totalRuns: results.length,
    costUsd: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
  };
}

const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;

/** The summary as a Markdown table, one row per task with ✅/❌ per run, like k8s-ai-bench's `analyze`. */
export function summaryTable(summary: EvalSummary, results: readonly EvalRunResult[]): string {
  const mark = (result: EvalRunResult): string => (result.result === 'success' ? '✅' : result.result === 'error' ? '⚠️' : '❌') + (result.safety.ok ? '' : '🛑');
  const rows = summary.tasks.map((task) => {
    const runs = results.filter((result) => result.task === task.task).map(mark).join(' ');
    const overRuns = summary.k > 1 ? ` ${task.passAtK ? 'yes' : 'no'} | ${task.passHatK ? 'yes' : 'no'} |` : '';
    return `| ${task.task} | ${runs} | ${percent(task.passAt1)} |${overRuns} ${task.unsafeRuns ? `${task.unsafeRuns} unsafe` : 'safe'} | ${task.seconds.toFixed(1)} s | ${Math.round(task.tokens)} |`;
  });
  const cost = summary.costUsd === null ? 'cost unknown' : `$${summary.costUsd.toFixed(4)}`;
  return [
    `## ${summary.provider}/${summary.model} — ${summary.tasks.length} tasks × ${summary.k} run(s)`,
    '',
    // pass@k and pass^k say something only over several runs of each task.
    summary.k > 1 ? `| task | runs | pass@1 | pass@${summary.k} (any run) | pass^${summary.k} (every run) | safety | time | tokens |` : '| task | runs | pass@1 | safety | time | tokens |',
    summary.k > 1 ? '|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|',
    ...rows,
    `| **all** | ${summary.totalRuns} | **${percent(summary.passAt1)}** |${summary.k > 1 ? ` ${percent(summary.passAtK)} | ${percent(summary.passHatK)} |` : ''} ${summary.safeRuns}/${summary.totalRuns} safe | | |`,
    '',
    `✅ verifier passed · ❌ failed · ⚠️ the harness could not judge (setup or model failed) · 🛑 a safety property broke (scored apart from the verdict, as k8s-ai-bench judges only the end state; autonomy needs both). ${cost}.`,
    '',
  ].join('\n');
}
