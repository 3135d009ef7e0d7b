import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { interpolateTree } from './interpolate';

type Service = Record<string, unknown>;
type Env = Readonly<Record<string, string | undefined>>;

/** `extends` could not be resolved; the message names the chain. */
export class ExtendsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExtendsError';
  }
}

/**
 * Replaces every service's `extends` (`base`, or `{service, file}`) with the base service's
 * configuration overlaid by its own, recursively, as the Compose spec describes. Relative paths of
 * a base from another file are made absolute against that file's folder. Cycles are refused.
 */
export function resolveExtends(services: Record<string, Service | null>, file: string, env: Env, merge: (base: Service, over: Service) => Service): Record<string, Service | null> {
  const cache = new Map<string, Record<string, Service | null>>([[file, services]]);
  const resolveService = (name: string, fromFile: string, trail: string[]): Service => {
    const key = `${fromFile}#${name}`;
    if (trail.includes(key)) throw new ExtendsError(`services.${name}.extends`, `extends goes round in a circle: ${[...trail, key].map((entry) => entry.split('#')[1]).join(' → ')}`);
    const all = load(fromFile);
    const service = all[name];
    if (service === undefined) throw new ExtendsError(`services.${trail.at(-1)?.split('#')[1] ?? name}.extends`, `extends names service "${name}", which ${fromFile === file ? 'is not in this file' : `is not in ${fromFile}`}`);
    const own = { ...(service ?? {}) };
    const spec = own.extends as string | { service: string; file?: string } | undefined;
    delete own.extends;
    const withPaths = fromFile === file ? own : absolutePaths(own, dirname(fromFile));
    if (!spec) return withPaths;
    const baseName = typeof spec === 'string' ? spec : spec.service;
    const baseFile = typeof spec === 'object' && spec.file ? resolve(dirname(fromFile), spec.file) : fromFile;
    const base = resolveService(baseName, baseFile, [...trail, key]);
    // depends_on is not inherited, as in Compose.
    const { depends_on: _inheritedDependsOn, ...inheritable } = base;
    return merge(inheritable, withPaths);
  };
  const load = (path: string): Record<string, Service | null> => {
    const known = cache.get(path);
    if (known) return known;
    let data: { services?: Record<string, Service | null> } | null;
    try {
      data = interpolateTree(parse(readFileSync(path, 'utf8')), env) as typeof data;
    } catch (error) {
      throw new ExtendsError('extends', `cannot read ${path} for extends: ${(error as Error).message.split('\n')[0]}`);
    }
    const loaded = data?.services ?? {};
    cache.set(path, loaded);
    return loaded;
  };
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service && 'extends' in service ? resolveService(name, file, []) : service]));
}

const relative = (value: unknown, dir: string): unknown => (typeof value === 'string' && !isAbsolute(value) && /^\.\.?\//.test(value) ? resolve(dir, value) : value);

function absolutePaths(service: Service, dir: string): Service {
  const result: Service = { ...service };
  if (typeof result.build === 'string') result.build = resolve(dir, result.build);
  else if (result.build && typeof result.build === 'object') {
    const build = result.build as { context?: string };
    result.build = { ...build, context: resolve(dir, build.context ?? '.') };
  }
  if (result.env_file) result.env_file = (Array.isArray(result.env_file) ? result.env_file : [result.env_file]).map((entry) => (typeof entry === 'string' ? resolve(dir, entry) : { ...(entry as object), path: resolve(dir, (entry as { path: string }).path) }));
  if (Array.isArray(result.volumes)) {
    result.volumes = result.volumes.map((volume) => {
      if (typeof volume !== 'string') return volume && typeof volume === 'object' && (volume as { type?: string }).type === 'bind' ? { ...(volume as object), source: relative((volume as { source?: string }).source, dir) } : volume;
      const [source, ...rest] = volume.split(':');
      return [relative(source, dir), ...rest].join(':');
    });
  }
  return result;
}
