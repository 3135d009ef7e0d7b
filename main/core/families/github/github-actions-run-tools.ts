import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { githubRunLogs } from './github-actions-log-tool';
import { readJobs, readRun } from './github-actions-run-read';
import { jobSummary, runDetail, type RunDetail, trimJob, trimRunDetail } from './github-actions-shapes';
import { runIdField } from './github-actions-workflow';
import type { Octokit } from './github-client';
import { listed } from './github-fields';
import { changePreview, githubFacts, statusOf } from './github-facts';
import { readPreview } from './github-preview';
import { repoField, repoTarget, splitRepo } from './github-target';

export const githubRunGet = defineReadTool({
  name: 'github.run.get',
  description: 'One GitHub Actions run with its jobs and their steps: status, conclusion, when each started and completed, how long it took, and which attempt it is (a re-run is a new attempt). Give attempt to see an earlier one. For the logs, github.run.logs.',
  input: z.object({ repo: repoField, run: runIdField, attempt: z.number().int().min(1).optional().describe('An earlier attempt (1 is the first run); default the latest') }).strict(),
  output: z.object({ run: runDetail, jobs: z.array(jobSummary), jobCount: z.number(), more: z.boolean().describe('The run has more jobs than were read') }),
  reads: 'reads a GitHub Actions run and its jobs',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const path = `/repos/${input.repo}/actions/runs/${input.run}${input.attempt === undefined ? '' : `/attempts/${input.attempt}`}`;
    return readPreview(ctx, `Read the run ${input.run} of ${input.repo}${input.attempt === undefined ? '' : `, attempt ${input.attempt}`}, with its jobs and steps`, `GET ${path}\nGET ${path}/jobs${input.attempt === undefined ? '?filter=latest' : ''}`);
  },
  examples: [{ repo: 'octocat/Hello-World', run: 30433642 }, { repo: 'octocat/Hello-World', run: 30433642, attempt: 1 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Reading the run ${input.run} of ${input.repo}`, async (octokit) => {
      const [run, { jobs, more }] = await Promise.all([readRun(octokit, input.repo, input.run, input.attempt, signal), readJobs(octokit, input.repo, input.run, input.attempt, signal)]);
      return { ok: true, output: { run: trimRunDetail(run), jobs: jobs.map(trimJob), jobCount: jobs.length, more } };
    }),
});

/** Conclusions of the jobs GitHub's "re-run failed jobs" starts again (with the jobs that depend on them). */
const rerunnable = new Set(['failure', 'timed_out', 'startup_failure', 'cancelled']);

interface RerunFacts {
  readonly run: RunDetail;
  /** The jobs of the latest attempt that did not succeed. */
  readonly failedJobs: readonly string[];
  readonly refusal: string | null;
}

const rerunInput = z
  .object({
    repo: repoField,
    run: runIdField,
    all: z.boolean().default(false).describe('Re-run every job of the run (default: only the failed and cancelled ones, with the jobs that need them)'),
    debug: z.boolean().default(false).describe('With step debug logging'),
  })
  .strict();
type RerunInput = z.infer<typeof rerunInput>;

/** Why a re-run would be refused (a run still going, nothing failed to re-run), or null. */
export function rerunRefusal(run: Pick<RunDetail, 'id' | 'status' | 'conclusion'>, failedJobs: readonly string[], all: boolean): string | null {
  if (run.status !== 'completed') return `the run ${run.id} is ${run.status ?? 'not completed'}: a run is re-run once it has completed (cancel it first with github.run.cancel)`;
  if (!all && failedJobs.length === 0) return `the run ${run.id} has no failed job (it concluded ${run.conclusion ?? 'without a conclusion'}): re-run it whole with all: true`;
  return null;
}

async function rerunFacts(octokit: Octokit, input: Pick<RerunInput, 'repo' | 'run' | 'all'>, signal?: AbortSignal): Promise<RerunFacts> {
  const [run, { jobs }] = await Promise.all([readRun(octokit, input.repo, input.run, undefined, signal), readJobs(octokit, input.repo, input.run, undefined, signal)]);
  const trimmed = trimRunDetail(run);
  const failedJobs = jobs.filter((job) => rerunnable.has(job.conclusion ?? '')).map((job) => job.name);
  return { run: trimmed, failedJobs, refusal: rerunRefusal(trimmed, failedJobs, input.all) };
}

const readRerunFacts = (ctx: ToolContext, input: RerunInput, signal?: AbortSignal) => githubFacts(ctx, `Reading the run ${input.run} of ${input.repo}`, (octokit) => rerunFacts(octokit, input, signal));
const runName = (run: RunDetail): string => `${run.workflow ?? 'run'} #${run.number} (run ${run.id}${run.title ? `, "${run.title}"` : ''})`;
const rerunWhat = (input: RerunInput, facts: RerunFacts | undefined): string => (input.all ? 'every job' : facts ? `the failed job${facts.failedJobs.length === 1 ? '' : 's'} ${listed([...facts.failedJobs])} (and the jobs that need them)` : 'the failed jobs');

const RERUN_NO_UNDO = 'No undo: cancel the new attempt with github.run.cancel.';
const CANCEL_NO_UNDO = 'No undo: a cancelled run can be re-run with github.run.rerun.';

export const githubRunRerun = defineTool<RerunInput, { run: number; mode: 'failed-jobs' | 'all'; previousAttempt: number; jobs: string[] }, undefined, RerunFacts>({
  name: 'github.run.rerun',
  description: 'Re-run a completed GitHub Actions run: by default only its failed (and cancelled) jobs, with the jobs that depend on them; all: true re-runs every job. It becomes a new attempt of the same run (github.run.get shows it). No undo: cancel the new attempt with github.run.cancel.',
  input: rerunInput,
  output: z.object({ run: z.number(), mode: z.enum(['failed-jobs', 'all']), previousAttempt: z.number().describe('The attempt that was re-run; the new one is the next'), jobs: z.array(z.string()).describe('The jobs asked to run again (all: every job of the run)') }),
  inspect: ({ input, ctx, signal }) => readRerunFacts(ctx, input, signal),
  risk: ({ input, facts }) => assess('write', `re-runs ${rerunWhat(input, facts)} of the run ${input.run} of ${input.repo}${facts?.refusal ? `: refused, ${facts.refusal}` : ''}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const endpoint = `POST /repos/${input.repo}/actions/runs/${input.run}/${input.all ? 'rerun' : 'rerun-failed-jobs'}${input.debug ? ' (with debug logging)' : ''}`;
    const facts = await readRerunFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return changePreview(ctx, [`Re-run ${rerunWhat(input, undefined)} of the run ${input.run} of ${input.repo}`, `Cannot read it: ${facts.message}`, endpoint, RERUN_NO_UNDO]);
    const head = `Re-run ${rerunWhat(input, facts)} of ${runName(facts.run)} in ${input.repo}`;
    if (facts.refusal) return changePreview(ctx, [head, `Refused: ${facts.refusal}. The step would fail and nothing would run.`, RERUN_NO_UNDO]);
    return changePreview(ctx, [head, `It is attempt ${facts.run.attempt}, concluded ${facts.run.conclusion ?? 'without a conclusion'}; the re-run is attempt ${facts.run.attempt + 1}.`, endpoint, RERUN_NO_UNDO]);
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Re-running the run ${input.run} of ${input.repo}`, async (octokit) => {
      const facts = await rerunFacts(octokit, input, signal);
      if (facts.refusal) return { ok: false, error: { code: 'NOT_RERUNNABLE', message: `Refused: ${facts.refusal}.`, permanent: true } };
      const where = { ...splitRepo(input.repo), run_id: input.run, ...(input.debug ? { enable_debug_logging: true } : {}), request: { signal } };
      if (input.all) await octokit.rest.actions.reRunWorkflow(where);
      else await octokit.rest.actions.reRunWorkflowFailedJobs(where);
      log('info', `re-running ${rerunWhat(input, facts)} of ${runName(facts.run)}: attempt ${facts.run.attempt + 1}\n`);
      return { ok: true, output: { run: input.run, mode: input.all ? 'all' : 'failed-jobs', previousAttempt: facts.run.attempt, jobs: input.all ? [] : [...facts.failedJobs] } };
    }),
  idempotent: false,
  describeChange: (input) => `re-ran ${input.all ? 'every job' : 'the failed jobs'} of the run ${input.run} of ${input.repo} (no undo: cancel it with github.run.cancel)`,
  examples: [{ repo: 'octocat/Hello-World', run: 30433642 }, { repo: 'octocat/Hello-World', run: 30433642, all: true }],
});

const cancelInput = z.object({ repo: repoField, run: runIdField }).strict();
type CancelInput = z.infer<typeof cancelInput>;

export const cancelRefusal = (run: Pick<RunDetail, 'id' | 'status' | 'conclusion'>): string | null => (run.status === 'completed' ? `the run ${run.id} has already completed (${run.conclusion ?? 'no conclusion'}): there is nothing to cancel` : null);

const readCancelFacts = (ctx: ToolContext, input: CancelInput, signal?: AbortSignal) => githubFacts(ctx, `Reading the run ${input.run} of ${input.repo}`, async (octokit) => trimRunDetail(await readRun(octokit, input.repo, input.run, undefined, signal)));

export const githubRunCancel = defineTool<CancelInput, { run: number; cancelled: true; wasStatus: string | null }, undefined, RunDetail>({
  name: 'github.run.cancel',
  description: 'Cancel a queued or running GitHub Actions run: its jobs stop where they are. No undo, but a cancelled run can be re-run with github.run.rerun.',
  input: cancelInput,
  output: z.object({ run: z.number(), cancelled: z.literal(true), wasStatus: z.string().nullable().describe('Its status when it was cancelled') }),
  inspect: ({ input, ctx, signal }) => readCancelFacts(ctx, input, signal),
  risk: ({ input, facts }) => {
    const refusal = facts ? cancelRefusal(facts) : null;
    return assess('write', `cancels the run ${input.run} of ${input.repo}${facts ? ` (${facts.workflow ?? 'run'} #${facts.number}, ${facts.status})` : ''}${refusal ? `: refused, ${refusal}` : ''}`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const facts = await readCancelFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return changePreview(ctx, [`Cancel the run ${input.run} of ${input.repo}`, `Cannot read it: ${facts.message}`, CANCEL_NO_UNDO]);
    const refusal = cancelRefusal(facts);
    if (refusal) return changePreview(ctx, [`Cancel ${runName(facts)} in ${input.repo}`, `Refused: ${refusal}.`, CANCEL_NO_UNDO]);
    return changePreview(ctx, [`Cancel ${runName(facts)} in ${input.repo}, now ${facts.status}`, `POST /repos/${input.repo}/actions/runs/${input.run}/cancel`, CANCEL_NO_UNDO]);
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Cancelling the run ${input.run} of ${input.repo}`, async (octokit) => {
      const run = trimRunDetail(await readRun(octokit, input.repo, input.run, undefined, signal));
      const refusal = cancelRefusal(run);
      if (refusal) return { ok: false, error: { code: 'NOT_CANCELLABLE', message: `Refused: ${refusal}.`, permanent: true } };
      try {
        await octokit.rest.actions.cancelWorkflowRun({ ...splitRepo(input.repo), run_id: input.run, request: { signal } });
      } catch (error) {
        // 409: it completed between the read and the cancel.
        if (statusOf(error) === 409) return { ok: false, error: { code: 'NOT_CANCELLABLE', message: `GitHub could not cancel the run ${input.run}: it has completed in the meantime.`, permanent: true } };
        throw error;
      }
      log('info', `cancelled ${runName(run)}\n`);
      return { ok: true, output: { run: input.run, cancelled: true, wasStatus: run.status } };
    }),
  idempotent: false,
  describeChange: (input) => `cancelled the run ${input.run} of ${input.repo} (no undo: re-run it with github.run.rerun)`,
  examples: [{ repo: 'octocat/Hello-World', run: 30433642 }],
});

export const githubActionsRunTools = [githubRunGet, githubRunLogs, githubRunRerun, githubRunCancel];
