import type { KubeConfig } from '@kubernetes/client-node';
import type { ToolContext } from '../../tools/tool-definition';
import { type KubeAccess, type KubeClients, kubeKey } from './kube-access';
import { builtInKind, type KindInfo } from './kube-kinds';
import { configOf } from './kube-streaming';

/** One resource the API server serves, with every name a person may call it by. */
export interface DiscoveredKind extends KindInfo {
  readonly group: string;
  /** `widgets`: the name in the URL (and what `kubectl get widgets` takes). */
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
}

/**
 * The kind a person means (`Widget`, `widgets`, `widget`, `wg`, or `widgets.reign.test` to name
 * the group too) among the resources a server serves; null when none is called that. With an
 * apiVersion, only that group's resources count, and the apiVersion given is kept.
 */
export function matchKind(resources: readonly DiscoveredKind[], kind: string, apiVersion?: string): DiscoveredKind | null {
  const lower = kind.toLowerCase();
  const named = (resource: DiscoveredKind, name: string) => [resource.kind.toLowerCase(), resource.plural, resource.singular, ...resource.shortNames].includes(name);
  const groupOf = (version: string) => (version.includes('/') ? version.slice(0, version.lastIndexOf('/')) : '');
  // Servers list groups by priority (built-in first), as kubectl resolves them.
  const found = apiVersion
    ? resources.find((resource) => resource.group === groupOf(apiVersion) && named(resource, lower))
    : (resources.find((resource) => named(resource, lower)) ??
      resources.find((resource) => lower.includes('.') && resource.group !== '' && lower === `${resource.plural}.${resource.group}`) ??
      resources.find((resource) => lower.includes('.') && resource.group !== '' && (lower === `${resource.singular}.${resource.group}` || lower === `${resource.kind.toLowerCase()}.${resource.group}`)));
  return found ? { ...found, ...(apiVersion ? { apiVersion } : {}) } : null;
}

/**
 * Every resource a cluster serves, at each group's preferred version (`/api/v1` and `/apis/*`).
 * A group version that does not answer (an aggregated API whose server is down) is left out, as
 * kubectl leaves it out, rather than making every other kind unknown.
 */
export async function discoverKinds(config: KubeConfig): Promise<DiscoveredKind[]> {
  const { ApisApi, CoreV1Api, CustomObjectsApi } = await import('@kubernetes/client-node');
  const groups = await config.makeApiClient(ApisApi).getAPIVersions();
  const custom = config.makeApiClient(CustomObjectsApi);
  const lists = await Promise.all([
    config.makeApiClient(CoreV1Api).getAPIResources().then((list) => ({ group: '', version: 'v1', list })),
    ...groups.groups.map((group) => {
      const version = group.preferredVersion?.version ?? group.versions[0]?.version ?? '';
      return custom.getAPIResources({ group: group.name, version }).then((list) => ({ group: group.name, version, list }), () => null);
    }),
  ]);
  return lists.flatMap((entry) =>
    !entry
      ? []
      : entry.list.resources
          .filter((resource) => !resource.name.includes('/')) // subresources: pods/log, deployments/scale
          .map((resource) => ({
            kind: resource.kind,
            apiVersion: entry.group ? `${entry.group}/${entry.version}` : entry.version,
            namespaced: resource.namespaced,
            group: entry.group,
            plural: resource.name,
            singular: resource.singularName || resource.kind.toLowerCase(),
            shortNames: resource.shortNames ?? [],
          })),
  );
}

// What each access (one per tool context) has discovered, per context: one discovery per cluster
// for the life of the access, not one per step. Keyed by the access, so it goes when the access goes.
const discovered = new WeakMap<KubeAccess, Map<string, Promise<DiscoveredKind[]>>>();

/**
 * Resolves a kind as a person writes it: built-in kinds from the table, any other (a CRD, an
 * aggregated API) from the cluster's discovery. A name discovery does not know is looked up once
 * more (a CRD created since), then fails naming what to do.
 */
export async function resolveKindLive(ctx: ToolContext, where: { context?: string; namespace?: string }, clients: KubeClients, kind: string, apiVersion?: string): Promise<KindInfo> {
  const known = builtInKind(kind, apiVersion);
  if (known) return known;
  const access = ctx.access(kubeKey);
  const { context } = access.where(where);
  const perContext = discovered.get(access) ?? new Map<string, Promise<DiscoveredKind[]>>();
  discovered.set(access, perContext);
  const load = (): Promise<DiscoveredKind[]> => {
    const loading = discoverKinds(configOf(clients));
    perContext.set(context, loading);
    loading.catch(() => perContext.get(context) === loading && perContext.delete(context)); // a failed discovery is tried again next time
    return loading;
  };
  const cached = perContext.get(context);
  const match = matchKind(await (cached ?? load()), kind, apiVersion) ?? (cached ? matchKind(await load(), kind, apiVersion) : null);
  if (match) return { kind: match.kind, apiVersion: match.apiVersion, namespaced: match.namespaced };
  throw Object.assign(
    new Error(
      apiVersion
        ? `the cluster serves no kind "${kind}" in ${apiVersion} (check the spelling, or list what it has: kubernetes.list with kind "crd")`
        : `"${kind}" is neither a built-in kind nor one the cluster serves (checked its API discovery, CRDs included): check the spelling, or list its custom resources with kubernetes.list kind "crd"`,
    ),
    { code: 'UNKNOWN_KIND' },
  );
}

/** How long a step's classification waits for discovery before its target falls back to the namespace. */
const SCOPE_WAIT_MS = 5_000;

/**
 * Whether a kind that is not built in is namespaced (for a step's target), from discovery; null
 * when it is built in (the table knows), or cannot be known now. Never throws: an unknown kind
 * fails when the step runs, saying what to do.
 */
export async function discoveredScope(ctx: ToolContext, input: { context?: string; namespace?: string; kind?: string; apiVersion?: string }): Promise<boolean | null> {
  if (input.kind === undefined || builtInKind(input.kind, input.apiVersion)) return null;
  const access = ctx.access(kubeKey);
  const place = access.where(input);
  if (place.problem) return null;
  const kind = input.kind;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SCOPE_WAIT_MS)));
  const scope = access
    .clients(place.context)
    .then((clients) => resolveKindLive(ctx, input, clients, kind, input.apiVersion))
    .then((info) => info.namespaced, () => null);
  return Promise.race([scope, gaveUp]).finally(() => clearTimeout(timer));
}
