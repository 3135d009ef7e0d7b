import type { ResourceRow } from '../../../../preload/contract';
import type { ResourceScope, ResourceViewDefinition } from '../../resources-view/resource-view';
import { acrossNamespaces, contextLevel, namespaceLevel, placeInput, rowKey, rowPlace, watchOf } from '../kubernetes/kube-views';

// Helm releases in the Resources pane, in the same context and namespace (or every namespace) as
// the Kubernetes views, listed through `helm.list` (so the policy sees it), rolled back and
// uninstalled through the tools plans use, and kept live by a watch on the Secrets in which helm
// keeps each revision of a release.

/** A release as `helm.list` gives it. */
export interface ListedRelease {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly status: string;
  readonly chart: string;
  readonly appVersion: string;
  readonly updated: string;
  readonly attention: string | null;
}
type Tone = ResourceRow['tone'];

/** The label helm puts on the Secret of every revision it stores (storage driver `secret`, helm's default). */
const HELM_RELEASE_SECRETS = 'owner=helm';

/** A release's badge: deployed is healthy, failed is not, pending-* is an operation in flight (or stuck), older revisions and kept histories are at rest. */
export function releaseTone(status: string): Tone {
  if (status === 'deployed') return 'ok';
  if (status === 'failed') return 'bad';
  if (status === 'superseded' || status === 'uninstalled') return 'idle';
  // pending-install, pending-upgrade, pending-rollback, uninstalling, unknown: someone should look.
  return 'warn';
}

/**
 * Unix seconds of `helm list`'s `updated`, which is Go's default time format
 * (`2025-01-02 03:04:05.123456789 +0000 UTC`, in helm's local zone), not one Date.parse reads;
 * RFC 3339 (`helm history`'s) is read too. Null when it is neither.
 */
export function updatedAt(updated: string): number | null {
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))? ([+-]\d{2})(\d{2})\b/.exec(updated.trim());
  const text = go ? `${go[1]}T${go[2]}${go[3] ? `.${go[3].slice(0, 3).padEnd(3, '0')}` : ''}${go[4]}:${go[5]}` : updated;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : Math.round(parsed / 1000);
}

/** Where a row's release is: its name and namespace in the scope it was shown in (never elsewhere, see rowPlace). */
function releasePlace(key: string, scope: ResourceScope): { release: string; context?: string; namespace?: string } {
  const { name, ...where } = rowPlace(key, scope);
  return { release: name, ...where };
}

/** helm's release Secrets in the scope shown: a change to any of them is a change to the releases. */
export const watchReleases = watchOf('Secret', 'secrets', HELM_RELEASE_SECRETS);

export const helmReleasesView: ResourceViewDefinition<ListedRelease> = {
  id: 'helm.releases',
  title: 'Releases',
  columns: [
    { key: 'name', label: 'Name', kind: 'text' },
    { key: 'namespace', label: 'Namespace', kind: 'text', acrossOnly: 'namespace' },
    { key: 'revision', label: 'Revision', kind: 'number' },
    { key: 'status', label: 'Status', kind: 'status' },
    { key: 'chart', label: 'Chart', kind: 'text' },
    { key: 'appVersion', label: 'App version', kind: 'text' },
    { key: 'updated', label: 'Updated', kind: 'age' },
    // Failed, stuck and uninstalled releases say what to do (helm.list's advice); healthy ones leave it empty.
    { key: 'attention', label: 'Attention', kind: 'text' },
  ],
  empty: 'No Helm releases here. Install a chart (ask the agent, or `reign helm install RELEASE CHART`), or choose another namespace above.',
  // The Kubernetes views' levels: the same contexts of the kubeconfig and the same namespaces.
  scope: [contextLevel, namespaceLevel],
  list: {
    tool: 'helm.list',
    input: (scope) => ({ ...placeInput(scope), ...(acrossNamespaces(scope) ? { allNamespaces: true } : {}) }),
    rows: (output) => output.releases as ListedRelease[],
  },
  row: (item, scope) => ({
    key: rowKey(item, scope),
    cells: { name: item.name, namespace: item.namespace, revision: item.revision, status: item.status, chart: item.chart, appVersion: item.appVersion, updated: updatedAt(item.updated), attention: item.attention },
    tone: releaseTone(item.status),
  }),
  actions: [
    {
      id: 'rollback',
      label: 'Roll back',
      tool: 'helm.rollback',
      // The tool's default target: the deployed revision before the newest. A first revision has
      // none; an uninstalled release's would be the one before what was uninstalled, not it.
      when: (item) => item.revision > 1 && item.status !== 'uninstalled',
      input: (key, scope) => releasePlace(key, scope),
    },
    {
      // `remove`: the table styles it as the dangerous one and the Delete key offers it (approval still asked).
      id: 'remove',
      label: 'Uninstall',
      tool: 'helm.uninstall',
      // Already uninstalled with its history kept: the tool would refuse it.
      when: (item) => item.status !== 'uninstalled',
      input: (key, scope) => releasePlace(key, scope),
    },
  ],
  // The revisions to roll back to, for `resources.read`. No detail panel shows it yet: the contract's
  // detail kinds are logs and logs-and-stats, whose panels render a text field this output has not.
  reads: { history: { tool: 'helm.history', input: (key, scope) => releasePlace(key, scope) } },
  watch: watchReleases,
};

export const helmViews: ResourceViewDefinition<any>[] = [helmReleasesView];
