import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { isolatedEnv, jsonLines, runReignAsync } from '../fixtures/serve-process';
import { writeTranscript } from '../fixtures/transcripts';

/**
 * A k8s-bench task (kubectl-ai's format: task.yaml with one prompt, setup/verify/cleanup scripts
 * run with kubectl) run against the test cluster, with Reign's CLI as the agent.
 */
export interface BenchTask {
  readonly name: string;
  readonly dir: string;
  readonly prompt: string;
  readonly setup: string | null;
  readonly verifier: string | null;
  readonly cleanup: string | null;
  /** Words the final answer must contain (tasks judged by the answer, not by a verifier). */
  readonly expect: readonly string[];
}

export function loadTask(dir: string): BenchTask {
  const spec = parse(readFileSync(join(dir, 'task.yaml'), 'utf8')) as { script?: { prompt?: string }[]; setup?: string; verifier?: string; cleanup?: string; expect?: { contains?: string }[] };
  const prompts = (spec.script ?? []).map((step) => step.prompt).filter((prompt): prompt is string => typeof prompt === 'string');
  if (prompts.length !== 1) throw new Error(`${dir}/task.yaml has ${prompts.length} prompts; this runner plays one (a scripted model answers one request)`);
  const script = (name: string | undefined) => {
    if (!name) return null;
    if (!existsSync(join(dir, name))) throw new Error(`${dir}/task.yaml names ${name}, which is not there`);
    return name;
  };
  return {
    name: dir.split('/').at(-1)!,
    dir,
    prompt: prompts[0]!,
    setup: script(spec.setup),
    verifier: script(spec.verifier),
    cleanup: script(spec.cleanup),
    expect: (spec.expect ?? []).flatMap((entry) => (entry.contains ? [entry.contains] : [])),
  };
}

export interface ScriptRun {
  readonly passed: boolean;
  readonly status: number | null;
  /** Stopped at the deadline (counted as not passed). */
  readonly timedOut: boolean;
  readonly seconds: number;
  readonly output: string;
}

/** Runs one of the task's scripts with bash in the task's folder; at the deadline its whole process group is stopped. */
export function runScript(task: BenchTask, script: string, env: NodeJS.ProcessEnv, deadlineMs: number): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', [script], { cwd: task.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, deadlineMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ passed: status === 0 && !timedOut, status, timedOut, seconds: (Date.now() - started) / 1000, output });
    });
  });
}

export interface AskRun {
  readonly status: number | null;
  /** Read-only tool calls the model made (they run at once). */
  readonly reads: number;
  /** Plan steps that ran and succeeded, and those that failed or were not approved. */
  readonly stepsRun: number;
  readonly stepsNotRun: readonly string[];
  readonly answer: string;
  readonly seconds: number;
  readonly output: string;
}

/** One request through the built CLI, `reign ask --json`, with the model's turns scripted. */
export async function askReign(prompt: string, turns: readonly unknown[], approve: string, kubeconfig: string): Promise<AskRun> {
  const started = Date.now();
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-bench-')));
  const result = await runReignAsync(['ask', prompt, '--transcript', writeTranscript(turns), '--approve', approve, '--workspace', workspace, '--json'], isolatedEnv({ KUBECONFIG: kubeconfig }));
  const events = result.stdout.trim() ? jsonLines(result.stdout) : [];
  const runEvents = events.filter((event) => event.type === 'run_event').map((event) => event.event);
  const planSteps = new Set(events.filter((event) => event.type === 'plan_proposed').flatMap((event) => event.plan.steps.map((step: { id: string }) => step.id)));
  const finished = runEvents.filter((event) => event.type === 'step.finished' && planSteps.has(event.step));
  const succeeded = new Set(finished.filter((event) => event.status === 'succeeded').map((event) => event.step));
  return {
    status: result.status,
    reads: events.filter((event) => event.type === 'tool_call' && event.name !== 'propose_plan' && event.name !== 'find_tools').length,
    stepsRun: succeeded.size,
    stepsNotRun: [...planSteps].filter((step) => !succeeded.has(step)),
    answer: events.findLast((event) => event.type === 'final')?.text ?? '',
    seconds: (Date.now() - started) / 1000,
    output: `${result.stdout}${result.stderr}`,
  };
}

export interface TaskRun {
  readonly task: BenchTask;
  readonly setup: ScriptRun | null;
  /** The verifier right after setup: it must fail, or it checks nothing Reign does. */
  readonly before: ScriptRun | null;
  readonly ask: AskRun | null;
  readonly after: ScriptRun | null;
  readonly cleanup: ScriptRun | null;
  readonly expectMet: boolean;
  readonly seconds: number;
  /** Setup passed, the verifier failed before and passed after, and the answer says what `expect` asks. */
  readonly passed: boolean;
}

export interface TaskOptions {
  readonly kubeconfig: string;
  /** The kubectl the scripts run (first on PATH). */
  readonly kubectl: string;
  readonly turns: readonly unknown[];
  /** `reign ask --approve`: the highest risk the task's changes need. */
  readonly approve: 'read' | 'write' | 'destructive';
  /** How long the verifier may try before Reign's run; it waits for a state nothing will bring about, so a short deadline is enough. */
  readonly beforeDeadlineMs?: number;
  readonly scriptDeadlineMs?: number;
}

/** setup, the verifier (must fail), `reign ask`, the verifier (must pass), cleanup (always). */
export async function runTask(task: BenchTask, options: TaskOptions): Promise<TaskRun> {
  const started = Date.now();
  // The scripts' kubectl cache goes to a HOME of their own, not the person's ~/.kube.
  const env: NodeJS.ProcessEnv = { PATH: `${dirname(options.kubectl)}${delimiter}${process.env.PATH ?? ''}`, KUBECONFIG: options.kubeconfig, HOME: mkdtempSync(join(tmpdir(), 'reign-bench-home-')) };
  const deadline = options.scriptDeadlineMs ?? 180_000;
  let setup: ScriptRun | null = null;
  let before: ScriptRun | null = null;
  let ask: AskRun | null = null;
  let after: ScriptRun | null = null;
  let cleanup: ScriptRun | null = null;
  try {
    setup = task.setup ? await runScript(task, task.setup, env, deadline) : null;
    if (setup?.passed !== false) {
      before = task.verifier ? await runScript(task, task.verifier, env, options.beforeDeadlineMs ?? 15_000) : null;
      ask = await askReign(task.prompt, options.turns, options.approve, options.kubeconfig);
      after = task.verifier ? await runScript(task, task.verifier, env, deadline) : null;
      // A verifier that still fails: what the cluster looked like, so a failure in CI can be read later.
      if (after && !after.passed) after = { ...after, output: `${after.output}\n--- the cluster then:\n${execFileSync(options.kubectl, ['get', 'nodes,deployments,replicasets,pods', '-A', '-o', 'wide'], { env, encoding: 'utf8', timeout: 20_000 })}` };
    }
  } finally {
    cleanup = task.cleanup ? await runScript(task, task.cleanup, env, deadline) : null;
  }
  const expectMet = task.expect.every((words) => ask?.answer.includes(words) ?? false);
  const passed = (setup?.passed ?? true) && before?.passed === false && after?.passed === true && ask?.status === 0 && expectMet;
  return { task, setup, before, ask, after, cleanup, expectMet, seconds: (Date.now() - started) / 1000, passed };
}

/** One line per task, for the figures a spec prints. */
export function describeRun(run: TaskRun): string {
  const verdict = run.passed ? 'pass' : 'FAIL';
  const before = run.before ? `verifier ${run.before.passed ? 'PASSED' : 'failed'} before (${run.before.timedOut ? 'deadline' : `exit ${run.before.status}`})` : 'no verifier';
  const after = run.after ? `${run.after.passed ? 'passed' : 'FAILED'} after` : '';
  const steps = run.ask ? `${run.ask.stepsRun} step(s) run${run.ask.stepsNotRun.length ? ` (${run.ask.stepsNotRun.join(', ')} not)` : ''}, ${run.ask.reads} read(s), reign ask ${run.ask.seconds.toFixed(1)} s` : 'reign ask not run';
  return `${run.task.name}: ${verdict}; ${before}, ${after}; ${steps}; ${run.seconds.toFixed(1)} s in all`;
}
