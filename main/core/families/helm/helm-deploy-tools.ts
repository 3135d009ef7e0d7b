import { z } from 'zod';
import { defineTool, type RunArgs, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { clusterFlags, releaseName, valuesFields, whereFields } from './helm-args';
import { type DeployInput, helmDeploy } from './helm-deploy';
import { deployPreview } from './helm-deploy-preview';
import { deployRisk, type RenderedFacts, renderedObjects } from './helm-deploy-risk';
import { runHelm } from './helm-exec';
import { deployRefusal, lastDeployed, releaseHistory } from './helm-release-state';

const deployFields = {
  release: releaseName,
  chart: z.string().min(1).describe('A chart folder in the workspace (charts/web), a repository chart (REPO/CHART), or oci://REGISTRY/PATH/CHART'),
  version: z.string().min(1).optional().describe('Chart version (repository and OCI charts only; a folder has its own)'),
  ...valuesFields,
  rollbackOnFailure: z.boolean().default(true).describe('Wait until the release is ready, and roll back by itself if it fails or times out (--atomic)'),
  timeoutSeconds: z.number().int().min(10).max(3600).default(300).describe('How long helm waits for the release to be ready'),
  ...whereFields,
};

const releaseOutput = z.object({ release: z.string(), namespace: z.string(), revision: z.number(), status: z.string(), chart: z.string(), notes: z.string() });
type ReleaseOutput = z.infer<typeof releaseOutput>;
type Where = { context?: string; namespace?: string };

/** Runs the install or upgrade after checking the release is in a state helm accepts; never retried on a stuck release. */
async function deploy(verb: 'install' | 'upgrade', { input, ctx, signal, log }: RunArgs<DeployInput & Where>): Promise<ToolResult<ReleaseOutput>> {
  const place = ctx.access(kubeKey).where(input);
  if (place.problem) return toolFailure('KUBERNETES_UNAVAILABLE', place.problem);
  const history = await releaseHistory(ctx, place, input.release, signal);
  if (!history.ok) return history;
  const refusal = deployRefusal(verb, input.release, place.namespace, history.output);
  if (refusal) return toolFailure(/stuck/.test(refusal) ? 'RELEASE_STUCK' : verb === 'install' ? 'RELEASE_EXISTS' : 'NOT_FOUND', refusal);
  const result = await helmDeploy(ctx, verb, input, place, { dryRun: false, signal, onStderr: (chunk) => log('stderr', chunk) });
  if (!result.ok) {
    // Say where the failure left the release: helm's --atomic may have rolled it back or removed it.
    const after = await releaseHistory(ctx, place, input.release);
    const latest = after.ok ? after.output?.at(-1) : undefined;
    const state = !after.ok ? '' : latest ? ` Release ${input.release} is now at revision ${latest.revision} (${latest.status}: ${latest.description}).` : ` Release ${input.release} does not exist.`;
    return toolFailure(result.error.code, `${result.error.message}.${state}`, result.error.detail);
  }
  const release = result.output;
  const meta = release.chart?.metadata;
  log('info', `${verb === 'install' ? 'installed' : 'upgraded'} ${release.name} in ${release.namespace}: revision ${release.version}, ${release.info.status}\n`);
  return { ok: true, output: { release: release.name, namespace: release.namespace, revision: release.version, status: release.info.status, chart: `${meta?.name ?? '?'}-${meta?.version ?? '?'}`, notes: release.info.notes ?? '' } };
}

export const helmInstall = defineTool<DeployInput & Where & { createNamespace: boolean }, ReleaseOutput, undefined, RenderedFacts>({
  name: 'helm.install',
  description:
    'Install a chart as a new release: from a chart folder of the workspace, a repository chart (REPO/CHART with version) or oci://. ' +
    'The preview is the API server\'s dry run of every rendered object. Waits for readiness and rolls back a failed install by default. Undo uninstalls it.',
  input: z.object({ ...deployFields, createNamespace: z.boolean().default(false).describe('Create the namespace when it does not exist') }).strict(),
  output: releaseOutput,
  inspect: ({ input, ctx, signal }) => renderedObjects(ctx, input, signal, false),
  risk: ({ input, ctx, facts }) => deployRisk('install', input.release, ctx.access(kubeKey).where(input).namespace, facts),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: ({ input, ctx }) => deployPreview(ctx, 'install', input),
  run: (args) => deploy('install', args),
  undo: ({ input, ctx, signal }) => uninstallForUndo(ctx, input, signal),
  idempotent: false,
  describeChange: (input) => `installed release ${input.release} from ${input.chart}`,
  examples: [
    { release: 'web', chart: 'charts/web', namespace: 'staging', set: { replicaCount: 2 } },
    { release: 'cache', chart: 'bitnami/redis', version: '19.6.4', values: ['values/redis.yaml'], namespace: 'staging' },
  ],
});

export const helmUpgrade = defineTool<DeployInput & Where & { valuesMode: 'reuse' | 'reset' }, ReleaseOutput, { revision: number | null }, RenderedFacts>({
  name: 'helm.upgrade',
  description:
    'Upgrade a release to a chart (new version or changed values). By default it keeps the values set before and applies the new ones on top; valuesMode "reset" starts from the chart\'s defaults. ' +
    'The preview diffs the server\'s dry run against the live objects, with the values and chart version changes at the top. A release stuck in a pending state is refused. Undo rolls back to the revision before.',
  input: z.object({ ...deployFields, valuesMode: z.enum(['reuse', 'reset']).default('reuse').describe('reuse: earlier user values stay, on the new chart\'s defaults; reset: only the values given now') }).strict(),
  output: releaseOutput,
  inspect: ({ input, ctx, signal }) => renderedObjects(ctx, input, signal, true),
  risk: ({ input, ctx, facts }) => deployRisk('upgrade', input.release, ctx.access(kubeKey).where(input).namespace, facts),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: ({ input, ctx }) => deployPreview(ctx, 'upgrade', input),
  snapshot: async ({ input, ctx }) => {
    const place = ctx.access(kubeKey).where(input);
    const history = await releaseHistory(ctx, place, input.release);
    return { revision: history.ok && history.output ? (lastDeployed(history.output)?.revision ?? null) : null };
  },
  run: (args) => deploy('upgrade', args),
  undo: ({ input, snapshot, ctx, signal }) => rollbackForUndo(ctx, input, snapshot.revision, signal),
  idempotent: false,
  describeChange: (input) => `upgraded release ${input.release} to ${input.chart}`,
  examples: [{ release: 'web', chart: 'charts/web', namespace: 'staging', set: { 'image.tag': '1.2.0' } }],
});

/** Undo of an install: the release goes, with its history (it did not exist before). */
async function uninstallForUndo(ctx: ToolContext, input: { release: string } & Where, signal: AbortSignal): Promise<ToolResult<null>> {
  const place = ctx.access(kubeKey).where(input);
  const result = await runHelm(ctx, ['uninstall', input.release, ...clusterFlags(place), '--wait', '--timeout', '120s'], { signal, timeoutMs: 180_000 });
  if (!result.ok && result.error.code !== 'NOT_FOUND') return result;
  return { ok: true, output: null };
}

/** Rolls a release back to the revision a step found current; the rollback itself is a new revision. */
export async function rollbackForUndo(ctx: ToolContext, input: { release: string } & Where, revision: number | null, signal: AbortSignal): Promise<ToolResult<null>> {
  if (revision === null) return toolFailure('NO_UNDO', `Release ${input.release} had no deployed revision before the step, so there is none to roll back to.`);
  const place = ctx.access(kubeKey).where(input);
  const result = await runHelm(ctx, ['rollback', input.release, String(revision), ...clusterFlags(place), '--wait', '--timeout', '300s'], { signal, timeoutMs: 360_000 });
  return result.ok ? { ok: true, output: null } : result;
}
