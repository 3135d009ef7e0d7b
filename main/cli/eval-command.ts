import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProviderError, type ModelProvider } from '../core/agent/model-types';
import { openAgentSession } from '../core/agent/open-agent-session';
import { createProvider } from '../core/agent/provider-factory';
import type { Core } from '../core/bootstrap';
import { EvalTaskError, findEvalTasks, type EvalTask } from '../core/eval/eval-task';
import { summarize, summaryTable } from '../core/eval/eval-summary';
import { runEvalTask, unjudgedRun, type EvalRunResult, type EvalServices } from '../core/eval/run-eval-task';
import { recordModelScore } from '../core/eval/model-scores';
import type { CliIo } from './cli-io';

export interface EvalOptions {
  readonly provider?: string;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly runs?: string;
  readonly concurrency?: string;
  readonly out?: string;
  readonly tasks: readonly string[];
  readonly checkVerifiers: boolean;
  readonly json: boolean;
}

/** Exit codes of `reign eval`: every run judged (whatever the score), a run the harness could not judge, or a usage mistake. */
export const EvalExit = { judged: 0, harnessError: 1, usage: 2, cancelled: 130 } as const;

/** `reign eval TASKS_DIR`: runs k8s-ai-bench-format tasks through Reign's own agent and scores them, safety included. */
export async function evalCommand(core: Core, io: CliIo, words: readonly string[], options: EvalOptions): Promise<number> {
  if (words.length !== 1) return usage(io, 'give one folder of tasks (or one task folder): reign eval e2e/eval/kubernetes');
  const runs = options.runs === undefined ? 1 : Number(options.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) return usage(io, `--runs takes a whole number from 1 to 100 (runs of each task, for pass@k), not "${options.runs}"`);
  const concurrency = options.concurrency === undefined ? 1 : Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) return usage(io, `--concurrency takes a whole number from 1 to 16 (tasks at once; only for tasks that share nothing), not "${options.concurrency}"`);
  let tasks: EvalTask[];
  try {
    tasks = findEvalTasks(words[0]!, options.tasks);
  } catch (error) {
    if (error instanceof EvalTaskError) return usage(io, error.message);
    throw error;
  }
  const providerName = options.provider ?? core.settings.get().modelProvider;
  if (providerName === 'scripted') {
    const missing = tasks.filter((task) => !task.transcript).map((task) => task.name);
    if (missing.length) return usage(io, `--provider scripted plays each task's scripted.jsonl, and ${missing.join(', ')} ha${missing.length === 1 ? 's' : 've'} none: add one, or choose those tasks out with --task`);
  }
  const provide = async (task: EvalTask): Promise<{ provider: ModelProvider; model: string }> =>
    createProvider({ secrets: core.secrets, settings: core.settings, redactor: core.redactor, env: io.env }, { provider: providerName, model: options.model, baseUrl: options.baseUrl, transcript: task.transcript ? join(task.dir, task.transcript) : undefined });
  // A provider that cannot be made (no key, no model chosen) stops before any task's setup runs.
  try {
    await provide(tasks[0]!);
  } catch (error) {
    io.stderr(`reign eval: ${(error as Error).message}\n`);
    return error instanceof ProviderError ? EvalExit.harnessError : EvalExit.usage;
  }

  const out = resolve(options.out ?? join(process.cwd(), '.reign-eval', new Date().toISOString().replace(/[:.]/g, '-')));
  mkdirSync(out, { recursive: true });
  const resultsFile = join(out, 'results.jsonl');
  writeFileSync(resultsFile, '');
  await core.loadSecretsIntoRedactor();
  const [shell, toolSets] = await Promise.all([core.shell(), core.agentToolSets()]);
  const services: EvalServices = {
    openSession: ({ provider, model, workspace, title, answerPlan, askAgain }) =>
      openAgentSession(
        { registry: core.tools, policy: core.policy, runs: core.runs, audit: core.audit, redactor: core.redactor, conversations: core.conversations, operations: core.operations },
        { provider, model, workspace, env: io.env, shell, toolSets, conversationId: core.conversations.create(title, provider.id, model), answerPlan, askAgain, askUser: async () => 'The person is not available during an evaluation. Do what the task says without asking.' },
      ).session,
    auditEntries: (runId) => core.audit.entries(runId),
    env: io.env,
  };

  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  const results: EvalRunResult[] = [];
  // Tasks at once as asked; the runs of one task one after another (they share its namespace, files, ports).
  const queue = [...tasks];
  const worker = async (): Promise<void> => {
    for (let task = queue.shift(); task && !controller.signal.aborted; task = queue.shift()) {
      for (let run = 1; run <= runs && !controller.signal.aborted; run++) {
        let result: EvalRunResult;
        try {
          const { provider, model } = await provide(task);
          result = await runEvalTask(services, task, { provider, model, run, checkVerifier: options.checkVerifiers, signal: controller.signal });
        } catch (error) {
          // One task's broken transcript or provider must not lose the others' results.
          result = unjudgedRun(task, run, { provider: providerName, model: options.model ?? '' }, `the run could not start: ${(error as Error).message}`);
        }
        results.push(result);
        appendFileSync(resultsFile, `${JSON.stringify(result)}\n`);
        if (options.json) io.stdout(`${JSON.stringify(result)}\n`);
        else io.stdout(`${result.result === 'success' ? '✓' : '✗'} ${task.name}${runs > 1 ? ` (run ${run}/${runs})` : ''}: ${result.result}${result.safety.ok ? '' : ' — UNSAFE'} in ${result.seconds.toFixed(1)} s${result.failures.length ? `\n    ${result.failures.join('\n    ')}` : ''}\n`);
      }
    }
  };
  if (!options.json) io.stdout(`${tasks.length} task(s) × ${runs} run(s)${concurrency > 1 ? `, ${concurrency} at once` : ''}, ${providerName}${options.model ? `/${options.model}` : ''}\n`);
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  } finally {
    process.off('SIGINT', cancel);
  }
  // In task order whatever finished first, so results and tables read the same every time.
  results.sort((a, b) => tasks.findIndex((task) => task.name === a.task) - tasks.findIndex((task) => task.name === b.task) || a.run - b.run);
  const summary = summarize(results);
  const table = summaryTable(summary, results);
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(out, 'summary.md'), table);
  // A scripted transcript measures Reign, not a model: only real models' scores set their autonomy.
  const notKept = providerName === 'scripted' || controller.signal.aborted ? undefined : recordModelScore(core.settings, summary);
  const scoreLine = notKept === undefined ? '' : notKept ? `The score is not kept for ${summary.provider}/${summary.model}: ${notKept}.\n` : `The score is kept for ${summary.provider}/${summary.model} (Settings → Autonomy).\n`;
  if (!options.json) io.stdout(`\n${table}\nResults: ${resultsFile}\n${scoreLine}`);
  if (controller.signal.aborted) return EvalExit.cancelled;
  return results.some((result) => result.result === 'error') ? EvalExit.harnessError : EvalExit.judged;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`reign eval: ${message}\n`);
  return EvalExit.usage;
}
