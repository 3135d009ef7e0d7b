// The add / edit form's state and the entry it sends (apart from the component, for its unit test).
// A credential stored plainly in the file (a token, a secret-named env value) arrives as `{ kept: true }`
// and the URL without its user, password and query: sent back unchanged, main keeps the stored ones.

export interface EnvRow {
  readonly key: number;
  name: string;
  /** `kept`: the value stored in the file, which this window does not have (main keeps it on save). */
  from: 'value' | 'keychain' | 'kept';
  value: string;
}

export interface FormState {
  kind: 'stdio' | 'http';
  name: string;
  command: string;
  args: string;
  env: EnvRow[];
  url: string;
  tokenEntry: string;
  /** The entry has a plain token this window does not have: it is kept unless a keychain entry is named or it is cleared. */
  tokenKept: boolean;
  readOnly: string;
}

const KEPT = { kept: true } as const;
const isKept = (value: unknown): boolean => !!value && typeof value === 'object' && (value as { kept?: unknown }).kept === true;

let rowKeys = 0;
export const row = (name = '', from: EnvRow['from'] = 'value', value = ''): EnvRow => ({ key: ++rowKeys, name, from, value });

export function formFrom(config: Record<string, unknown> | null): FormState {
  const env = config?.env && typeof config.env === 'object' ? Object.entries(config.env as Record<string, unknown>) : [];
  const token = config?.token;
  return {
    kind: config && 'url' in config ? 'http' : 'stdio',
    name: typeof config?.name === 'string' ? config.name : '',
    command: typeof config?.command === 'string' ? config.command : '',
    args: Array.isArray(config?.args) ? config.args.map(String).join('\n') : '',
    env: env.map(([name, value]) => (isKept(value) ? row(name, 'kept') : value && typeof value === 'object' ? row(name, 'keychain', String((value as { fromKeychain?: unknown }).fromKeychain ?? '')) : row(name, 'value', String(value)))),
    url: typeof config?.url === 'string' ? config.url : '',
    tokenEntry: token && typeof token === 'object' && !isKept(token) ? String((token as { fromKeychain?: unknown }).fromKeychain ?? '') : '',
    tokenKept: isKept(token),
    readOnly: Array.isArray(config?.readOnly) ? config.readOnly.map(String).join(', ') : '',
  };
}

/** The entry to send. Fields the form does not show (cwd, inheritEnv, timeouts) are kept from the entry being edited. */
export function entryOf(form: FormState, original: Record<string, unknown> | null): Record<string, unknown> {
  const { name: _n, command: _c, args: _a, env: _e, url: _u, token: _t, readOnly: _r, ...kept } = original ?? {};
  const readOnly = form.readOnly.split(',').map((tool) => tool.trim()).filter(Boolean);
  const common = { ...kept, name: form.name.trim(), ...(readOnly.length ? { readOnly } : {}) };
  if (form.kind === 'http') {
    const { inheritEnv: _i, cwd: _w, ...httpKept } = common as Record<string, unknown>;
    const token = form.tokenEntry.trim() ? { fromKeychain: form.tokenEntry.trim() } : form.tokenKept ? KEPT : undefined;
    return { ...httpKept, url: form.url.trim(), ...(token ? { token } : {}) };
  }
  const args = form.args.split('\n').map((arg) => arg.trim()).filter(Boolean);
  const rows = form.env.filter((envRow) => envRow.name.trim() || envRow.value.trim() || envRow.from === 'kept');
  const env = Object.fromEntries(rows.map((envRow) => [envRow.name.trim(), envRow.from === 'kept' ? KEPT : envRow.from === 'keychain' ? { fromKeychain: envRow.value.trim() } : envRow.value]));
  return { ...common, command: form.command.trim(), ...(args.length ? { args } : {}), ...(rows.length ? { env } : {}) };
}
