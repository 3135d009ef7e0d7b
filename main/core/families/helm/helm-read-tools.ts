import { z } from 'zod';
import { defineReadTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { clusterFlags, releaseName, whereFields } from './helm-args';
import { runHelmJson } from './helm-exec';
import { objectNames } from './helm-manifests';
import { releaseHistory, type Revision, stuckAdvice } from './helm-release-state';
import { maskValues } from './helm-values';

type Where = { context?: string; namespace?: string };

/** The step's place, or the failure that says why there is none. */
function placeOf(ctx: ToolContext, input: Where): ToolResult<{ context: string; namespace: string }> {
  const place = ctx.access(kubeKey).where(input);
  return place.problem ? toolFailure('KUBERNETES_UNAVAILABLE', place.problem) : { ok: true, output: place };
}

/** What a person should know about a release in this state, and what to do; null when it is healthy. */
async function attention(ctx: ToolContext, place: { context: string; namespace: string }, release: string, status: string, history?: readonly Revision[] | null): Promise<string | null> {
  if (status.startsWith('pending-')) {
    const known = history ?? (await releaseHistory(ctx, place, release).then((result) => (result.ok ? result.output : null)));
    return known ? stuckAdvice(release, known) : `Release ${release} is stuck in ${status}: roll it back to its last deployed revision (helm.rollback) or uninstall it (helm.uninstall).`;
  }
  if (status === 'failed') return `The last operation on ${release} failed; see helm.history for why. Fix the values and upgrade again, or roll back (helm.rollback).`;
  if (status === 'uninstalled') return `${release} was uninstalled with its history kept; restore it with helm.rollback, or uninstall it with keepHistory false to forget it.`;
  return null;
}

const releaseRow = z.object({ name: z.string(), namespace: z.string(), revision: z.number(), status: z.string(), chart: z.string(), appVersion: z.string(), updated: z.string(), attention: z.string().nullable() });

export const helmList = defineReadTool({
  name: 'helm.list',
  description: 'List Helm releases of a namespace (or of every namespace) with chart, app version, revision, status and when they were updated, including failed, uninstalled-with-history and stuck (pending-*) ones, each with what to do about it.',
  reads: 'lists Helm releases',
  input: z.object({ allNamespaces: z.boolean().default(false).describe('Every namespace of the context'), filter: z.string().min(1).optional().describe('Only releases whose name matches this regular expression'), ...whereFields }).strict(),
  output: z.object({ releases: z.array(releaseRow) }),
  target: ({ input, ctx }) => {
    const place = ctx.access(kubeKey).where(input);
    return input.allNamespaces ? { kind: 'kubernetes', id: `kubernetes:${place.context}/*`, label: `${place.context}, every namespace` } : place.target;
  },
  preview: async ({ input }) => ({ kind: 'text', text: `helm list --all ${input.allNamespaces ? '--all-namespaces' : `--namespace ${input.namespace ?? '(the context\'s)'}`}` }),
  run: async ({ input, ctx, signal }) => {
    const place = placeOf(ctx, input);
    if (!place.ok) return place;
    const scope = input.allNamespaces ? ['--kube-context', place.output.context, '--all-namespaces'] : clusterFlags(place.output);
    const result = await runHelmJson<{ name: string; namespace: string; revision: string; updated: string; status: string; chart: string; app_version: string }[]>(ctx, ['list', '--all', '--max', '1000', '-o', 'json', ...(input.filter ? ['--filter', input.filter] : []), ...scope], { signal });
    if (!result.ok) return result;
    const releases = await Promise.all(
      (result.output ?? []).map(async (entry) => ({
        name: entry.name,
        namespace: entry.namespace,
        revision: Number(entry.revision),
        status: entry.status,
        chart: entry.chart,
        appVersion: entry.app_version,
        updated: entry.updated,
        attention: await attention(ctx, { context: place.output.context, namespace: entry.namespace }, entry.name, entry.status),
      })),
    );
    return { ok: true, output: { releases } };
  },
  examples: [{ namespace: 'staging' }, { allNamespaces: true }],
});

export const helmHistory = defineReadTool({
  name: 'helm.history',
  description: 'The revisions of a release, oldest first: when, status (deployed, superseded, failed, pending-*), chart, app version and helm\'s description of what happened.',
  reads: 'reads a release\'s history',
  input: z.object({ release: releaseName, ...whereFields }).strict(),
  output: z.object({ revisions: z.array(z.object({ revision: z.number(), updated: z.string(), status: z.string(), chart: z.string(), appVersion: z.string(), description: z.string() })), attention: z.string().nullable() }),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `helm history ${input.release}` }),
  run: async ({ input, ctx, signal }) => {
    const place = placeOf(ctx, input);
    if (!place.ok) return place;
    const history = await releaseHistory(ctx, place.output, input.release, signal);
    if (!history.ok) return history;
    if (!history.output) return toolFailure('NOT_FOUND', `There is no release ${input.release} in ${place.output.namespace}.`);
    const latest = history.output.at(-1)!;
    return { ok: true, output: { revisions: history.output, attention: await attention(ctx, place.output, input.release, latest.status, history.output) } };
  },
  examples: [{ release: 'web', namespace: 'staging' }],
});

export const helmStatus = defineReadTool({
  name: 'helm.status',
  description: 'The state of a release: revision, status, chart and app version, helm\'s description, its NOTES, the objects it made, and what to do when it is stuck or failed. Values are not shown (see helm.values).',
  reads: 'reads a release\'s status',
  input: z.object({ release: releaseName, revision: z.number().int().min(1).optional(), ...whereFields }).strict(),
  output: z.object({ release: z.string(), namespace: z.string(), revision: z.number(), status: z.string(), chart: z.string(), appVersion: z.string(), description: z.string(), updated: z.string(), notes: z.string(), objects: z.array(z.string()), attention: z.string().nullable() }),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `helm status ${input.release}` }),
  run: async ({ input, ctx, signal }) => {
    const place = placeOf(ctx, input);
    if (!place.ok) return place;
    const at = input.revision ? ['--revision', String(input.revision)] : [];
    // `helm status -o json` also carries the user values; only the fields below are kept.
    const status = await runHelmJson<{ name: string; namespace: string; version: number; manifest?: string; info: { status: string; description?: string; notes?: string; last_deployed?: string } }>(ctx, ['status', input.release, ...at, '-o', 'json', ...clusterFlags(place.output)], { signal });
    if (!status.ok) return status;
    const metadata = await runHelmJson<{ chart: string; version: string; appVersion?: string }>(ctx, ['get', 'metadata', input.release, ...at, '-o', 'json', ...clusterFlags(place.output)], { signal });
    if (!metadata.ok) return metadata;
    const { info } = status.output;
    return {
      ok: true,
      output: {
        release: status.output.name,
        namespace: status.output.namespace,
        revision: status.output.version,
        status: info.status,
        chart: `${metadata.output.chart}-${metadata.output.version}`,
        appVersion: metadata.output.appVersion ?? '',
        description: info.description ?? '',
        updated: info.last_deployed ?? '',
        notes: info.notes ?? '',
        objects: objectNames(status.output.manifest ?? '', status.output.namespace),
        attention: await attention(ctx, place.output, input.release, info.status),
      },
    };
  },
  examples: [{ release: 'web', namespace: 'staging' }],
});

export const helmValues = defineReadTool({
  name: 'helm.values',
  description: 'The values people supplied for a release (or, with all, the computed values with the chart\'s defaults). Values of keys that look secret (password, token, key, secret…) are masked.',
  reads: 'reads a release\'s values (secret-looking ones masked)',
  input: z.object({ release: releaseName, revision: z.number().int().min(1).optional(), all: z.boolean().default(false).describe("Include the chart's defaults"), ...whereFields }).strict(),
  output: z.object({ values: z.record(z.string(), z.unknown()) }),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `helm get values ${input.release}${input.all ? ' --all' : ''} (secret-looking values masked)` }),
  run: async ({ input, ctx, signal }) => {
    const place = placeOf(ctx, input);
    if (!place.ok) return place;
    const result = await runHelmJson<Record<string, unknown> | null>(ctx, ['get', 'values', input.release, '-o', 'json', ...(input.revision ? ['--revision', String(input.revision)] : []), ...(input.all ? ['--all'] : []), ...clusterFlags(place.output)], { signal });
    if (!result.ok) return result;
    return { ok: true, output: { values: maskValues(result.output ?? {}) as Record<string, unknown> } };
  },
  examples: [{ release: 'web', namespace: 'staging' }],
});

export const helmReleaseReadTools = [helmList, helmHistory, helmStatus, helmValues];
