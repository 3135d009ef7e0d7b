import { isAbsolute, resolve } from 'node:path';
import type { RawService, ServiceConfig } from './compose-model';

export interface Problem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Durations as Compose writes them (`1m30s`, `500ms`, `10`) in milliseconds. */
export function durationMs(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value * 1000;
  let total = 0;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g)];
  if (!parts.length || parts.map((part) => part[0]).join('') !== value) throw new Error(`"${value}" is not a duration (use e.g. 10s, 1m30s, 500ms)`);
  for (const [, amount, unit] of parts) total += Number(amount) * units[unit!]!;
  return Math.round(total);
}

/** `["A=1", "B"]` or `{A: 1, B: null}` → `{A: "1", B: (from env)}`. */
export function toMap(value: RawService['environment'], env: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  if (!value) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(value.flatMap((entry) => {
      const index = entry.indexOf('=');
      if (index < 0) return env[entry] === undefined ? [] : [[entry, env[entry]!]];
      return [[entry.slice(0, index), entry.slice(index + 1)]];
    }));
  }
  return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (item === null ? (env[key] === undefined ? [] : [[key, env[key]!]]) : [[key, String(item)]])));
}

const words = (value: string | string[] | null | undefined): string[] | undefined => {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  // Compose splits a string command like a shell would, without running one.
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((match) => match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3]!);
};

export function parsePorts(ports: RawService['ports'], where: string): ServiceConfig['ports'] {
  return (ports ?? []).flatMap((port) => {
    if (typeof port === 'object') {
      return [{ target: Number(port.target), published: port.published === undefined || port.published === '' ? undefined : Number(port.published), hostIp: port.host_ip ?? '0.0.0.0', protocol: port.protocol ?? 'tcp' }];
    }
    const text = String(port);
    const match = /^(?:(?:\[?([0-9a-fA-F.:]+?)\]?):)??(?:(\d+)(?:-(\d+))?:)?(\d+)(?:-(\d+))?(?:\/(tcp|udp))?$/.exec(text);
    if (!match) throw new Error(`${where}: port "${text}" is not HOST_IP:HOST:CONTAINER[/PROTOCOL]`);
    const [, hostIp, published, publishedEnd, target, targetEnd, protocol] = match;
    if (publishedEnd || targetEnd) {
      const start = Number(target);
      const end = Number(targetEnd ?? target);
      return Array.from({ length: end - start + 1 }, (_, i) => ({ target: start + i, published: published ? Number(published) + i : undefined, hostIp: hostIp ?? '0.0.0.0', protocol: (protocol ?? 'tcp') as 'tcp' | 'udp' }));
    }
    return [{ target: Number(target), published: published ? Number(published) : undefined, hostIp: hostIp ?? '0.0.0.0', protocol: (protocol ?? 'tcp') as 'tcp' | 'udp' }];
  });
}

export function parseVolumes(volumes: RawService['volumes'], workingDir: string, where: string): ServiceConfig['volumes'] {
  return (volumes ?? []).map((volume) => {
    if (typeof volume === 'object') {
      const source = volume.source ?? '';
      return { type: volume.type, source: volume.type === 'bind' ? resolve(workingDir, source) : source, target: volume.target, readOnly: volume.read_only ?? false };
    }
    const parts = volume.split(':');
    if (parts.length === 1) return { type: 'volume' as const, source: '', target: parts[0]!, readOnly: false };
    const [source, target, mode = ''] = parts;
    if (!target?.startsWith('/')) throw new Error(`${where}: volume "${volume}" needs SOURCE:/container/path[:ro]`);
    const bind = source!.startsWith('.') || source!.startsWith('/') || source!.startsWith('~');
    return { type: bind ? ('bind' as const) : ('volume' as const), source: bind ? (isAbsolute(source!) ? source! : resolve(workingDir, source!)) : source!, target, readOnly: mode.split(',').includes('ro') };
  });
}

function memoryMb(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value / 1024 / 1024;
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(value);
  if (!match) throw new Error(`memory "${value}" is not a size (use e.g. 512m, 1g)`);
  const factor = { b: 1 / 1024 / 1024, k: 1 / 1024, m: 1, g: 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'k' | 'm' | 'g'];
  return Number(match[1]) * factor;
}

/** One raw service → the normalised form Reign plans from. Throws with a message naming the field. */
export function normalizeService(name: string, raw: RawService, workingDir: string, env: Readonly<Record<string, string | undefined>>, extraEnv: Record<string, string>): ServiceConfig {
  const where = `services.${name}`;
  const build = raw.build === undefined ? null : typeof raw.build === 'string' ? { context: resolve(workingDir, raw.build), dockerfile: 'Dockerfile', args: {} } : { context: resolve(workingDir, raw.build.context), dockerfile: raw.build.dockerfile ?? 'Dockerfile', args: toMap(raw.build.args, env), target: raw.build.target };
  if (!raw.image && !build) throw new Error(`${where}: needs an image or a build`);
  const healthcheck = raw.healthcheck && !raw.healthcheck.disable && raw.healthcheck.test
    ? {
        test: typeof raw.healthcheck.test === 'string' ? ['CMD-SHELL', raw.healthcheck.test] : raw.healthcheck.test,
        intervalMs: durationMs(raw.healthcheck.interval, 30_000),
        timeoutMs: durationMs(raw.healthcheck.timeout, 30_000),
        retries: raw.healthcheck.retries ?? 3,
        startPeriodMs: durationMs(raw.healthcheck.start_period, 0),
      }
    : null;
  const networks = raw.network_mode ? [] : raw.networks === undefined ? [{ name: 'default', aliases: [] }] : Array.isArray(raw.networks) ? raw.networks.map((network) => ({ name: network, aliases: [] })) : Object.entries(raw.networks).map(([network, options]) => ({ name: network, aliases: options?.aliases ?? [] }));
  const dependsOn = raw.depends_on === undefined ? [] : Array.isArray(raw.depends_on) ? raw.depends_on.map((service) => ({ service, condition: 'service_started' as const, required: true })) : Object.entries(raw.depends_on).map(([service, options]) => ({ service, condition: options.condition, required: options.required }));
  return {
    name,
    image: raw.image ?? null,
    build,
    command: words(raw.command),
    entrypoint: words(raw.entrypoint),
    environment: { ...extraEnv, ...toMap(raw.environment, env) },
    ports: parsePorts(raw.ports, where),
    volumes: parseVolumes(raw.volumes, workingDir, where),
    networks,
    dependsOn,
    healthcheck,
    restart: (raw.restart?.startsWith('on-failure') ? 'on-failure' : (raw.restart ?? 'no')) as ServiceConfig['restart'],
    labels: toMap(raw.labels),
    user: raw.user === undefined ? undefined : String(raw.user),
    workingDir: raw.working_dir,
    replicas: raw.deploy?.replicas ?? 1,
    memoryMb: memoryMb(raw.deploy?.resources?.limits?.memory),
    cpus: raw.deploy?.resources?.limits?.cpus === undefined ? undefined : Number(raw.deploy.resources.limits.cpus),
    containerName: raw.container_name,
    profiles: raw.profiles ?? [],
    stopSignal: raw.stop_signal,
    capAdd: raw.cap_add ?? [],
    capDrop: raw.cap_drop ?? [],
    sysctls: toMap(raw.sysctls),
    networkMode: raw.network_mode,
  };
}
