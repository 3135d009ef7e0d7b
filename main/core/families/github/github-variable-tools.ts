import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type Preview, type ToolContext, type ToolResult } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { githubFacts, isNotFound, writePreview } from './github-facts';
import { limitField, MAX_LIST_LIMIT, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { actionsNameField, collectionRoute, expandRoute, refineScope, type Scope, scopeFields, scopeLabel, scopeOf, scopeTarget, selectedRepositoryIdsField, type Visibility, visibilityField, visibilityProblem } from './github-scope';

// Actions variables are configuration, not secrets: GitHub returns their values, so lists show
// them, a set keeps the old value for undo, and a deleted one is recreated from its snapshot.

export const variableSummary = z.object({
  name: z.string(),
  value: z.string(),
  updatedAt: z.string(),
  visibility: z.string().nullable().describe('Organisation variables: all, private or selected'),
});
export type VariableSummary = z.infer<typeof variableSummary>;

export interface VariableLike {
  readonly name: string;
  /** A string in GitHub's answers (one of the description's examples has a boolean). */
  readonly value: unknown;
  readonly updated_at: string;
  readonly visibility?: string;
}

export const trimVariable = (variable: VariableLike): VariableSummary => ({ name: variable.name, value: String(variable.value), updatedAt: variable.updated_at, visibility: variable.visibility ?? null });

/** GitHub pages variables 30 at a time at most (REST docs: per_page "max 30"). */
const VARIABLE_PAGE = 30;

async function variablesOf(octokit: Octokit, scope: Scope, limit: number, signal: AbortSignal): Promise<{ items: VariableLike[]; more: boolean }> {
  const { path, params } = collectionRoute(scope, 'variables');
  const items: VariableLike[] = [];
  for await (const page of octokit.paginate.iterator<VariableLike>(`GET ${path}`, { ...params, per_page: Math.min(limit, VARIABLE_PAGE), request: { signal } })) {
    items.push(...(page.data as VariableLike[]));
    if (items.length >= limit) return { items: items.slice(0, limit), more: items.length > limit || /rel="next"/.test(String(page.headers.link ?? '')) };
  }
  return { items, more: false };
}

/** A variable as undo needs it back: its value and, in an organisation, who sees it. */
export interface VariableSnapshot {
  readonly name: string;
  readonly value: string;
  readonly visibility: Visibility | null;
  readonly selectedRepositoryIds: number[] | null;
}

/** The variable as it is now, or null when there is none of that name. */
async function readVariable(octokit: Octokit, scope: Scope, name: string, signal: AbortSignal): Promise<VariableSnapshot | null> {
  const { path, params } = collectionRoute(scope, 'variables');
  let data: VariableLike;
  try {
    ({ data } = await octokit.request(`GET ${path}/{name}`, { ...params, name, request: { signal } }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const visibility = (data.visibility ?? null) as Visibility | null;
  let selectedRepositoryIds: number[] | null = null;
  if (scope.kind === 'organisation' && visibility === 'selected') {
    const { items } = await paginateUpTo<{ id: number }>(octokit, 'GET /orgs/{org}/actions/variables/{name}/repositories', { org: scope.org, name }, MAX_LIST_LIMIT, signal);
    selectedRepositoryIds = items.map((repository) => repository.id);
  }
  return { name: data.name, value: String(data.value), visibility, selectedRepositoryIds };
}

/** The organisation fields of a POST or PATCH: only what is known, so a PATCH keeps the rest as it is. */
const orgFields = (visibility: Visibility | null | undefined, ids: readonly number[] | null | undefined) => ({ ...(visibility ? { visibility } : {}), ...(ids && visibility === 'selected' ? { selected_repository_ids: [...ids] } : {}) });

async function createVariable(octokit: Octokit, scope: Scope, variable: { name: string; value: string; visibility?: Visibility | null; selectedRepositoryIds?: readonly number[] | null }, signal: AbortSignal): Promise<void> {
  const { path, params } = collectionRoute(scope, 'variables');
  // GitHub requires an organisation variable's visibility when it is created.
  const org = scope.kind === 'organisation' ? orgFields(variable.visibility ?? 'private', variable.selectedRepositoryIds) : {};
  await octokit.request(`POST ${path}`, { ...params, name: variable.name, value: variable.value, ...org, request: { signal } });
}

/** Text for a preview of a variable: its value, and in an organisation who sees it. */
function variableText(variable: { value: string; visibility?: Visibility | null; selectedRepositoryIds?: readonly number[] | null } | null): string | null {
  if (!variable) return null;
  const visibility = variable.visibility ? `\n\n(visibility: ${variable.visibility}${variable.selectedRepositoryIds?.length ? `, repositories ${variable.selectedRepositoryIds.join(', ')}` : ''})` : '';
  return `${variable.value}${visibility}\n`;
}

const cannotRead = (scope: Scope, name: string, message: string): Preview => ({ kind: 'text', text: `Cannot read the variable ${name} of ${scopeLabel(scope)}: ${message}` });

const listInput = z
  .object({ ...scopeFields, limit: limitField })
  .strict()
  .superRefine(refineScope);

export const githubVariableList = defineReadTool({
  name: 'github.variable.list',
  description: 'Actions variables (configuration, not secrets) of a repository, of one of its environments, or of an organisation: names, values and last update (organisation ones with their visibility).',
  input: listInput,
  output: z.object({ variables: z.array(variableSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists Actions variables',
  target: ({ input }) => scopeTarget(scopeOf(input)),
  preview: async ({ input, ctx }) => {
    const scope = scopeOf(input);
    const { path, params } = collectionRoute(scope, 'variables');
    return readPreview(ctx, `List up to ${input.limit} variables of ${scopeLabel(scope)}`, requestLine(expandRoute(path, params), { per_page: Math.min(input.limit, VARIABLE_PAGE) }));
  },
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', environment: 'staging' }, { org: 'octo-org' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the variables of ${scopeLabel(scopeOf(input))}`, async (octokit) => {
      const page = await variablesOf(octokit, scopeOf(input), input.limit, signal);
      const variables = page.items.map(trimVariable);
      return { ok: true, output: { variables, count: variables.length, more: page.more } };
    }),
});

const setInput = z
  .object({
    ...scopeFields,
    name: actionsNameField('variable'),
    value: z.string().max(48 * 1024, 'GitHub takes up to 48 KB for a variable').describe('The value (variables are not secret: it is shown and kept; use github.secret.set for anything secret)'),
    visibility: visibilityField.optional().describe('Organisation only: which repositories see it (default: as it is for an existing variable, else private)'),
    selectedRepositoryIds: selectedRepositoryIdsField.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    refineScope(input, context);
    const problem = visibilityProblem(input);
    if (problem) context.addIssue({ code: 'custom', message: `Not a variable's visibility: ${problem}.`, path: ['visibility'] });
  });
type SetInput = z.infer<typeof setInput>;

export const githubVariableSet = defineTool<SetInput, { name: string; scope: string; created: boolean }, { previous: VariableSnapshot | null }, undefined>({
  name: 'github.variable.set',
  description: 'Create or update an Actions variable (configuration, not a secret) of a repository, of one of its environments, or of an organisation. Undo puts the old value back, or deletes a variable the step created.',
  input: setInput,
  output: z.object({ name: z.string(), scope: z.string(), created: z.boolean().describe('false when it updated an existing variable') }),
  risk: ({ input }) => assess('write', `sets the variable ${input.name} of ${scopeLabel(scopeOf(input))} (undo restores its old value)`),
  target: ({ input }) => scopeTarget(scopeOf(input)),
  preview: async ({ input, ctx }) => {
    const scope = scopeOf(input);
    const now = await githubCall(ctx, 'Reading the variable', async (octokit) => ({ ok: true, output: await readVariable(octokit, scope, input.name, new AbortController().signal) }));
    if (!now.ok) return cannotRead(scope, input.name, now.error.message);
    const visibility = scope.kind === 'organisation' ? (input.visibility ?? now.output?.visibility ?? 'private') : null;
    const selected = input.selectedRepositoryIds ?? (visibility === 'selected' ? now.output?.selectedRepositoryIds : null);
    return { kind: 'file', path: `variable ${input.name} of ${scopeLabel(scope)}${now.output ? '' : ' (new)'}`, before: variableText(now.output), after: variableText({ value: input.value, visibility, selectedRepositoryIds: selected }) };
  },
  snapshot: async ({ input, ctx }) => ({ previous: await githubFacts(ctx, `Reading the variable ${input.name} for undo`, (octokit) => readVariable(octokit, scopeOf(input), input.name, new AbortController().signal)) }),
  run: ({ input, ctx, signal, log }) => {
    const scope = scopeOf(input);
    return githubCall(ctx, `Setting the variable ${input.name} of ${scopeLabel(scope)}`, async (octokit) => {
      const { path, params } = collectionRoute(scope, 'variables');
      const org = scope.kind === 'organisation' ? orgFields(input.visibility ?? (input.selectedRepositoryIds ? 'selected' : undefined), input.selectedRepositoryIds) : {};
      let created = false;
      try {
        // An update is one request; GitHub answers 404 when there is no such variable yet.
        await octokit.request(`PATCH ${path}/{name}`, { ...params, name: input.name, value: input.value, ...org, request: { signal } });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await createVariable(octokit, scope, { name: input.name, value: input.value, visibility: input.visibility, selectedRepositoryIds: input.selectedRepositoryIds }, signal);
        created = true;
      }
      log('info', `${created ? 'created' : 'updated'} the variable ${input.name} of ${scopeLabel(scope)}\n`);
      return { ok: true, output: { name: input.name, scope: scopeLabel(scope), created } };
    });
  },
  undo: ({ input, snapshot, ctx, signal }) => {
    const scope = scopeOf(input);
    const previous = snapshot.previous;
    if (!previous) return removeVariable(ctx, scope, input.name, signal, 'Undoing: deleting the variable it created');
    return githubCall(ctx, `Undoing: restoring the variable ${input.name} of ${scopeLabel(scope)}`, async (octokit) => {
      const { path, params } = collectionRoute(scope, 'variables');
      await octokit.request(`PATCH ${path}/{name}`, { ...params, name: input.name, value: previous.value, ...(scope.kind === 'organisation' ? orgFields(previous.visibility, previous.selectedRepositoryIds) : {}), request: { signal } });
      return { ok: true, output: { restored: input.name } };
    });
  },
  idempotent: true,
  describeChange: (input) => `set the variable ${input.name} of ${scopeLabel(scopeOf(input))}`,
  examples: [
    { repo: 'octocat/Hello-World', name: 'NODE_VERSION', value: '22' },
    { repo: 'octocat/Hello-World', environment: 'staging', name: 'API_URL', value: 'https://staging.example.com' },
    { org: 'octo-org', name: 'REGISTRY', value: 'ghcr.io/octo-org', visibility: 'all' },
  ],
});

function removeVariable(ctx: ToolContext, scope: Scope, name: string, signal: AbortSignal, doing: string): Promise<ToolResult<{ name: string; scope: string; deleted: true }>> {
  return githubCall(ctx, `${doing} ${name} of ${scopeLabel(scope)}`, async (octokit) => {
    const { path, params } = collectionRoute(scope, 'variables');
    await octokit.request(`DELETE ${path}/{name}`, { ...params, name, request: { signal } });
    return { ok: true, output: { name, scope: scopeLabel(scope), deleted: true } };
  });
}

const deleteInput = z
  .object({ ...scopeFields, name: actionsNameField('variable') })
  .strict()
  .superRefine(refineScope);
type DeleteInput = z.infer<typeof deleteInput>;

export const githubVariableDelete = defineTool<DeleteInput, { name: string; scope: string; deleted: true }, { previous: VariableSnapshot | null }, undefined>({
  name: 'github.variable.delete',
  description: 'Delete an Actions variable of a repository, of one of its environments, or of an organisation. Undo recreates it with the value (and organisation visibility) it had.',
  input: deleteInput,
  output: z.object({ name: z.string(), scope: z.string(), deleted: z.literal(true) }),
  risk: ({ input }) => assess('destructive', `deletes the variable ${input.name} of ${scopeLabel(scopeOf(input))}: workflows that read it get an empty value (undo recreates it)`),
  target: ({ input }) => scopeTarget(scopeOf(input)),
  preview: async ({ input, ctx }) => {
    const scope = scopeOf(input);
    const now = await githubCall(ctx, 'Reading the variable', async (octokit) => ({ ok: true, output: await readVariable(octokit, scope, input.name, new AbortController().signal) }));
    if (!now.ok) return cannotRead(scope, input.name, now.error.message);
    if (!now.output) return writePreview(ctx, `Delete the variable ${input.name} of ${scopeLabel(scope)}`, [`${scopeLabel(scope)} has no variable ${input.name}: the step would fail.`]);
    return { kind: 'file', path: `variable ${input.name} of ${scopeLabel(scope)} (deleted; undo recreates it)`, before: variableText(now.output), after: null };
  },
  snapshot: async ({ input, ctx }) => ({ previous: await githubFacts(ctx, `Reading the variable ${input.name} for undo`, (octokit) => readVariable(octokit, scopeOf(input), input.name, new AbortController().signal)) }),
  run: ({ input, ctx, signal, log }) =>
    removeVariable(ctx, scopeOf(input), input.name, signal, 'Deleting the variable').then((result) => {
      if (result.ok) log('info', `deleted the variable ${input.name} of ${result.output.scope}\n`);
      return result;
    }),
  undo: ({ input, snapshot, ctx, signal }) => {
    const scope = scopeOf(input);
    const previous = snapshot.previous;
    if (!previous) return Promise.resolve({ ok: true, output: null });
    return githubCall(ctx, `Undoing: recreating the variable ${input.name} of ${scopeLabel(scope)}`, async (octokit) => {
      await createVariable(octokit, scope, previous, signal);
      return { ok: true, output: { recreated: previous.name } };
    });
  },
  idempotent: false,
  describeChange: (input) => `deleted the variable ${input.name} of ${scopeLabel(scopeOf(input))}`,
  examples: [{ repo: 'octocat/Hello-World', name: 'OLD_FLAG' }],
});

export const githubVariableTools = [githubVariableList, githubVariableSet, githubVariableDelete];
