import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runHelm, runHelmJson } from './helm-exec';
import { everyRepository, type HelmRepository, hostTarget, knownRepositories, repositoryTarget } from './helm-repositories';

const repoName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a repository name is letters, digits, dots, dashes and underscores').max(100).describe('The name charts are addressed by (REPO/CHART)');

async function addRepository(ctx: ToolContext, name: string, url: string, signal: AbortSignal): Promise<ToolResult<null>> {
  const result = await runHelm(ctx, ['repo', 'add', name, url], { signal, timeoutMs: 120_000 });
  return result.ok ? { ok: true, output: null } : result;
}

async function removeRepository(ctx: ToolContext, name: string, signal: AbortSignal): Promise<ToolResult<null>> {
  const result = await runHelm(ctx, ['repo', 'remove', name], { signal });
  return result.ok ? { ok: true, output: null } : result;
}

export const helmRepoList = defineReadTool({
  name: 'helm.repo.list',
  description: 'The chart repositories helm knows on this machine, by name and URL.',
  reads: 'lists Helm repositories',
  input: z.object({}).strict(),
  output: z.object({ repositories: z.array(z.object({ name: z.string(), url: z.string() })) }),
  target: () => everyRepository,
  preview: async () => ({ kind: 'text', text: 'helm repo list' }),
  run: async ({ ctx, signal }) => {
    const result = await runHelmJson<HelmRepository[] | null>(ctx, ['repo', 'list', '-o', 'json'], { signal });
    // Older helm says "no repositories to show" with exit 1 instead of printing [].
    if (!result.ok) return /no repositories/.test(result.error.message) ? { ok: true, output: { repositories: [] } } : result;
    return { ok: true, output: { repositories: (result.output ?? []).map(({ name, url }) => ({ name, url })) } };
  },
});

export const helmSearch = defineReadTool({
  name: 'helm.search',
  description: 'Search the charts of the added repositories (their local index; refresh it with helm.repo.update): name, latest version, app version, description. With versions, every version.',
  reads: 'searches the local index of Helm repositories',
  input: z.object({ keyword: z.string().default('').describe('Part of a chart name or description; empty lists every chart'), versions: z.boolean().default(false), version: z.string().min(1).optional().describe('A version constraint, like ^1.2'), devel: z.boolean().default(false).describe('Include pre-releases') }).strict(),
  output: z.object({ charts: z.array(z.object({ name: z.string(), version: z.string(), appVersion: z.string(), description: z.string() })) }),
  // `bitnami/redis` searches one repository's index; a plain keyword searches every one.
  target: ({ input, ctx }) => (/^[^/\s]+\//.test(input.keyword) ? repositoryTarget(ctx.env, input.keyword.split('/')[0]!) : everyRepository),
  preview: async ({ input }) => ({ kind: 'text', text: `helm search repo ${input.keyword}` }),
  run: async ({ input, ctx, signal }) => {
    const args = ['search', 'repo', ...(input.keyword ? [input.keyword] : []), '-o', 'json', ...(input.versions ? ['--versions'] : []), ...(input.version ? ['--version', input.version] : []), ...(input.devel ? ['--devel'] : [])];
    const result = await runHelmJson<{ name: string; version: string; app_version: string; description: string }[] | null>(ctx, args, { signal });
    if (!result.ok) return /no repositories/.test(result.error.message) ? toolFailure('NO_REPOSITORIES', 'helm has no chart repositories on this machine; add one with helm.repo.add.') : result;
    return { ok: true, output: { charts: (result.output ?? []).map((chart) => ({ name: chart.name, version: chart.version, appVersion: chart.app_version, description: chart.description })) } };
  },
  examples: [{ keyword: 'nginx' }, { keyword: 'bitnami/redis', versions: true }],
});

export const helmRepoAdd = defineTool<{ name: string; url: string }, { name: string; url: string; added: boolean }, { existing: HelmRepository | null }, undefined>({
  name: 'helm.repo.add',
  description: 'Add a chart repository by name and URL (helm repo add; it downloads the repository index). Undo removes it again.',
  input: z.object({ name: repoName, url: z.url({ protocol: /^https?$/ }).describe('The repository URL (https://…); OCI registries need no adding') }).strict(),
  output: z.object({ name: z.string(), url: z.string(), added: z.boolean() }),
  risk: ({ input }) => (input.url.startsWith('http:') ? assess('write', `adds Helm repository ${input.name} over plain HTTP (${input.url}): its charts can be altered on the way`) : assess('write', `adds Helm repository ${input.name} (${input.url})`)),
  target: ({ input }) => hostTarget(input.url),
  preview: async ({ input, ctx }) => {
    const existing = knownRepositories(ctx.env).find((repository) => repository.name === input.name);
    if (existing && existing.url !== input.url) return { kind: 'text', text: `A repository named ${input.name} already exists with ${existing.url}; the step would fail. Remove it first (helm.repo.remove) or pick another name.` };
    if (existing) return { kind: 'text', text: `${input.name} (${input.url}) is already added; nothing changes.` };
    return { kind: 'text', text: `helm repo add ${input.name} ${input.url} — downloads its index (undo removes it)` };
  },
  snapshot: async ({ input, ctx }) => ({ existing: knownRepositories(ctx.env).find((repository) => repository.name === input.name) ?? null }),
  run: async ({ input, ctx, signal }) => {
    const existing = knownRepositories(ctx.env).find((repository) => repository.name === input.name);
    if (existing?.url === input.url) return { ok: true, output: { name: input.name, url: input.url, added: false } };
    if (existing) return toolFailure('REPOSITORY_EXISTS', `A repository named ${input.name} already exists with ${existing.url}; remove it first (helm.repo.remove) or pick another name.`);
    const result = await addRepository(ctx, input.name, input.url, signal);
    return result.ok ? { ok: true, output: { name: input.name, url: input.url, added: true } } : result;
  },
  undo: async ({ input, snapshot, ctx, signal }) => (snapshot.existing ? { ok: true, output: null } : removeRepository(ctx, input.name, signal)),
  idempotent: true,
  describeChange: (input) => `added Helm repository ${input.name}`,
  examples: [{ name: 'bitnami', url: 'https://charts.bitnami.com/bitnami' }],
});

export const helmRepoUpdate = defineTool<{ names: string[] }, { updated: string[] }, undefined, undefined>({
  name: 'helm.repo.update',
  description: 'Download the latest index of the named repositories (default: all), so search and install see new chart versions. It cannot be undone: the old index is not kept (it changes no cluster).',
  input: z.object({ names: z.array(repoName).default([]).describe('Repositories to refresh (default: every one)') }).strict(),
  output: z.object({ updated: z.array(z.string()) }),
  risk: ({ input }) => assess('write', `refreshes the local index of ${input.names.length ? input.names.join(', ') : 'every Helm repository'}`),
  target: ({ input, ctx }) => (input.names.length === 1 ? repositoryTarget(ctx.env, input.names[0]!) : everyRepository),
  preview: async ({ input }) => ({ kind: 'text', text: `helm repo update ${input.names.join(' ')}`.trim() + '\nThis cannot be undone: the previous index is not kept (no cluster changes).' }),
  run: async ({ input, ctx, signal }) => {
    const result = await runHelm(ctx, ['repo', 'update', ...input.names], { signal, timeoutMs: 300_000 });
    if (!result.ok) return /no repositories/.test(result.error.message) ? toolFailure('NO_REPOSITORIES', 'helm has no chart repositories on this machine; add one with helm.repo.add.') : result;
    return { ok: true, output: { updated: input.names.length ? input.names : knownRepositories(ctx.env).map((repository) => repository.name) } };
  },
  idempotent: true,
  describeChange: (input) => `refreshed the index of ${input.names.join(', ') || 'every Helm repository'}`,
  examples: [{}, { names: ['bitnami'] }],
});

export const helmRepoRemove = defineTool<{ name: string }, { name: string; url: string }, { existing: HelmRepository | null }, undefined>({
  name: 'helm.repo.remove',
  description: 'Remove a chart repository from this machine (helm repo remove); releases installed from it are not touched. Undo adds it again by its URL (credentials it had are not restored).',
  input: z.object({ name: repoName }).strict(),
  output: z.object({ name: z.string(), url: z.string() }),
  risk: ({ input }) => assess('write', `removes Helm repository ${input.name} from this machine`),
  target: ({ input, ctx }) => repositoryTarget(ctx.env, input.name),
  preview: async ({ input, ctx }) => {
    const existing = knownRepositories(ctx.env).find((repository) => repository.name === input.name);
    return { kind: 'text', text: existing ? `helm repo remove ${input.name} (${existing.url}); undo adds it again` : `There is no repository ${input.name}; the step would fail.` };
  },
  snapshot: async ({ input, ctx }) => ({ existing: knownRepositories(ctx.env).find((repository) => repository.name === input.name) ?? null }),
  run: async ({ input, ctx, signal }) => {
    const existing = knownRepositories(ctx.env).find((repository) => repository.name === input.name);
    if (!existing) return toolFailure('NOT_FOUND', `There is no Helm repository ${input.name}; helm.repo.list shows those there are.`);
    const result = await removeRepository(ctx, input.name, signal);
    return result.ok ? { ok: true, output: { name: input.name, url: existing.url } } : result;
  },
  undo: async ({ snapshot, ctx, signal }) => (snapshot.existing ? addRepository(ctx, snapshot.existing.name, snapshot.existing.url, signal) : { ok: true, output: null }),
  idempotent: false,
  describeChange: (input) => `removed Helm repository ${input.name}`,
  examples: [{ name: 'bitnami' }],
});

export const helmRepoTools = [helmRepoList, helmSearch, helmRepoAdd, helmRepoUpdate, helmRepoRemove];
