import type { KubeClients } from './kube-access';
import { groupRoot, kubeRequest } from './kube-raw';

interface Discovery {
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

/** Every kind the cluster serves that lives in namespaces and that a namespace deletion removes (listable, deletable), once each. */
async function namespacedKinds(clients: KubeClients): Promise<{ kind: string; collection: (namespace: string) => string }[]> {
  const groups = await kubeRequest<{ groups: { preferredVersion: { groupVersion: string } }[] }>(clients, 'GET', '/apis');
  const versions = ['v1', ...groups.groups.map((group) => group.preferredVersion.groupVersion)];
  // An aggregated API that is down answers with an error: its kinds are left out, not the whole count.
  const documents = await Promise.all(versions.map(async (version) => ({ version, discovery: await kubeRequest<Discovery>(clients, 'GET', groupRoot(version)).catch(() => null) })));
  const seen = new Set<string>();
  const kinds: { kind: string; collection: (namespace: string) => string }[] = [];
  for (const { version, discovery } of documents) {
    for (const resource of discovery?.resources ?? []) {
      // events.k8s.io Events are the core Events again: count a kind once.
      if (!resource.namespaced || resource.name.includes('/') || !resource.verbs?.includes('list') || !resource.verbs.includes('delete') || seen.has(resource.kind)) continue;
      seen.add(resource.kind);
      kinds.push({ kind: resource.kind, collection: (namespace) => `${groupRoot(version)}/namespaces/${encodeURIComponent(namespace)}/${resource.name}` });
    }
  }
  return kinds;
}

export interface NamespaceContents {
  /** Objects by kind, only kinds it has; a count ending in `+` is at least that many. */
  readonly counts: Record<string, string>;
  readonly total: number;
  /** Kinds the user may not list here, so their count is unknown. */
  readonly unreadable: string[];
}

/** What deleting a namespace would delete, by kind (one short list request per kind). */
export async function namespaceContents(clients: KubeClients, namespace: string): Promise<NamespaceContents> {
  const kinds = await namespacedKinds(clients);
  const counted = await Promise.all(
    kinds.map(async ({ kind, collection }) => {
      try {
        const list = await kubeRequest<{ items: unknown[]; metadata?: { remainingItemCount?: number; continue?: string } }>(clients, 'GET', collection(namespace), { query: { limit: '500' } });
        const count = list.items.length + (list.metadata?.remainingItemCount ?? 0);
        return { kind, count, more: Boolean(list.metadata?.continue) && list.metadata?.remainingItemCount === undefined };
      } catch {
        return { kind, count: -1, more: false };
      }
    }),
  );
  const counts: Record<string, string> = {};
  for (const { kind, count, more } of counted.filter((entry) => entry.count > 0).sort((a, b) => a.kind.localeCompare(b.kind))) counts[kind] = `${count}${more ? '+' : ''}`;
  return { counts, total: counted.reduce((sum, entry) => sum + Math.max(0, entry.count), 0), unreadable: counted.filter((entry) => entry.count < 0).map((entry) => entry.kind) };
}
