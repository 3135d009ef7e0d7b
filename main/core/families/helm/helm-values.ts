import { looksSecret } from '../../secrets/secret-names';

const masked = (value: unknown): string => `[REDACTED ${String(value).length} chars]`;

/**
 * User values with every scalar under a secret-looking key replaced by its length, so the values
 * of a release can be shown to the model, the log and the screen. Lists and maps keep their shape.
 */
export function maskValues(values: unknown, underSecret = false): unknown {
  if (Array.isArray(values)) return values.map((item) => maskValues(item, underSecret));
  if (values && typeof values === 'object') return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, maskValues(value, underSecret || looksSecret(key))]));
  // A boolean (`auth.enabled`) or an empty value is never the credential itself.
  if (underSecret && typeof values !== 'boolean' && values !== null && values !== '' && values !== undefined) return masked(values);
  return values;
}

/** Every leaf of a values tree by its path (`image.tag`, `hosts[0]`). */
function leaves(values: unknown, prefix = '', underSecret = false, into = new Map<string, { value: unknown; secret: boolean }>()): Map<string, { value: unknown; secret: boolean }> {
  if (Array.isArray(values) && values.length) values.forEach((item, index) => leaves(item, `${prefix}[${index}]`, underSecret, into));
  else if (values && typeof values === 'object' && !Array.isArray(values) && Object.keys(values).length) {
    for (const [key, value] of Object.entries(values)) leaves(value, prefix ? `${prefix}.${key}` : key, underSecret || looksSecret(key), into);
  } else if (prefix) into.set(prefix, { value: values, secret: underSecret && typeof values !== 'boolean' });
  return into;
}

const shown = (leaf: { value: unknown; secret: boolean }): string => (leaf.secret ? '[REDACTED]' : JSON.stringify(leaf.value));

/**
 * What changes between two sets of user values, one line per path: `replicaCount: 1 → 2`,
 * `image.tag: added "1.2"`, `auth.password: changed (secret)`. Secret values are never printed.
 */
export function valuesChanges(before: unknown, after: unknown): string[] {
  const old = leaves(before ?? {});
  const next = leaves(after ?? {});
  const lines: string[] = [];
  for (const path of [...new Set([...old.keys(), ...next.keys()])].sort()) {
    const a = old.get(path);
    const b = next.get(path);
    if (a && b && JSON.stringify(a.value) === JSON.stringify(b.value)) continue;
    if (a && b) lines.push(a.secret || b.secret ? `${path}: changed (secret)` : `${path}: ${shown(a)} → ${shown(b)}`);
    else if (b) lines.push(`${path}: added ${shown(b)}`);
    else if (a) lines.push(`${path}: removed (was ${shown(a)})`);
  }
  return lines;
}
