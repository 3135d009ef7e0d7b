import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { clusterFlags } from './helm-args';
import { runHelmJson } from './helm-exec';

/** One revision of a release, as `helm history` reports it. */
export interface Revision {
  readonly revision: number;
  readonly updated: string;
  readonly status: string;
  readonly chart: string;
  readonly appVersion: string;
  readonly description: string;
}

type Place = { readonly context: string; readonly namespace: string };

/** The release's revisions, oldest first; null when there is no such release in the namespace. */
export async function releaseHistory(ctx: ToolContext, place: Place, release: string, signal?: AbortSignal): Promise<ToolResult<Revision[] | null>> {
  const result = await runHelmJson<{ revision: number; updated: string; status: string; chart: string; app_version: string; description: string }[]>(ctx, ['history', release, '--max', '256', '-o', 'json', ...clusterFlags(place)], { signal });
  if (!result.ok) return result.error.code === 'NOT_FOUND' ? { ok: true, output: null } : result;
  return { ok: true, output: (result.output ?? []).map((entry) => ({ revision: entry.revision, updated: entry.updated, status: entry.status, chart: entry.chart, appVersion: entry.app_version, description: entry.description })).sort((a, b) => a.revision - b.revision) };
}

export const isPending = (status: string): boolean => status.startsWith('pending-');

/** The newest revision that was deployed (or superseded by a later deployment): what a rollback can return to. */
export function lastDeployed(history: readonly Revision[], before = Infinity): Revision | null {
  return [...history].reverse().find((revision) => revision.revision < before && (revision.status === 'deployed' || revision.status === 'superseded')) ?? null;
}

/**
 * What to do about a release an interrupted helm left in pending-install, pending-upgrade or
 * pending-rollback: helm refuses every new operation on it, so retrying is never the answer.
 * Null when the release is not stuck.
 */
export function stuckAdvice(release: string, history: readonly Revision[]): string | null {
  const current = history.at(-1);
  if (!current || !isPending(current.status)) return null;
  const deployed = lastDeployed(history, current.revision);
  const what = `Release ${release} is stuck in ${current.status} (revision ${current.revision}): an earlier helm operation was interrupted, and helm refuses new installs, upgrades and rollbacks of it until that is resolved.`;
  if (deployed) return `${what} Roll it back to revision ${deployed.revision}, the last deployed one (helm.rollback with revision ${deployed.revision}), or uninstall it (helm.uninstall).`;
  return `${what} No revision of it was ever deployed: uninstall it (helm.uninstall), then install it again.`;
}

/**
 * Why an install or upgrade of this release must not be attempted, from its history (null when it
 * may): a stuck release, an install over an existing one, an upgrade of one that is not there.
 */
export function deployRefusal(verb: 'install' | 'upgrade', release: string, namespace: string, history: readonly Revision[] | null): string | null {
  const current = history?.at(-1);
  if (current && isPending(current.status)) return stuckAdvice(release, history!);
  if (verb === 'install') {
    if (!current) return null;
    if (current.status === 'uninstalled') return `Release ${release} in ${namespace} was uninstalled with its history kept; restore it with helm.rollback (revision ${current.revision}), or uninstall it for good (helm.uninstall with keepHistory false) before installing again.`;
    return `Release ${release} already exists in ${namespace} (revision ${current.revision}, ${current.status}); change it with helm.upgrade.`;
  }
  if (!current) return `There is no release ${release} in ${namespace}; install it with helm.install.`;
  if (current.status === 'uninstalled') return `Release ${release} in ${namespace} is uninstalled (its history is kept); restore it with helm.rollback (revision ${current.revision}) before upgrading it.`;
  return null;
}
