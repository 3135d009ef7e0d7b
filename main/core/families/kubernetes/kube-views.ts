import type { ResourceRow } from '../../../../preload/contract';
import { ageCell, type ResourceScope, type ResourceViewDefinition, type ScopeLevel } from '../../resources-view/resource-view';
import { kubeKey } from './kube-access';
import { resolveKind } from './kube-kinds';
import { kubeNamespaceDelete } from './kube-namespace-tools';
import { probeKubernetes } from './kube-probe';
import { configOf } from './kube-streaming';

// The clusters of the kubeconfig in the Resources pane, the way Lens and Headlamp show them: a
// context and a namespace (or all of them) chosen above the tables, every table listed through
// `kubernetes.list` (so the policy sees it), acted on through the same tools plans use, in the
// scope shown, and kept live by a watch of the listed kind in that scope.

/** The namespace choice that lists across every namespace. */
export const ALL_NAMESPACES = '*';
/** A burst of changes (a rollout replacing pods) reads the rows once. */
const WATCH_QUIET_MS = 300;

/** An item of `kubernetes.list`: `status` is `summarize`'s one line; `created` is used once the tool gives it. */
interface ListedItem {
  readonly name: string;
  readonly namespace: string | null;
  readonly status: string;
  readonly created?: string | number;
}
interface EventItem {
  readonly type: string;
  readonly reason: string;
  readonly object: string;
  readonly message: string;
  readonly count: number;
  readonly last: string | null;
  readonly key: string;
}
type Tone = ResourceRow['tone'];
type Cells = ResourceRow['cells'];

export const contextLevel: ScopeLevel = {
  id: 'context',
  label: 'Context',
  options: async ({ ctx }) => {
    const check = probeKubernetes(ctx.env);
    return check.contexts.map((context) => ({ id: context.name, label: context.name, default: context.name === check.currentContext }));
  },
};

export const namespaceLevel: ScopeLevel = {
  id: 'namespace',
  label: 'Namespace',
  options: async ({ ctx, chosen, read }) => {
    const own = probeKubernetes(ctx.env).contexts.find((context) => context.name === chosen.context)?.namespace ?? 'default';
    let names: string[];
    try {
      names = ((await read('kubernetes.list', { kind: 'Namespace', ...(chosen.context ? { context: chosen.context } : {}) })).items as ListedItem[]).map((item) => item.name);
    } catch {
      // Many users may not list namespaces (RBAC): their context's own namespace still works.
      names = [own];
    }
    return [{ id: ALL_NAMESPACES, label: 'All namespaces' }, ...names.map((name) => ({ id: name, label: name, default: name === own }))];
  },
};

/** The context and namespace of the scope as the tools take them (no namespace: every one, or the kind has none). */
export const placeInput = (scope: ResourceScope): { context?: string; namespace?: string } => ({
  ...(scope.context ? { context: scope.context } : {}),
  ...(scope.namespace && scope.namespace !== ALL_NAMESPACES ? { namespace: scope.namespace } : {}),
});
export const acrossNamespaces = (scope: ResourceScope): boolean => scope.namespace === ALL_NAMESPACES;

/** A row's key: its name within one namespace, `namespace/name` across all of them. */
export const rowKey = (item: ListedItem, scope: ResourceScope): string => (acrossNamespaces(scope) && item.namespace ? `${item.namespace}/${item.name}` : item.name);

/** Where a row's action acts: the namespace shown, or the one in its key across all of them; never elsewhere. */
export function rowPlace(key: string, scope: ResourceScope): { name: string; context?: string; namespace?: string } {
  const slash = key.indexOf('/');
  if (!acrossNamespaces(scope)) {
    if (slash >= 0) throw Object.assign(new Error(`"${key}" is not an object name in ${scope.namespace}: names have no "/".`), { code: 'BAD_REQUEST' });
    return { name: key, ...placeInput(scope) };
  }
  if (slash <= 0 || slash === key.length - 1 || key.indexOf('/', slash + 1) >= 0) throw Object.assign(new Error(`"${key}" is not NAMESPACE/NAME, as rows are keyed across every namespace.`), { code: 'BAD_REQUEST' });
  return { name: key.slice(slash + 1), ...placeInput(scope), namespace: key.slice(0, slash) };
}

/** Unix seconds of an object's creation: the tool's `created` once it gives one, else a summary `created <ISO>` line. */
export function createdAt(item: ListedItem): number | null {
  const text = item.created ?? /^created (\S+)$/.exec(item.status)?.[1];
  if (typeof text === 'number') return text > 1e11 ? Math.round(text / 1000) : text;
  return ageCell(text);
}

// `summarize` (kube-objects.ts) lines, read back into columns; kube-views.test.ts holds the two together.
export function podColumns(status: string): { phase: string; ready: string; restarts: number | null; node: string | null; tone: Tone } {
  const match = /^(\w+), (\d+)\/(\d+) ready, (\d+) restarts(?:, on (.+))?$/.exec(status);
  if (!match) return { phase: status || 'Unknown', ready: '', restarts: null, node: null, tone: 'warn' };
  const [, phase, ready, total, restarts, node] = match;
  const allReady = ready === total;
  const tone: Tone = phase === 'Running' ? (allReady ? 'ok' : 'warn') : phase === 'Pending' ? 'warn' : phase === 'Succeeded' ? 'idle' : 'bad';
  return { phase: phase!, ready: `${ready}/${total}`, restarts: Number(restarts), node: node ?? null, tone };
}

export function replicaColumns(status: string): { ready: string; upToDate: number | null; tone: Tone } {
  const match = /^(\d+)\/(\d+) ready(?:, (\d+) up to date)?$/.exec(status);
  if (!match) return { ready: status, upToDate: null, tone: 'warn' };
  const [ready, desired] = [Number(match[1]), Number(match[2])];
  return { ready: `${ready}/${desired}`, upToDate: match[3] === undefined ? null : Number(match[3]), tone: desired === 0 ? 'idle' : ready >= desired ? 'ok' : ready === 0 ? 'bad' : 'warn' };
}

export function jobColumns(status: string): { state: string; tone: Tone } {
  if (status.startsWith('complete')) return { state: status, tone: 'ok' };
  if (status.startsWith('failed')) return { state: status, tone: 'bad' };
  return { state: status, tone: 'warn' };
}

export function serviceColumns(status: string): { type: string; clusterIP: string | null; ports: string | null } {
  const [type, clusterIP, ports] = status.split(' ');
  return { type: type ?? '', clusterIP: clusterIP || null, ports: ports || null };
}

/** A Secret's type and how many keys it has: names are not shown, values never reach the view. */
export function secretColumns(status: string): { type: string; keys: number } {
  const at = status.lastIndexOf(', keys: ');
  if (at < 0) return { type: status, keys: 0 };
  const keys = status.slice(at + ', keys: '.length);
  return { type: status.slice(0, at), keys: keys === 'none' ? 0 : keys.split(', ').length };
}

/**
 * A watch of one kind in the scope shown (only objects with `labelSelector`, when given); `changed` at
 * most every WATCH_QUIET_MS, `ended` when the server or the network ends it. Only the fact of a
 * change is used, never the objects the events carry.
 */
export function watchOf(kind: string, resource: string, labelSelector?: string): NonNullable<ResourceViewDefinition['watch']> {
  return async (ctx, changed, ended, scope) => {
    const access = ctx.access(kubeKey);
    const place = access.where(placeInput(scope));
    if (place.problem) throw new Error(place.problem);
    const info = resolveKind(kind);
    const namespace = info.namespaced && !acrossNamespaces(scope) ? place.namespace : undefined;
    // From the collection's current version: only changes after the pane's list, not every object
    // again. The same clients (and so the same merged kubeconfig and credentials) as the tools'.
    const clients = await access.clients(place.context);
    const current = await clients.objects.list(info.apiVersion, info.kind, namespace, undefined, undefined, undefined, undefined, labelSelector, 1);
    const base = info.apiVersion === 'v1' ? '/api/v1' : `/apis/${info.apiVersion}`;
    const { Watch } = await import('@kubernetes/client-node');
    let quiet: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      if (quiet) clearTimeout(quiet);
    };
    const end = (): void => {
      if (stopped) return;
      stop();
      ended();
    };
    const controller = await new Watch(configOf(clients)).watch(
      `${base}${namespace ? `/namespaces/${namespace}` : ''}/${resource}`,
      { ...(labelSelector ? { labelSelector } : {}), resourceVersion: current.metadata?.resourceVersion, allowWatchBookmarks: true },
      (phase) => {
        if (phase === 'ERROR') return end(); // e.g. 410 Gone: the next list starts a new watch
        if (phase === 'BOOKMARK' || stopped) return;
        quiet ??= setTimeout(() => {
          quiet = null;
          changed();
        }, WATCH_QUIET_MS);
      },
      () => end(),
    );
    return () => {
      stop();
      controller.abort();
    };
  };
}

const nameColumns = [{ key: 'name', label: 'Name', kind: 'text' }, { key: 'namespace', label: 'Namespace', kind: 'text', acrossOnly: 'namespace' }] as const;
const ageColumn = { key: 'age', label: 'Age', kind: 'age' } as const;

/** A namespaced kind listed through `kubernetes.list`, deleted (and restarted, for workloads) through the family's tools. */
function namespaced(spec: { kind: string; resource: string; title: string; empty: string; columns: ResourceViewDefinition['columns']; cells: (item: ListedItem) => { cells: Cells; tone: Tone; live?: boolean }; restart?: boolean; logs?: boolean }): ResourceViewDefinition<ListedItem> {
  return {
    id: `kubernetes.${spec.resource}`,
    title: spec.title,
    columns: [...nameColumns, ...spec.columns, ageColumn],
    empty: spec.empty,
    scope: [contextLevel, namespaceLevel],
    list: { tool: 'kubernetes.list', input: (scope) => ({ kind: spec.kind, ...placeInput(scope), ...(acrossNamespaces(scope) ? { allNamespaces: true } : {}) }), rows: (output) => output.items as ListedItem[] },
    row: (item, scope) => {
      const { cells, tone, live } = spec.cells(item);
      return { key: rowKey(item, scope), cells: { name: item.name, namespace: item.namespace, ...cells, age: createdAt(item) }, tone, live };
    },
    actions: [
      ...(spec.restart ? [{ id: 'restart', label: 'Restart', tool: 'kubernetes.rollout.restart', bulk: true, input: (key: string, scope: ResourceScope) => ({ kind: spec.kind, ...rowPlace(key, scope) }) }] : []),
      { id: 'remove', label: 'Delete', tool: 'kubernetes.delete', bulk: true, input: (key, scope) => ({ kind: spec.kind, ...rowPlace(key, scope) }) },
    ],
    ...(spec.logs
      ? {
          reads: {
            logs: { tool: 'kubernetes.logs', input: (key: string, scope: ResourceScope) => ({ ...rowPlace(key, scope), tailLines: 200 }) },
            // Pods' CPU and memory, polled while the detail is open (kube-pod-metrics.ts).
            stats: { tool: 'kubernetes.pod.metrics', input: (key: string, scope: ResourceScope) => rowPlace(key, scope) },
          },
          detail: { kind: 'logs-and-stats' as const, logs: 'logs', stats: 'stats' },
        }
      : {}),
    watch: watchOf(spec.kind, spec.resource),
  };
}

const workload = (kind: string, resource: string, title: string, restart: boolean): ResourceViewDefinition<ListedItem> =>
  namespaced({
    kind,
    resource,
    title,
    restart,
    empty: `No ${title.toLowerCase()} here. Apply a manifest (ask the agent, or \`reign kube apply -f FILE\`), or choose another namespace above.`,
    columns: [{ key: 'ready', label: 'Ready', kind: 'status' }, ...(kind === 'DaemonSet' ? [] : [{ key: 'upToDate', label: 'Up to date', kind: 'number' } as const])],
    cells: (item) => {
      const { ready, upToDate, tone } = replicaColumns(item.status);
      return { cells: { ready, upToDate }, tone };
    },
  });

const namespaces: ResourceViewDefinition<ListedItem> = {
  id: 'kubernetes.namespaces',
  title: 'Namespaces',
  columns: [{ key: 'name', label: 'Name', kind: 'text' }, { key: 'status', label: 'Status', kind: 'status' }, ageColumn],
  empty: 'This context lists no namespaces (its user may not be allowed to). Choose another context above.',
  scope: [contextLevel],
  list: { tool: 'kubernetes.list', input: (scope) => ({ kind: 'Namespace', ...placeInput(scope) }), rows: (output) => output.items as ListedItem[] },
  row: (item) => ({ key: item.name, cells: { name: item.name, status: item.status, age: createdAt(item) }, tone: item.status === 'Active' ? 'ok' : 'warn' }),
  // The namespace tool: its target is the namespace itself (a rule or production mark on it applies),
  // its preview counts what goes with it, and it refuses the cluster's own, which are not offered.
  actions: [{ id: 'remove', label: 'Delete', tool: 'kubernetes.namespace.delete', when: (item) => kubeNamespaceDelete.input.safeParse({ name: item.name }).success, input: (key, scope) => ({ name: key, ...placeInput(scope) }) }],
  watch: watchOf('Namespace', 'namespaces'),
};

const events: ResourceViewDefinition<EventItem> = {
  id: 'kubernetes.events',
  title: 'Events',
  columns: [
    { key: 'message', label: 'Message', kind: 'text' },
    { key: 'type', label: 'Type', kind: 'status' },
    { key: 'reason', label: 'Reason', kind: 'text' },
    { key: 'object', label: 'Object', kind: 'text' },
    { key: 'count', label: 'Count', kind: 'number' },
    { key: 'last', label: 'Last seen', kind: 'age' },
  ],
  sort: { key: 'last', direction: 'desc' },
  empty: 'No events in this namespace lately (the API server keeps them about an hour).',
  scope: [contextLevel, namespaceLevel],
  list: {
    tool: 'kubernetes.events',
    input: (scope) => {
      if (acrossNamespaces(scope)) throw new Error('Events are read one namespace at a time: choose a namespace above.');
      return placeInput(scope);
    },
    // Events have no name in the tool's output: the key is what, why and when, unique within the list.
    rows: (output) => (output.events as Omit<EventItem, 'key'>[]).map((event, index) => ({ ...event, key: `${event.object} ${event.reason} ${event.last ?? ''} #${index}` })),
  },
  row: (item) => ({ key: item.key, cells: { message: item.message, type: item.type, reason: item.reason, object: item.object, count: item.count, last: ageCell(item.last) }, tone: item.type === 'Warning' ? 'warn' : 'ok' }),
  watch: watchOf('Event', 'events'),
};

export const kubernetesViews: ResourceViewDefinition<any>[] = [
  namespaces,
  workload('Deployment', 'deployments', 'Deployments', true),
  workload('StatefulSet', 'statefulsets', 'StatefulSets', true),
  workload('DaemonSet', 'daemonsets', 'DaemonSets', true),
  namespaced({
    kind: 'Job',
    resource: 'jobs',
    title: 'Jobs',
    empty: 'No jobs here. Jobs run a task to completion; CronJobs make them on a schedule.',
    columns: [{ key: 'state', label: 'Status', kind: 'status' }],
    cells: (item) => {
      const { state, tone } = jobColumns(item.status);
      return { cells: { state }, tone };
    },
  }),
  namespaced({
    kind: 'Pod',
    resource: 'pods',
    title: 'Pods',
    logs: true,
    empty: 'No pods here. Workloads (Deployments, Jobs…) make them; or choose another namespace above.',
    columns: [
      { key: 'phase', label: 'Status', kind: 'status' },
      { key: 'ready', label: 'Ready', kind: 'text' },
      { key: 'restarts', label: 'Restarts', kind: 'number' },
      { key: 'node', label: 'Node', kind: 'text' },
    ],
    cells: (item) => {
      const { phase, ready, restarts, node, tone } = podColumns(item.status);
      // A pod that has started has logs; a pending one has none yet.
      return { cells: { phase, ready, restarts, node }, tone, live: phase !== 'Pending' };
    },
  }),
  namespaced({
    kind: 'Service',
    resource: 'services',
    title: 'Services',
    empty: 'No services here. A Service gives pods one stable address.',
    columns: [
      { key: 'type', label: 'Type', kind: 'text' },
      { key: 'clusterIP', label: 'Cluster IP', kind: 'text' },
      { key: 'ports', label: 'Ports', kind: 'text' },
    ],
    cells: (item) => ({ cells: serviceColumns(item.status), tone: 'idle' }),
  }),
  namespaced({ kind: 'ConfigMap', resource: 'configmaps', title: 'ConfigMaps', empty: 'No config maps here.', columns: [], cells: () => ({ cells: {}, tone: 'idle' }) }),
  namespaced({
    kind: 'Secret',
    resource: 'secrets',
    title: 'Secrets',
    empty: 'No secrets here. Values are never shown: only each secret\'s type and how many keys it has.',
    columns: [
      { key: 'type', label: 'Type', kind: 'text' },
      { key: 'keys', label: 'Keys', kind: 'number' },
    ],
    cells: (item) => ({ cells: secretColumns(item.status), tone: 'idle' }),
  }),
  events,
];
