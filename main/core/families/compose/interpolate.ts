/** A compose file asked for a variable that must be set (`${VAR:?message}`), or used bad syntax. */
export class InterpolationError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InterpolationError';
  }
}

/**
 * Compose-spec interpolation: `$$` is a literal `$`; `$VAR` and `${VAR}`; `${VAR:-default}` (unset or
 * empty), `${VAR-default}` (unset), `${VAR:+alt}`/`${VAR+alt}`, `${VAR:?error}`/`${VAR?error}`.
 * Defaults may themselves contain interpolations.
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>, path: string): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '$') {
      result += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      result += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw new InterpolationError(path, `unclosed "\${" in "${text}"`);
      result += expand(text.slice(i + 2, end), env, path);
      i = end + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))![0];
      result += env[name] ?? '';
      i += 1 + name.length;
    } else {
      result += '$';
      i += 1;
    }
  }
  return result;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expand(body: string, env: Readonly<Record<string, string | undefined>>, path: string): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(body);
  if (!match) throw new InterpolationError(path, `invalid interpolation "\${${body}}": use \${NAME}, \${NAME:-default} or \${NAME:?message}`);
  const [, name, operator, argument = ''] = match;
  const value = env[name!];
  const unsetOrEmpty = value === undefined || value === '';
  switch (operator) {
    case undefined:
      return value ?? '';
    case ':-':
      return unsetOrEmpty ? interpolate(argument, env, path) : value!;
    case '-':
      return value === undefined ? interpolate(argument, env, path) : value;
    case ':+':
      return unsetOrEmpty ? '' : interpolate(argument, env, path);
    case '+':
      return value === undefined ? '' : interpolate(argument, env, path);
    case ':?':
    case '?':
      if (operator === ':?' ? unsetOrEmpty : value === undefined) {
        throw new InterpolationError(path, `required variable ${name} is not set${argument ? `: ${interpolate(argument, env, path)}` : ''}`);
      }
      return value!;
    default:
      throw new InterpolationError(path, `invalid interpolation "\${${body}}"`);
  }
}

/** Interpolates every string in a parsed YAML tree (values only; keys are left as written). */
export function interpolateTree(value: unknown, env: Readonly<Record<string, string | undefined>>, path = ''): unknown {
  if (typeof value === 'string') return interpolate(value, env, path || '(root)');
  if (Array.isArray(value)) return value.map((item, index) => interpolateTree(item, env, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, env, path ? `${path}.${key}` : key)]));
  return value;
}
