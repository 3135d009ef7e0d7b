import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeClients } from './kube-access';
import { resolveKind } from './kube-kinds';
import { withoutServerNoise } from './kube-objects';
import { readOrNull, resourceOf } from './kube-raw';

/** One object of a manifest, with where it goes. */
export interface ManifestObject {
  readonly object: KubernetesObject;
  readonly kind: string;
  readonly name: string;
  /** Null for cluster-scoped kinds. */
  readonly namespace: string | null;
}

/** The objects of a YAML manifest (several documents allowed), each placed in `namespace` unless it names its own. Throws naming the bad document. */
export function parseManifest(text: string, namespace: string): ManifestObject[] {
  const documents = parseAllDocuments(text, { logLevel: 'error' }); // a template's {{ }} is reported as a refusal, not a process warning
  const objects: ManifestObject[] = [];
  documents.forEach((document, index) => {
    if (document.errors.length) throw Object.assign(new Error(`document ${index + 1} of the manifest is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`), { code: 'INVALID_MANIFEST' });
    const value = document.toJS() as KubernetesObject | null;
    if (value === null) return;
    if (!value.apiVersion || !value.kind || !value.metadata?.name) throw Object.assign(new Error(`document ${index + 1} of the manifest needs apiVersion, kind and metadata.name`), { code: 'INVALID_MANIFEST' });
    // Built-in kinds know their scope; a custom kind is taken as namespaced, as most are.
    let namespaced = true;
    try {
      namespaced = resolveKind(value.kind, value.apiVersion).namespaced;
    } catch {
      // unknown kind: namespaced
    }
    const placed = namespaced ? value.metadata.namespace ?? namespace : null;
    objects.push({ object: { ...value, metadata: { ...value.metadata, ...(placed ? { namespace: placed } : {}) } }, kind: value.kind, name: value.metadata.name, namespace: placed });
  });
  if (!objects.length) throw Object.assign(new Error('the manifest has no objects'), { code: 'INVALID_MANIFEST' });
  return objects;
}

/** What a person compares in a diff: the object without status and the fields the server sets. */
export function comparable(object: KubernetesObject | null): string | null {
  if (!object) return null;
  const { status: _status, ...rest } = withoutServerNoise(object) as KubernetesObject & { status?: unknown };
  const { uid: _uid, resourceVersion: _rv, generation: _generation, creationTimestamp: _created, selfLink: _self, ...metadata } = rest.metadata ?? {};
  return stringify({ ...rest, metadata });
}

export const describeObject = (entry: { kind: string; name: string; namespace: string | null }): string => `${entry.kind}/${entry.name}${entry.namespace ? ` in ${entry.namespace}` : ''}`;

/** The live object a manifest's entry names, or null when there is none yet. */
/** The live object as the server has it (read raw: the typed client would drop fields its model spells differently), or null. */
export const readLive = async (clients: KubeClients, entry: ManifestObject): Promise<KubernetesObject | null> => {
  const resource = await resourceOf(clients, entry.object.apiVersion!, entry.kind);
  return readOrNull<KubernetesObject>(clients, resource.item(entry.name, resource.namespaced ? entry.namespace : null));
};
