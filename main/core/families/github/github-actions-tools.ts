import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { githubArtifactTools } from './github-actions-artifact-tools';
import { chooseDispatchedRun, DISPATCH_POLL_DELAYS_MS, type DispatchTrigger, dispatchInputsProblem, dispatchMoment, dispatchTrigger, refName, unknownTrigger } from './github-actions-dispatch';
import { githubActionsRunTools } from './github-actions-run-tools';
import { trimWorkflow, type WorkflowLike, workflowSummary, type WorkflowSummary } from './github-actions-shapes';
import { findWorkflow, readWorkflowFile, workflowPathId, workflowRefField } from './github-actions-workflow';
import type { Octokit } from './github-client';
import { changePreview, githubFacts } from './github-facts';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { defaultBranchOf } from './github-refs';
import { type RunLike, runSummary, type RunSummary, trimRun } from './github-shapes';
import { repoField, repoTarget, splitRepo } from './github-target';

export const githubWorkflowList = defineReadTool({
  name: 'github.workflow.list',
  description: 'GitHub Actions workflows of a repository: id, name, file path and state (active, or disabled and why). Use the name, file or id with github.workflow.dispatch and github.run.list.',
  input: z.object({ repo: repoField, limit: limitField }).strict(),
  output: z.object({ workflows: z.array(workflowSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists GitHub Actions workflows',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} workflows of ${input.repo}`, requestLine(`/repos/${input.repo}/actions/workflows`, { per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the workflows of ${input.repo}`, async (octokit) => {
      const page = await paginateUpTo<WorkflowLike>(octokit, 'GET /repos/{owner}/{repo}/actions/workflows', splitRepo(input.repo), input.limit, signal);
      const workflows = page.items.map(trimWorkflow);
      return { ok: true, output: { workflows, count: workflows.length, more: page.more } };
    }),
});

const inputValue = z.union([z.string().max(65_535), z.number(), z.boolean()]);

const dispatchInput = z
  .object({
    repo: repoField,
    workflow: workflowRefField,
    ref: z.string().trim().min(1).max(255).optional().describe('The branch or tag to run it on (its workflow file as it is there); default the default branch'),
    inputs: z
      .record(z.string().min(1).max(100), inputValue)
      .refine((inputs) => Object.keys(inputs).length <= 25, 'GitHub takes at most 25 inputs')
      .default({})
      .describe("The workflow's inputs (on.workflow_dispatch.inputs), by name; left out, their defaults"),
  })
  .strict();
type DispatchInput = z.infer<typeof dispatchInput>;

interface DispatchFacts {
  readonly workflow: WorkflowSummary;
  /** The branch or tag it runs on: the one given, else the default branch. */
  readonly ref: string;
  readonly onDefaultBranch: boolean;
  readonly trigger: DispatchTrigger;
  /** The workflow file's blob sha on the ref: what an approval is bound to. */
  readonly fileSha: string | null;
  /** Why it would be refused, or null. */
  readonly refusal: string | null;
}

async function dispatchFacts(octokit: Octokit, input: DispatchInput, signal?: AbortSignal): Promise<DispatchFacts | { problem: string }> {
  const [found, defaultBranch] = await Promise.all([findWorkflow(octokit, input.repo, input.workflow, signal), defaultBranchOf(octokit, input.repo, signal)]);
  if ('problem' in found) return found;
  const ref = input.ref ? refName(input.ref) : defaultBranch;
  // The file as it is on the ref is what GitHub runs: its `on:` says whether it can be dispatched, and with which inputs.
  const file = await readWorkflowFile(octokit, input.repo, found.path, ref, signal);
  const trigger = file ? dispatchTrigger(file.text) : unknownTrigger;
  const disabled = found.state === 'active' ? null : `the workflow ${found.name} is ${found.state.replace(/_/g, ' ')}: enable it first (GitHub: Actions → the workflow → Enable workflow)`;
  return { workflow: trimWorkflow(found), ref, onDefaultBranch: ref === defaultBranch, trigger, fileSha: file?.sha ?? null, refusal: disabled ?? dispatchInputsProblem(trigger, input.inputs, found.path) };
}

const readFacts = (ctx: ToolContext, input: DispatchInput, signal?: AbortSignal) =>
  githubFacts(ctx, `Reading the workflow ${input.workflow} of ${input.repo}`, async (octokit) => {
    const facts = await dispatchFacts(octokit, input, signal);
    if ('problem' in facts) throw new Error(facts.problem);
    return facts;
  });

const inputsText = (inputs: Readonly<Record<string, unknown>>): string => {
  const entries = Object.entries(inputs);
  return entries.length ? `Inputs: ${entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')}` : "Inputs: none given (the workflow's defaults)";
};
const NO_UNDO = 'No undo: a started run cannot be taken back; cancel it with github.run.cancel.';

type DispatchOutput = { workflow: WorkflowSummary; ref: string; inputs: Record<string, unknown>; run: RunSummary | null; foundBy: 'github' | 'runs' | 'none'; note: string };

export const githubWorkflowDispatch = defineTool<DispatchInput, DispatchOutput, undefined, DispatchFacts>({
  name: 'github.workflow.dispatch',
  description: "Start a GitHub Actions workflow by hand (workflow_dispatch) on a branch or tag, with its inputs, and return the run it started (its id for github.run.get and github.run.logs). Refused when the workflow's file has no workflow_dispatch trigger, is disabled, or the inputs do not fit. No undo: cancel the run with github.run.cancel.",
  input: dispatchInput,
  output: z.object({
    workflow: workflowSummary,
    ref: z.string(),
    inputs: z.record(z.string(), z.unknown()),
    run: runSummary.nullable().describe('The run it started; null when GitHub had not shown it within 10 s'),
    foundBy: z.enum(['github', 'runs', 'none']).describe('github: GitHub named the run; runs: found among the workflow runs created since; none: not seen yet'),
    note: z.string(),
  }),
  inspect: ({ input, ctx, signal }) => readFacts(ctx, input, signal),
  contentHash: (facts) => facts?.fileSha ?? null,
  // A dispatch starts whatever the workflow does (maybe a deployment): write, whoever asked and whatever its name says.
  risk: ({ input, facts }) => {
    if (!facts) return assess('write', `starts the workflow ${input.workflow} of ${input.repo}${input.ref ? ` on ${input.ref}` : ''}`);
    const where = `on ${facts.ref}${facts.onDefaultBranch ? ' (the default branch)' : ''}`;
    return assess('write', facts.refusal ? `starts the workflow ${facts.workflow.name} of ${input.repo} ${where}: refused, ${facts.refusal}` : `starts the workflow ${facts.workflow.name} (${facts.workflow.path}) of ${input.repo} ${where}`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const facts = await readFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return changePreview(ctx, [`Dispatch the workflow ${input.workflow} of ${input.repo} on ${input.ref ?? 'the default branch'}`, inputsText(input.inputs), `Cannot read it: ${facts.message}`, NO_UNDO]);
    const head = `Dispatch the workflow ${facts.workflow.name} (${facts.workflow.path}) of ${input.repo} on ${facts.ref}${facts.onDefaultBranch ? ' (the default branch)' : ''}`;
    if (facts.refusal) return changePreview(ctx, [head, inputsText(input.inputs), `Refused: ${facts.refusal}. The step would fail and nothing would be started.`, NO_UNDO]);
    return changePreview(ctx, [
      head,
      inputsText(input.inputs),
      facts.trigger.dispatchable === null && `Whether its file on ${facts.ref} takes workflow_dispatch could not be read: GitHub checks it.`,
      `POST /repos/${input.repo}/actions/workflows/${workflowPathId(facts.workflow)}/dispatches`,
      'Returns the run it started (as GitHub names it, or found among the workflow runs created since, within 10 s).',
      NO_UNDO,
    ]);
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall<DispatchOutput>(ctx, `Dispatching the workflow ${input.workflow} of ${input.repo}`, async (octokit) => {
      const facts = await dispatchFacts(octokit, input, signal);
      if ('problem' in facts) return toolFailure('NOT_FOUND', facts.problem);
      if (facts.refusal) return { ok: false, error: { code: 'NOT_DISPATCHABLE', message: `Refused: ${facts.refusal}.`, permanent: true } };
      const workflowId = workflowPathId(facts.workflow);
      const started = Date.now();
      const answer = await sendDispatch(octokit, input.repo, workflowId, facts.ref, input.inputs, signal);
      if ('refusal' in answer) return { ok: false, error: { code: 'NOT_DISPATCHABLE', message: `GitHub refused to dispatch ${facts.workflow.path} on ${facts.ref}: ${answer.refusal}`, permanent: true } };
      const base = { workflow: facts.workflow, ref: facts.ref, inputs: input.inputs };
      if (answer.runId !== null) {
        const { data } = await octokit.rest.actions.getWorkflowRun({ ...splitRepo(input.repo), run_id: answer.runId, request: { signal } });
        log('info', `dispatched ${facts.workflow.name} on ${facts.ref}: run ${data.id} (#${data.run_number})\n`);
        return { ok: true, output: { ...base, run: trimRun(data), foundBy: 'github', note: `GitHub started run ${data.id}.` } };
      }
      const found = await awaitDispatchedRun(octokit, input.repo, workflowId, facts.ref, dispatchMoment(answer.date, started), signal);
      if (found) {
        log('info', `dispatched ${facts.workflow.name} on ${facts.ref}: run ${found.id} (#${found.run_number})\n`);
        return { ok: true, output: { ...base, run: trimRun(found), foundBy: 'runs', note: `GitHub did not name the run; run ${found.id} is the workflow_dispatch run of ${facts.ref} created since the dispatch.` } };
      }
      const waited = DISPATCH_POLL_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) / 1000;
      return { ok: true, output: { ...base, run: null, foundBy: 'none', note: `GitHub accepted the dispatch, but its run had not appeared after ${waited} s: look again with github.run.list (workflow ${workflowId}, branch ${facts.ref}, event workflow_dispatch).` } };
    }),
  idempotent: false,
  describeChange: (input) => `dispatched the workflow ${input.workflow} of ${input.repo}${input.ref ? ` on ${input.ref}` : ''} (no undo: cancel its run with github.run.cancel)`,
  examples: [{ repo: 'octocat/Hello-World', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } }, { repo: 'octocat/Hello-World', workflow: 'CI' }],
});

const dispatchRoute = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

/**
 * Sends the dispatch, asking GitHub to name the run it starts (`return_run_details`, which older
 * GitHub Enterprise Servers refuse as an unknown key: sent again without it). GitHub's own refusal
 * of the workflow (no workflow_dispatch on the ref, an input it does not take) comes back as words.
 */
async function sendDispatch(octokit: Octokit, repo: string, workflowId: number | string, ref: string, inputs: Record<string, unknown>, signal: AbortSignal): Promise<{ runId: number | null; date: string | undefined } | { refusal: string }> {
  const send = (details: boolean) => octokit.request(dispatchRoute, { ...splitRepo(repo), workflow_id: workflowId, ref, ...(Object.keys(inputs).length ? { inputs } : {}), ...(details ? { return_run_details: true } : {}), request: { signal } } as never);
  let response: { status: number; data: unknown; headers: Record<string, unknown> };
  try {
    response = (await send(true)) as never;
  } catch (error) {
    const words = githubMessage(error);
    if (statusNumber(error) !== 422) throw error;
    if (/return_run_details/i.test(words)) response = (await send(false)) as never;
    else return { refusal: words || 'it did not say why' };
  }
  const runId = (response.data as { workflow_run_id?: unknown } | undefined)?.workflow_run_id;
  return { runId: response.status === 200 && typeof runId === 'number' ? runId : null, date: typeof response.headers.date === 'string' ? response.headers.date : undefined };
}

const statusNumber = (error: unknown): number | null => ((error as { status?: unknown }).status === undefined ? null : Number((error as { status: unknown }).status));
const githubMessage = (error: unknown): string => {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  return typeof data?.message === 'string' ? data.message : '';
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))), { once: true });
  });

/** Looks at the workflow's workflow_dispatch runs of the ref a few times, until the one created since the dispatch shows. */
async function awaitDispatchedRun(octokit: Octokit, repo: string, workflowId: number | string, ref: string, since: number, signal: AbortSignal): Promise<(RunLike & { run_number: number }) | null> {
  for (const delay of DISPATCH_POLL_DELAYS_MS) {
    await sleep(delay, signal);
    const { data } = await octokit.rest.actions.listWorkflowRuns({ ...splitRepo(repo), workflow_id: workflowId, event: 'workflow_dispatch', branch: ref, per_page: 20, request: { signal } });
    const found = chooseDispatchedRun(data.workflow_runs, ref, since);
    if (found) return found;
  }
  return null;
}

/** Every GitHub Actions tool: workflows, runs, logs, re-runs and cancels, artifacts. */
export const githubActionsTools = [githubWorkflowList, githubWorkflowDispatch, ...githubActionsRunTools, ...githubArtifactTools];
