import { parseAllDocuments, stringify } from 'yaml';

const mentionsSecret = /\bkind["']?\s*:\s*["']?Secret\b/;

type Loose = { kind?: unknown; data?: unknown; stringData?: unknown; items?: unknown };

const masked = (values: unknown, encoded: boolean): unknown =>
  values && typeof values === 'object'
    ? Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([key, value]) => [key, `[REDACTED ${typeof value === 'string' ? (encoded ? Buffer.from(value, 'base64').length : value.length) : 0} bytes]`]))
    : values;

/** The object with every Secret in it (itself, or the items of a List) holding sizes instead of values; null when it has none. */
function withoutSecretValues(value: unknown): unknown | null {
  if (!value || typeof value !== 'object') return null;
  const object = value as Loose;
  if (object.kind === 'Secret' && (object.data || object.stringData)) return { ...object, ...(object.data ? { data: masked(object.data, true) } : {}), ...(object.stringData ? { stringData: masked(object.stringData, false) } : {}) };
  if (Array.isArray(object.items)) {
    const items = object.items.map((item) => withoutSecretValues(item));
    if (items.some((item) => item !== null)) return { ...object, items: items.map((item, index) => item ?? (object.items as unknown[])[index]) };
  }
  return null;
}

/**
 * Masks the values of Secret manifests in text (a manifest the model wrote or a file the person
 * applied, as it is stored in runs and the audit log, sent in events or shown): the documents
 * that are Secrets are written again with each value's size, the others are left as they were.
 * Text that does not mention a Secret, or does not parse as YAML, is returned unchanged.
 */
export function maskSecretManifests(text: string): string {
  if (!mentionsSecret.test(text)) return text;
  let documents;
  try {
    documents = parseAllDocuments(text, { logLevel: 'error' });
  } catch {
    return text;
  }
  const list = Array.isArray(documents) ? documents : [documents];
  if (list.some((document) => document.errors.length)) return text;
  let changed = false;
  const parts = list.map((document) => {
    const replaced = withoutSecretValues(document.toJS());
    if (replaced === null) return document.toString();
    changed = true;
    return stringify(replaced);
  });
  return changed ? parts.join('---\n') : text;
}
