import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineTool, type Preview, toolFailure } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { clusterFlags, releaseName, whereFields } from './helm-args';
import { chartLabel, currentRelease } from './helm-deploy';
import { rollbackForUndo } from './helm-deploy-tools';
import { runHelm } from './helm-exec';
import { recordedObjects } from './helm-manifests';
import { lastDeployed, releaseHistory, type Revision } from './helm-release-state';
import { objectOrder, releaseDocument, serverDiff } from './helm-server-diff';
import { maskValues, valuesChanges } from './helm-values';

type Where = { context?: string; namespace?: string };
const text = (value: string): Preview => ({ kind: 'text', text: value });

/** Which revision a rollback goes to: the one asked for, or else the deployed one before the newest revision. */
function rollbackTarget(history: readonly Revision[], revision: number | undefined): Revision | string {
  const latest = history.at(-1)!;
  if (revision !== undefined) return history.find((entry) => entry.revision === revision) ?? `revision ${revision} is not in the history (it has ${history.map((entry) => entry.revision).join(', ')})`;
  return lastDeployed(history, latest.revision) ?? `no revision before ${latest.revision} was ever deployed`;
}

export const helmRollback = defineTool<{ release: string; revision?: number; timeoutSeconds: number } & Where, { release: string; revision: number; restored: number }, { revision: number | null }, undefined>({
  name: 'helm.rollback',
  description: 'Roll a release back to an earlier revision (default: the deployed one before the newest), as a new revision; also the way out of a release stuck in pending-upgrade or pending-rollback. Undo rolls back to the revision that was deployed.',
  input: z.object({ release: releaseName, revision: z.number().int().min(1).optional().describe('The revision to return to (see helm.history)'), timeoutSeconds: z.number().int().min(10).max(3600).default(300), ...whereFields }).strict(),
  output: z.object({ release: z.string(), revision: z.number(), restored: z.number() }),
  risk: ({ input, ctx }) => {
    const namespace = ctx.access(kubeKey).where(input).namespace;
    return combine([assess('write', `rolls release ${input.release} in ${namespace} back${input.revision ? ` to revision ${input.revision}` : ''}`), ...(namespace === 'kube-system' ? [assess('destructive', `changes release ${input.release} in kube-system, the cluster's own components`)] : [])]);
  },
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input, ctx }) => {
    const place = ctx.access(kubeKey).where(input);
    if (place.problem) return text(`Cannot preview the rollback: ${place.problem}`);
    const history = await releaseHistory(ctx, place, input.release);
    if (!history.ok) return text(`Cannot read release ${input.release}: ${history.error.message}`);
    if (!history.output) return text(`There is no release ${input.release} in ${place.namespace}; the step would fail.`);
    const target = rollbackTarget(history.output, input.revision);
    if (typeof target === 'string') return text(`Release ${input.release} cannot be rolled back: ${target}.`);
    const [now, then] = await Promise.all([currentRelease(ctx, place, input.release), currentRelease(ctx, place, input.release, target.revision)]);
    if (!now.ok) return text(`Cannot read release ${input.release}: ${now.error.message}`);
    if (!then.ok) return text(`Cannot read revision ${target.revision} of ${input.release}: ${then.error.message}`);
    const latest = history.output.at(-1)!;
    const header = [
      `helm rollback ${input.release} in ${place.context}/${place.namespace}: revision ${latest.revision} (${latest.status}) → a new revision with the chart and values of revision ${target.revision}`,
      `Chart: ${chartLabel(now.output.chart, now.output.chartVersion, now.output.appVersion)} → ${chartLabel(then.output.chart, then.output.chartVersion, then.output.appVersion)}`,
      `Values changed: ${valuesChanges(now.output.values, then.output.values).join('; ') || 'none'}`,
      'Manifests as helm recorded them for each revision. Undo rolls back to the revision deployed now.',
    ];
    const before = recordedObjects(now.output.manifest, place.namespace);
    const after = recordedObjects(then.output.manifest, place.namespace);
    const order = objectOrder({ before, after, refusals: [], foreign: [] });
    return { kind: 'file', path: `release ${input.release} (revision ${latest.revision} → ${target.revision}).yaml`, before: releaseDocument(header, maskValues(now.output.values), before, order), after: releaseDocument(header, maskValues(then.output.values), after, order) };
  },
  snapshot: async ({ input, ctx }) => {
    const history = await releaseHistory(ctx, ctx.access(kubeKey).where(input), input.release);
    return { revision: history.ok && history.output ? (history.output.findLast((entry) => entry.status === 'deployed')?.revision ?? null) : null };
  },
  run: async ({ input, ctx, signal, log }) => {
    const place = ctx.access(kubeKey).where(input);
    if (place.problem) return toolFailure('KUBERNETES_UNAVAILABLE', place.problem);
    const history = await releaseHistory(ctx, place, input.release, signal);
    if (!history.ok) return history;
    if (!history.output) return toolFailure('NOT_FOUND', `There is no release ${input.release} in ${place.namespace}.`);
    const target = rollbackTarget(history.output, input.revision);
    if (typeof target === 'string') return toolFailure('NO_SUCH_REVISION', `Release ${input.release} cannot be rolled back: ${target}.`);
    const result = await runHelm(ctx, ['rollback', input.release, String(target.revision), ...clusterFlags(place), '--wait', '--timeout', `${input.timeoutSeconds}s`], { signal, onStderr: (chunk) => log('stderr', chunk), timeoutMs: (input.timeoutSeconds + 60) * 1000 });
    if (!result.ok) return result;
    const after = await releaseHistory(ctx, place, input.release, signal);
    const revision = after.ok ? (after.output?.at(-1)?.revision ?? 0) : 0;
    log('info', `rolled ${input.release} back to revision ${target.revision} (now revision ${revision})\n`);
    return { ok: true, output: { release: input.release, revision, restored: target.revision } };
  },
  undo: ({ input, snapshot, ctx, signal }) => rollbackForUndo(ctx, input, snapshot.revision, signal),
  idempotent: false,
  describeChange: (input) => `rolled release ${input.release} back${input.revision ? ` to revision ${input.revision}` : ''}`,
  examples: [{ release: 'web', revision: 1, namespace: 'staging' }],
});

export const helmUninstall = defineTool<{ release: string; keepHistory: boolean; timeoutSeconds: number } & Where, { release: string; keptHistory: boolean }, { revision: number | null; keptHistory: boolean }, undefined>({
  name: 'helm.uninstall',
  description: 'Uninstall a release: every object it made is deleted. Its history is kept by default (--keep-history), so undo can restore it with a rollback; with keepHistory false it cannot be restored.',
  input: z.object({ release: releaseName, keepHistory: z.boolean().default(true).describe('Keep the release history so it can be restored (undo)'), timeoutSeconds: z.number().int().min(10).max(3600).default(300), ...whereFields }).strict(),
  output: z.object({ release: z.string(), keptHistory: z.boolean() }),
  risk: ({ input, ctx }) => {
    const namespace = ctx.access(kubeKey).where(input).namespace;
    const history = input.keepHistory ? '' : '; its history goes too, so it cannot be restored';
    if (namespace === 'kube-system') return assess('critical', `uninstalls release ${input.release} from kube-system, the cluster's own components${history}`);
    return assess('destructive', `uninstalls release ${input.release} in ${namespace}: deletes every object it made${history}`);
  },
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    if (place.problem) return text(`Cannot preview the uninstall: ${place.problem}`);
    const release = await currentRelease(ctx, place, input.release);
    if (!release.ok) return text(`Cannot read release ${input.release} in ${place.namespace}, so the step would fail: ${release.error.message}`);
    if (release.output.status === 'uninstalled') return text(`Release ${input.release} is already uninstalled (history kept); the step would fail. Restore it with helm.rollback, or uninstall with keepHistory false to forget it.`);
    const header = [`helm uninstall ${input.release} from ${place.context}/${place.namespace}: ${chartLabel(release.output.chart, release.output.chartVersion, release.output.appVersion)}, revision ${release.output.revision}`];
    if (!input.keepHistory) return text(`${header[0]}\nDeletes: ${[...recordedObjects(release.output.manifest, place.namespace).keys()].join(', ') || 'no objects'}\nIts history is deleted too: this cannot be undone.`);
    try {
      const diff = await serverDiff(await access.clients(place.context), input.release, place.namespace, '', release.output.manifest);
      header.push('Every live object below is deleted. The history is kept: undo restores the release with a rollback to this revision.');
      return { kind: 'file', path: `release ${input.release} (uninstalled, history kept).yaml`, before: releaseDocument(header, maskValues(release.output.values), diff.before, objectOrder(diff)), after: null };
    } catch (error) {
      return text(`${header[0]}\nCannot read its live objects: ${(error as Error).message}`);
    }
  },
  snapshot: async ({ input, ctx }) => {
    const history = await releaseHistory(ctx, ctx.access(kubeKey).where(input), input.release);
    return { revision: history.ok && history.output ? (history.output.at(-1)?.revision ?? null) : null, keptHistory: input.keepHistory };
  },
  run: async ({ input, ctx, signal, log }) => {
    const place = ctx.access(kubeKey).where(input);
    if (place.problem) return toolFailure('KUBERNETES_UNAVAILABLE', place.problem);
    const args = ['uninstall', input.release, ...clusterFlags(place), '--wait', '--timeout', `${input.timeoutSeconds}s`, ...(input.keepHistory ? ['--keep-history'] : [])];
    const result = await runHelm(ctx, args, { signal, onStderr: (chunk) => log('stderr', chunk), timeoutMs: (input.timeoutSeconds + 60) * 1000 });
    if (!result.ok) return result;
    log('info', `uninstalled ${input.release}${input.keepHistory ? ' (history kept)' : ''}\n`);
    return { ok: true, output: { release: input.release, keptHistory: input.keepHistory } };
  },
  undo: ({ input, snapshot, ctx, signal }) =>
    snapshot.keptHistory
      ? rollbackForUndo(ctx, input, snapshot.revision, signal)
      : Promise.resolve(toolFailure('NO_UNDO', `Release ${input.release} was uninstalled without its history, which helm cannot restore; install it again with helm.install.`)),
  idempotent: false,
  describeChange: (input) => `uninstalled release ${input.release}${input.keepHistory ? ' (history kept)' : ''}`,
  examples: [{ release: 'web', namespace: 'staging' }, { release: 'old', namespace: 'staging', keepHistory: false }],
});

export const helmReleaseTools = [helmRollback, helmUninstall];
