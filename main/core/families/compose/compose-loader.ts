import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { type ComposeProject, knownServiceKeys, type RawProject, type RawService, RawProjectSchema, type ServiceConfig, unsupportedTopLevel } from './compose-model';
import { normalizeService, type Problem, toMap } from './compose-normalize';
import { ExtendsError, resolveExtends } from './compose-extends';
import { parseDotenv } from './dotenv';
import { InterpolationError, interpolateTree } from './interpolate';

export interface LoadOptions {
  readonly files: readonly string[];
  readonly projectName?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Profiles to enable, as COMPOSE_PROFILES would. */
  readonly profiles?: readonly string[];
}

export type LoadResult = { ok: true; project: ComposeProject } | { ok: false; problems: Problem[] };

/** Keys whose lists add up across files (ports of a base and an override both apply); other lists are replaced. */
const appendedLists = new Set(['ports', 'expose', 'volumes', 'env_file', 'dns', 'extra_hosts']);

/**
 * Loads Compose files per the Compose Specification: YAML files merged in order, `.env` and
 * `${VAR}` interpolation, profiles, depends_on. Every problem names the file, the path and what
 * is wrong; a feature Reign does not run is refused by name, never dropped.
 */
export function loadCompose(options: LoadOptions): LoadResult {
  const files = options.files.map((file) => resolve(file));
  const problems: Problem[] = [];
  if (!files.length) return { ok: false, problems: [{ file: '(none)', path: '', message: 'no compose file given (use -f FILE)' }] };
  const workingDir = dirname(files[0]!);
  const processEnv = options.env ?? process.env;
  let env: Record<string, string | undefined> = { ...processEnv };
  const dotenvFile = resolve(workingDir, '.env');
  if (existsSync(dotenvFile)) {
    try {
      // Variables already in the environment win over .env, as in Compose.
      env = { ...parseDotenv(readFileSync(dotenvFile, 'utf8'), processEnv, dotenvFile), ...processEnv };
    } catch (error) {
      problems.push({ file: dotenvFile, path: '', message: (error as Error).message });
    }
  }

  const raws: { file: string; data: RawProject }[] = [];
  for (const file of files) {
    const loaded = readOne(file, env);
    if ('problems' in loaded) problems.push(...loaded.problems);
    else raws.push({ file, data: loaded.data });
  }
  if (problems.length) return { ok: false, problems };

  const merged = raws.reduce<Record<string, unknown>>((acc, { data }) => mergeProject(acc, data as Record<string, unknown>), {});
  const project = merged as RawProject;
  const name = (options.projectName ?? project.name ?? env.COMPOSE_PROJECT_NAME ?? basename(workingDir)).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  if (!name) return { ok: false, problems: [{ file: files[0]!, path: 'name', message: 'the project name is empty; give one with -p NAME' }] };

  const enabled = new Set(options.profiles ?? (env.COMPOSE_PROFILES ? env.COMPOSE_PROFILES.split(',').map((profile) => profile.trim()) : []));
  const services: ServiceConfig[] = [];
  for (const [serviceName, raw] of Object.entries(project.services ?? {})) {
    try {
      const extraEnv = envFiles(raw?.env_file, workingDir, env);
      const normalized = normalizeService(serviceName, raw ?? {}, workingDir, env, extraEnv);
      const service = { ...normalized, volumes: [...normalized.volumes, ...secretMounts(serviceName, raw?.secrets, project.secrets, workingDir)] };
      if (service.profiles.length && !service.profiles.some((profile) => enabled.has(profile) || enabled.has('*'))) continue;
      services.push(service);
    } catch (error) {
      problems.push({ file: files.length === 1 ? files[0]! : files.join(' + '), path: `services.${serviceName}`, message: (error as Error).message.replace(/^services\.[^:]+: /, '') });
    }
  }
  const declaredNetworks = Object.entries(project.networks ?? {}).map(([key, spec]) => ({ key, name: spec?.name ?? (spec?.external ? (typeof spec.external === 'object' ? spec.external.name : key) : `${name}_${key}`), external: Boolean(spec?.external) }));
  const declaredVolumes = Object.entries(project.volumes ?? {}).map(([key, spec]) => ({ key, name: spec?.name ?? (spec?.external ? (typeof spec.external === 'object' ? spec.external.name : key) : `${name}_${key}`), external: Boolean(spec?.external) }));
  if (services.some((service) => service.networks.some((network) => network.name === 'default')) && !declaredNetworks.some((network) => network.key === 'default')) {
    declaredNetworks.push({ key: 'default', name: `${name}_default`, external: false });
  }
  problems.push(...checkReferences(services, declaredNetworks.map((network) => network.key), declaredVolumes.map((volume) => volume.key), files[0]!));
  if (!services.length && !problems.length) problems.push({ file: files[0]!, path: 'services', message: 'no services to run (none defined, or all in profiles that are not enabled)' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, project: { name, workingDir, files, services, networks: declaredNetworks, volumes: declaredVolumes } };
}

function readOne(file: string, env: Readonly<Record<string, string | undefined>>): { data: RawProject } | { problems: Problem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, path: '', message: `cannot read it: ${(error as Error).message}` }] };
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, customTags: [{ tag: '!reset', resolve: () => ({ __reignUnsupported: '!reset' }) }, { tag: '!override', resolve: () => ({ __reignUnsupported: '!override' }) }] as never });
  if (document.errors.length) return { problems: document.errors.slice(0, 1).map((error) => ({ file, path: `line ${error.linePos?.[0]?.line ?? '?'}`, message: `not valid YAML: ${error.message.split('\n')[0]}` })) };
  const data = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || data === undefined) return { problems: [{ file, path: '', message: 'the file is empty' }] };
  if (typeof data !== 'object' || Array.isArray(data)) return { problems: [{ file, path: '', message: 'a compose file must be a mapping with a services: key' }] };
  const problems: Problem[] = [];
  const tagged = JSON.stringify(data).match(/"__reignUnsupported":"(![a-z]+)"/);
  if (tagged) problems.push({ file, path: '', message: `the ${tagged[1]} tag is not supported by Reign yet` });
  for (const key of unsupportedTopLevel) if (key in data) problems.push({ file, path: key, message: `"${key}" is not supported by Reign yet; remove it or run this project with docker compose` });
  let interpolated: Record<string, unknown>;
  try {
    interpolated = interpolateTree(data, env) as Record<string, unknown>;
    if (interpolated.services && typeof interpolated.services === 'object') {
      interpolated = { ...interpolated, services: resolveExtends(interpolated.services as Record<string, Record<string, unknown> | null>, file, env, (base, over) => mergeProject(base, over)) };
    }
  } catch (error) {
    if (error instanceof InterpolationError || error instanceof ExtendsError) return { problems: [{ file, path: error.path, message: error.message }] };
    throw error;
  }
  // Checked after extends, so keys inherited from a base service are checked too.
  for (const [service, spec] of Object.entries((interpolated.services ?? {}) as Record<string, Record<string, unknown> | null>)) {
    for (const key of Object.keys(spec ?? {})) {
      if (!knownServiceKeys.has(key) && !key.startsWith('x-')) problems.push({ file, path: `services.${service}.${key}`, message: `"${key}" is not supported by Reign; it would be ignored, so the file is refused` });
    }
  }
  if (problems.length) return { problems };
  const parsed = RawProjectSchema.safeParse(interpolated);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message })) };
  return { data: parsed.data };
}

/** File secrets are mounted read-only at /run/secrets/NAME, as Compose does without Swarm. */
function secretMounts(_service: string, wanted: RawService['secrets'], declared: RawProject['secrets'], workingDir: string): ServiceConfig['volumes'] {
  return (wanted ?? []).map((entry) => {
    const source = typeof entry === 'string' ? entry : entry.source;
    const target = typeof entry === 'string' ? entry : (entry.target ?? entry.source);
    const spec = declared?.[source];
    if (!spec) throw new Error(`secret "${source}" is not declared under the top-level secrets:`);
    if (!spec.file) throw new Error(`secret "${source}" is not a file secret; only secrets with file: are supported by Reign`);
    const file = resolve(workingDir, spec.file);
    if (!existsSync(file)) throw new Error(`secret "${source}" file ${spec.file} does not exist (${file})`);
    return { type: 'bind' as const, source: file, target: target.startsWith('/') ? target : `/run/secrets/${target}`, readOnly: true };
  });
}

function mergeProject(base: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(next)) {
    const current = result[name];
    if (Array.isArray(value) && Array.isArray(current) && appendedLists.has(name)) result[name] = [...current, ...value.filter((item) => !current.some((existing) => JSON.stringify(existing) === JSON.stringify(item)))];
    else if (name === 'environment' || name === 'labels') result[name] = { ...toMap(current as never), ...toMap(value as never) };
    else if (isMapping(value) && isMapping(current)) result[name] = mergeProject(current, value);
    else result[name] = value;
  }
  return result;
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function envFiles(value: unknown, workingDir: string, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  if (!value) return {};
  const entries = (Array.isArray(value) ? value : [value]).map((entry) => (typeof entry === 'string' ? { path: entry, required: true } : (entry as { path: string; required: boolean })));
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const file = resolve(workingDir, entry.path);
    if (!existsSync(file)) {
      if (entry.required) throw new Error(`env_file ${entry.path} does not exist (${file})`);
      continue;
    }
    Object.assign(result, parseDotenv(readFileSync(file, 'utf8'), env, file));
  }
  return result;
}

/** depends_on, networks and volumes must name things that exist; dependencies must not go round in a circle. */
function checkReferences(services: readonly ServiceConfig[], networks: string[], volumes: string[], file: string): Problem[] {
  const problems: Problem[] = [];
  const names = new Set(services.map((service) => service.name));
  for (const service of services) {
    for (const dependency of service.dependsOn) {
      if (!names.has(dependency.service) && dependency.required) problems.push({ file, path: `services.${service.name}.depends_on`, message: `depends on "${dependency.service}", which is not a service here (or its profile is not enabled)` });
    }
    for (const network of service.networks) if (!networks.includes(network.name)) problems.push({ file, path: `services.${service.name}.networks`, message: `network "${network.name}" is not declared under the top-level networks:` });
    for (const volume of service.volumes) {
      if (volume.type === 'volume' && volume.source && !volumes.includes(volume.source)) problems.push({ file, path: `services.${service.name}.volumes`, message: `volume "${volume.source}" is not declared under the top-level volumes:` });
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const byName = new Map(services.map((service) => [service.name, service]));
  const visit = (name: string, trail: string[]): void => {
    if (done.has(name)) return;
    if (visiting.has(name)) {
      problems.push({ file, path: `services.${name}.depends_on`, message: `dependency cycle: ${[...trail.slice(trail.indexOf(name)), name].join(' → ')}` });
      return;
    }
    visiting.add(name);
    for (const dependency of byName.get(name)?.dependsOn ?? []) if (byName.has(dependency.service)) visit(dependency.service, [...trail, name]);
    visiting.delete(name);
    done.add(name);
  };
  for (const service of services) visit(service.name, []);
  return problems;
}
