import { stringify } from 'yaml';
import type { KubeClients } from '../kubernetes/kube-access';
import { apiMessage } from '../kubernetes/kube-call';
import { comparable, describeObject, parseManifest, readLive } from '../kubernetes/kube-manifests';
import { redactSecret } from '../kubernetes/kube-objects';
import { serverSideApply } from '../kubernetes/kube-raw';

/** What the API server says the release's objects would become, beside what they are now. */
export interface ServerDiff {
  /** Live objects (redacted, without server noise) by `Kind/name in ns`. */
  readonly before: Map<string, string>;
  /** The server's dry-run result for each rendered object, by the same key. */
  readonly after: Map<string, string>;
  /** Objects the server refused, with its words: the step would fail. */
  readonly refusals: string[];
  /** Objects that exist but belong to no release or another one: helm refuses to adopt them. */
  readonly foreign: string[];
}

/**
 * A server-side apply dry run of every rendered object, diffed against the live objects of the
 * release (objects the new manifest drops are shown as going away). Forced, because helm 3 owns
 * the fields through its own field manager and a plain apply would only report that conflict;
 * the dry run changes nothing either way.
 */
export async function serverDiff(clients: KubeClients, release: string, namespace: string, rendered: string, current: string | null, serverCheck = true): Promise<ServerDiff> {
  const diff: ServerDiff = { before: new Map(), after: new Map(), refusals: [], foreign: [] };
  const entries = rendered.trim() ? parseManifest(rendered, namespace) : [];
  const keys = new Set<string>();
  for (const entry of entries) {
    const key = describeObject(entry);
    keys.add(key);
    const live = await readLive(clients, entry);
    if (live) {
      diff.before.set(key, comparable(redactSecret(live))!);
      const owner = live.metadata?.annotations?.['meta.helm.sh/release-name'];
      if (owner !== release) diff.foreign.push(`${key} already exists and ${owner ? `belongs to release ${owner}` : 'was not made by helm'}`);
    }
    // A namespace helm is yet to create cannot hold a dry run: the rendered object is shown as it is.
    if (!serverCheck) {
      diff.after.set(key, comparable(redactSecret(entry.object))!);
      continue;
    }
    try {
      const dry = await serverSideApply(clients, entry.object, { fieldManager: 'reign', force: true, dryRun: true });
      diff.after.set(key, comparable(redactSecret(dry))!);
    } catch (error) {
      diff.refusals.push(`${key}: ${apiMessage(error)}`);
    }
  }
  for (const entry of current?.trim() ? parseManifest(current, namespace) : []) {
    const key = describeObject(entry);
    if (keys.has(key)) continue;
    const live = await readLive(clients, entry);
    if (live) diff.before.set(key, comparable(redactSecret(live))!);
  }
  return diff;
}

/**
 * One side of the preview: the header (identical on both sides, so it reads as text at the top),
 * the user values, then each object under a comment naming it, in the same order on both sides.
 */
export function releaseDocument(header: readonly string[], values: unknown, objects: ReadonlyMap<string, string>, order: readonly string[]): string {
  const parts = [`${header.map((line) => `# ${line}`).join('\n')}\n# User-supplied values (secret-looking ones masked):\n${stringify({ values: values ?? {} })}`];
  for (const key of order) {
    const object = objects.get(key);
    if (object) parts.push(`# ${key}\n${object}`);
  }
  return parts.join('---\n');
}

/** Both sides' keys in one stable order: by kind, then name. */
export const objectOrder = (diff: ServerDiff): string[] => [...new Set([...diff.before.keys(), ...diff.after.keys()])].sort();
