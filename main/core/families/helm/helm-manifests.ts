import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments, stringify } from 'yaml';
import { comparable, describeObject, parseManifest } from '../kubernetes/kube-manifests';
import { redactSecret } from '../kubernetes/kube-objects';

/** A rendered manifest as helm printed it, with each Secret's values replaced by their sizes. */
export function redactManifest(manifest: string): string {
  return parseAllDocuments(manifest)
    .map((document) => {
      const value = document.toJS() as KubernetesObject | null;
      return value?.kind === 'Secret' ? `${document.commentBefore ? `#${document.commentBefore.replaceAll('\n', '\n#')}\n` : ''}${stringify(redactSecret(value))}` : document.toString();
    })
    .filter((text) => text.trim())
    .join('---\n');
}

/** Objects of a release manifest (as helm recorded them, Secrets redacted), by `Kind/name in ns`. */
export function recordedObjects(manifest: string, namespace: string): Map<string, string> {
  return new Map(manifest.trim() ? parseManifest(manifest, namespace).map((entry) => [describeObject(entry), comparable(redactSecret(entry.object))!]) : []);
}

/** `Kind/name in ns` of each object of a manifest. */
export const objectNames = (manifest: string, namespace: string): string[] => (manifest.trim() ? parseManifest(manifest, namespace).map(describeObject) : []);
