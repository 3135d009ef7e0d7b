import { z } from 'zod';
import { assess, combine, type RiskAssessment } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { githubFacts, isNotFound, writePreview } from './github-facts';
import { limitField, MAX_LIST_LIMIT, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { actionsNameField, collectionRoute, expandRoute, refineScope, type Scope, sameName, scopeFields, scopeLabel, scopeOf, scopeTarget, selectedRepositoryIdsField, type Visibility, visibilityField, visibilityProblem } from './github-scope';
import { SealedBoxKeyError, sealForGitHub } from './github-sealed-box';
import { describeSource, githubSecretSourcesKey, maskValue, reignCredentialIn, type SecretSource, secretSourceField } from './github-secret-source';

// GitHub never returns a secret's value: a list gives names and dates, a set cannot be undone
// once it replaced a value, and a delete cannot be undone at all. The value itself is read only
// inside `run`, sealed for GitHub on this machine, and masked out of anything the step returns.

export const secretSummary = z.object({
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  visibility: z.string().nullable().describe('Organisation secrets: all, private or selected'),
});
export type SecretSummary = z.infer<typeof secretSummary>;

interface SecretLike {
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly visibility?: string;
}

export const trimSecret = (secret: SecretLike): SecretSummary => ({ name: secret.name, createdAt: secret.created_at, updatedAt: secret.updated_at, visibility: secret.visibility ?? null });

const secretsOf = (octokit: Octokit, scope: Scope, limit: number, signal: AbortSignal) => {
  const { path, params } = collectionRoute(scope, 'secrets');
  return paginateUpTo<SecretLike>(octokit, `GET ${path}`, params, limit, signal);
};

/** The secret of that name (GitHub ignores case), or null: from the list, which never holds values. */
async function findSecret(octokit: Octokit, scope: Scope, name: string, signal: AbortSignal): Promise<SecretSummary | null> {
  const { items } = await secretsOf(octokit, scope, MAX_LIST_LIMIT, signal);
  const found = items.find((secret) => sameName(secret.name, name));
  return found ? trimSecret(found) : null;
}

const listInput = z
  .object({ ...scopeFields, limit: limitField })
  .strict()
  .superRefine(refineScope);

export const githubSecretList = defineReadTool({
  name: 'github.secret.list',
  description: "Actions secrets of a repository, of one of its environments, or of an organisation: names and when each was created and last updated (organisation ones with their visibility). GitHub never returns a secret's value.",
  input: listInput,
  output: z.object({ secrets: z.array(secretSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: "lists secret names (never their values, which GitHub does not return)",
  target: ({ input }) => scopeTarget(scopeOf(input)),
  preview: async ({ input, ctx }) => {
    const scope = scopeOf(input);
    const { path, params } = collectionRoute(scope, 'secrets');
    return readPreview(ctx, `List up to ${input.limit} secret names of ${scopeLabel(scope)}`, requestLine(expandRoute(path, params), { per_page: Math.min(input.limit, 100) }));
  },
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', environment: 'production' }, { org: 'octo-org' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the secrets of ${scopeLabel(scopeOf(input))}`, async (octokit) => {
      const page = await secretsOf(octokit, scopeOf(input), input.limit, signal);
      const secrets = page.items.map(trimSecret);
      return { ok: true, output: { secrets, count: secrets.length, more: page.more } };
    }),
});

const setInput = z
  .object({
    ...scopeFields,
    name: actionsNameField('secret'),
    value: secretSourceField,
    visibility: visibilityField.optional().describe('Organisation only: which repositories see it (default: as it is for an existing secret, else private)'),
    selectedRepositoryIds: selectedRepositoryIdsField.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    refineScope(input, context);
    const problem = visibilityProblem(input);
    if (problem) context.addIssue({ code: 'custom', message: `Not a secret's visibility: ${problem}.`, path: ['visibility'] });
  });
type SetInput = z.infer<typeof setInput>;

/** What classifying a set knows: the secret it would replace, if any. */
export interface SecretSetFacts {
  readonly existing: SecretSummary | null;
}

/**
 * Write for a new secret; destructive when it replaces one (GitHub never gives the old value back,
 * so nothing can restore it) or when that cannot be checked; destructive too when the value is a
 * credential Reign signs in with, which anyone who can change that repository's workflows could read.
 */
export function secretSetRisk(input: Pick<SetInput, 'name' | 'value'>, scope: Scope, facts: SecretSetFacts | undefined): RiskAssessment {
  const where = scopeLabel(scope);
  const parts = [
    facts === undefined
      ? assess('destructive', `sets the secret ${input.name} of ${where}, which could not be checked for an existing value: if there is one, its old value cannot be restored`)
      : facts.existing
        ? assess('destructive', `replaces the secret ${input.name} of ${where} (last updated ${facts.existing.updatedAt}): its old value cannot be restored`)
        : assess('write', `creates the secret ${input.name} in ${where}`),
  ];
  const credential = reignCredentialIn(input.value);
  if (credential) parts.push(assess('destructive', `copies ${credential} into the secret ${input.name} of ${where}: workflows there, and whoever can change them, can use it`));
  return combine(parts);
}

/**
 * What an organisation secret's PUT must say about visibility (GitHub requires it): the one asked
 * for, else the existing secret's (with its selected repositories), else private.
 */
async function orgVisibility(octokit: Octokit, org: string, input: SetInput, signal: AbortSignal): Promise<{ visibility: Visibility; selected_repository_ids?: number[] }> {
  if (input.selectedRepositoryIds) return { visibility: 'selected', selected_repository_ids: [...input.selectedRepositoryIds] };
  let existing: Visibility | null = null;
  try {
    const { data } = await octokit.request('GET /orgs/{org}/actions/secrets/{secret_name}', { org, secret_name: input.name, request: { signal } });
    existing = data.visibility;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const visibility = input.visibility ?? existing ?? 'private';
  if (visibility !== 'selected' || existing !== 'selected') return { visibility };
  // Kept as they are: the repositories that see it now.
  const { items } = await paginateUpTo<{ id: number }>(octokit, 'GET /orgs/{org}/actions/secrets/{secret_name}/repositories', { org, secret_name: input.name }, MAX_LIST_LIMIT, signal);
  return { visibility, selected_repository_ids: items.map((repository) => repository.id) };
}

/** A result built while the value was in hand, with the value masked out of every message. */
function masked<O>(result: ToolResult<O>, value: string): ToolResult<O> {
  if (result.ok) return result;
  return { ok: false, error: { code: result.error.code, message: maskValue(result.error.message, value), ...(result.error.permanent ? { permanent: true } : {}) } };
}

export const githubSecretSet = defineTool<SetInput, { name: string; scope: string; created: boolean }, undefined, SecretSetFacts>({
  name: 'github.secret.set',
  description:
    "Create or replace an Actions secret of a repository, of one of its environments, or of an organisation. The input names where the value is — an environment variable of Reign ({ from: 'env', variable: 'NAME' }) or a keychain entry Reign holds ({ from: 'keychain', name: 'ENTRY' }) — never the value itself: it is read when the step runs, encrypted on this machine with GitHub's public key for that place (a libsodium sealed box), and never shown, logged or kept. Replacing a secret cannot be undone: GitHub never returns the old value.",
  input: setInput,
  output: z.object({ name: z.string(), scope: z.string(), created: z.boolean().describe('false when it replaced an existing secret') }),
  inspect: ({ input, ctx, signal }) => githubFacts(ctx, `Checking whether ${scopeLabel(scopeOf(input))} has the secret ${input.name}`, async (octokit) => ({ existing: await findSecret(octokit, scopeOf(input), input.name, signal) })),
  risk: ({ input, facts }) => secretSetRisk(input, scopeOf(input), facts),
  target: ({ input }) => scopeTarget(scopeOf(input)),
  preview: async ({ input, ctx }) => {
    const scope = scopeOf(input);
    const set = ctx.access(githubSecretSourcesKey).isSet(input.value);
    const lines = [`Value: from ${describeSource(input.value)}, read when the step runs${set === false ? ' (it is not set now: the step would fail)' : ''}. Reign never shows, logs or keeps it.`];
    const found = await githubCall(ctx, 'Checking for an existing secret', async (octokit) => ({ ok: true, output: await findSecret(octokit, scope, input.name, new AbortController().signal) }));
    if (!found.ok) lines.push(`Could not check whether it exists (${found.error.message}): if it does, its old value cannot be restored.`);
    else if (found.output) lines.push(`Replaces the existing ${found.output.name}, last updated ${found.output.updatedAt}: its old value cannot be restored (GitHub never returns it), so this cannot be undone.`);
    else lines.push(`Creates it: ${scopeLabel(scope)} has no secret ${input.name}. Undo deletes it.`);
    if (scope.kind === 'organisation') lines.push(`Visibility: ${input.visibility ?? (found.ok && found.output?.visibility ? `${found.output.visibility} (as it is)` : 'private')}${input.selectedRepositoryIds ? ` (repositories ${input.selectedRepositoryIds.join(', ')})` : ''}`);
    const { path, params } = collectionRoute(scope, 'secrets');
    const base = expandRoute(path, params);
    lines.push(`Encrypted on this machine for GitHub (libsodium sealed box) with the public key of ${scopeLabel(scope)}: GET ${base}/public-key, then PUT ${base}/${encodeURIComponent(input.name)}`);
    return writePreview(ctx, `Set the secret ${input.name} of ${scopeLabel(scope)}`, lines);
  },
  run: async ({ input, ctx, signal, log }) => {
    const scope = scopeOf(input);
    const read = ctx.access(githubSecretSourcesKey).read(input.value);
    if (!read.ok) return { ok: false, error: { code: 'SECRET_VALUE_UNAVAILABLE', message: `Setting the secret ${input.name} of ${scopeLabel(scope)}: ${read.message}`, permanent: true } };
    const { value } = read;
    const result = await githubCall(ctx, `Setting the secret ${input.name} of ${scopeLabel(scope)}`, async (octokit) => {
      const { path, params } = collectionRoute(scope, 'secrets');
      const { data: key } = await octokit.request(`GET ${path}/public-key`, { ...params, request: { signal } });
      let encrypted: string;
      try {
        encrypted = await sealForGitHub(value, (key as { key: string }).key);
      } catch (error) {
        // Not GitHub's failure: nothing was sent, and the message says so.
        if (error instanceof SealedBoxKeyError) return toolFailure(error.code, `Setting the secret ${input.name} of ${scopeLabel(scope)}: ${error.message}`);
        return toolFailure('SECRET_SEAL_FAILED', `Setting the secret ${input.name} of ${scopeLabel(scope)}: could not encrypt the value on this machine (libsodium: ${(error as Error).message}); nothing was sent.`);
      }
      const visibility = scope.kind === 'organisation' ? await orgVisibility(octokit, scope.org, input, signal) : {};
      const { status } = await octokit.request(`PUT ${path}/{secret_name}`, { ...params, secret_name: input.name, encrypted_value: encrypted, key_id: (key as { key_id: string }).key_id, ...visibility, request: { signal } });
      // 201: created; 204: an existing secret's value replaced.
      const created = status === 201;
      log('info', `${created ? 'created' : 'replaced'} the secret ${input.name} of ${scopeLabel(scope)} (value from ${describeSource(input.value)})\n`);
      return { ok: true, output: { name: input.name, scope: scopeLabel(scope), created } };
    });
    return masked(result, value);
  },
  undo: async ({ input, output, ctx, signal }) => {
    const scope = scopeOf(input);
    if (!output?.created) return toolFailure('SECRET_NOT_RESTORABLE', `The secret ${input.name} of ${scopeLabel(scope)} replaced an earlier value, which cannot be restored: GitHub never returns a secret's value. Set it again from where that value is kept.`);
    return deleteSecret(ctx, scope, input.name, signal, 'Undoing: deleting the secret it created');
  },
  idempotent: true,
  describeChange: (input) => `set the secret ${input.name} of ${scopeLabel(scopeOf(input))} from ${describeSource(input.value)}`,
  examples: [
    { repo: 'octocat/Hello-World', name: 'REGISTRY_TOKEN', value: { from: 'env', variable: 'REGISTRY_TOKEN' } },
    { repo: 'octocat/Hello-World', environment: 'staging', name: 'DEPLOY_KEY', value: { from: 'env', variable: 'STAGING_DEPLOY_KEY' } },
    { org: 'octo-org', name: 'NPM_TOKEN', value: { from: 'env', variable: 'NPM_TOKEN' }, visibility: 'private' },
  ],
});

function deleteSecret(ctx: ToolContext, scope: Scope, name: string, signal: AbortSignal, doing: string): Promise<ToolResult<{ name: string; scope: string; deleted: true }>> {
  return githubCall(ctx, `${doing} ${name} of ${scopeLabel(scope)}`, async (octokit) => {
    const { path, params } = collectionRoute(scope, 'secrets');
    await octokit.request(`DELETE ${path}/{secret_name}`, { ...params, secret_name: name, request: { signal } });
    return { ok: true, output: { name, scope: scopeLabel(scope), deleted: true } };
  });
}

const deleteInput = z
  .object({ ...scopeFields, name: actionsNameField('secret') })
  .strict()
  .superRefine(refineScope);

export const githubSecretDelete = defineTool({
  name: 'github.secret.delete',
  description: "Delete an Actions secret of a repository, of one of its environments, or of an organisation. It cannot be undone: GitHub never returns a secret's value, so Reign cannot recreate it.",
  input: deleteInput,
  output: z.object({ name: z.string(), scope: z.string(), deleted: z.literal(true) }),
  risk: ({ input }) => assess('destructive', `deletes the secret ${input.name} of ${scopeLabel(scopeOf(input))}: no undo, its value cannot be restored`),
  target: ({ input }) => scopeTarget(scopeOf(input)),
  preview: async ({ input, ctx }) => {
    const scope = scopeOf(input);
    const { path, params } = collectionRoute(scope, 'secrets');
    return writePreview(ctx, `Delete the secret ${input.name} of ${scopeLabel(scope)}`, [
      "No undo: GitHub never returns a secret's value, so it cannot be recreated. Workflows that use it get an empty value from then on.",
      `DELETE ${expandRoute(path, params)}/${encodeURIComponent(input.name)}`,
    ]);
  },
  run: ({ input, ctx, signal, log }) =>
    deleteSecret(ctx, scopeOf(input), input.name, signal, 'Deleting the secret').then((result) => {
      if (result.ok) log('info', `deleted the secret ${input.name} of ${result.output.scope}\n`);
      return result;
    }),
  idempotent: false,
  describeChange: (input) => `deleted the secret ${input.name} of ${scopeLabel(scopeOf(input))}`,
  examples: [{ repo: 'octocat/Hello-World', name: 'OLD_TOKEN' }, { org: 'octo-org', name: 'NPM_TOKEN' }],
});

export const githubSecretTools = [githubSecretList, githubSecretSet, githubSecretDelete];
