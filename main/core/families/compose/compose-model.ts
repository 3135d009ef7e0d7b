import { z } from 'zod';

/** What Reign runs of a service, after parsing and normalising the Compose file. */
export interface ServiceConfig {
  readonly name: string;
  readonly image: string | null;
  readonly build: { context: string; dockerfile: string; args: Record<string, string>; target?: string } | null;
  readonly command?: string[];
  readonly entrypoint?: string[];
  readonly environment: Record<string, string>;
  readonly ports: { target: number; published?: number; hostIp: string; protocol: 'tcp' | 'udp' }[];
  readonly volumes: { type: 'volume' | 'bind'; source: string; target: string; readOnly: boolean }[];
  readonly networks: { name: string; aliases: string[] }[];
  readonly dependsOn: { service: string; condition: 'service_started' | 'service_healthy' | 'service_completed_successfully'; required: boolean }[];
  readonly healthcheck: { test: string[]; intervalMs: number; timeoutMs: number; retries: number; startPeriodMs: number } | null;
  readonly restart: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly labels: Record<string, string>;
  readonly user?: string;
  readonly workingDir?: string;
  readonly replicas: number;
  readonly memoryMb?: number;
  readonly cpus?: number;
  readonly containerName?: string;
  readonly profiles: string[];
  readonly stopSignal?: string;
  readonly capAdd: string[];
  readonly capDrop: string[];
  readonly sysctls: Record<string, string>;
  readonly networkMode?: string;
}

export interface ComposeProject {
  readonly name: string;
  readonly workingDir: string;
  readonly files: string[];
  readonly services: ServiceConfig[];
  /** Declared networks, by their name in the file, with the engine name they get. */
  readonly networks: { key: string; name: string; external: boolean }[];
  readonly volumes: { key: string; name: string; external: boolean }[];
}

const stringOrList = z.union([z.string(), z.array(z.string())]);
const keyValues = z.union([z.array(z.string()), z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))]);
const duration = z.union([z.string(), z.number()]);

/** The service keys Reign understands. Anything else is refused by name, never silently dropped. */
export const RawServiceSchema = z
  .object({
    image: z.string().optional(),
    build: z.union([z.string(), z.object({ context: z.string().default('.'), dockerfile: z.string().optional(), args: keyValues.optional(), target: z.string().optional() }).strict()]).optional(),
    command: stringOrList.nullable().optional(),
    entrypoint: stringOrList.nullable().optional(),
    environment: keyValues.optional(),
    env_file: z.union([z.string(), z.array(z.union([z.string(), z.object({ path: z.string(), required: z.boolean().default(true) })]))]).optional(),
    ports: z.array(z.union([z.string(), z.number(), z.object({ target: z.union([z.number(), z.string()]), published: z.union([z.number(), z.string()]).optional(), host_ip: z.string().optional(), protocol: z.enum(['tcp', 'udp']).optional(), mode: z.string().optional(), name: z.string().optional(), app_protocol: z.string().optional() }).strict()])).optional(),
    expose: z.array(z.union([z.string(), z.number()])).optional(),
    volumes: z.array(z.union([z.string(), z.object({ type: z.enum(['volume', 'bind']), source: z.string().optional(), target: z.string(), read_only: z.boolean().optional(), volume: z.object({ nocopy: z.boolean().optional() }).optional(), bind: z.object({ create_host_path: z.boolean().optional() }).optional() }).strict()])).optional(),
    networks: z.union([z.array(z.string()), z.record(z.string(), z.object({ aliases: z.array(z.string()).optional() }).nullable())]).optional(),
    depends_on: z.union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']).default('service_started'), restart: z.boolean().optional(), required: z.boolean().default(true) }).strict())]).optional(),
    healthcheck: z.object({ test: stringOrList.optional(), interval: duration.optional(), timeout: duration.optional(), retries: z.number().optional(), start_period: duration.optional(), start_interval: duration.optional(), disable: z.boolean().optional() }).strict().optional(),
    restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).or(z.string().regex(/^on-failure:\d+$/)).optional(),
    labels: keyValues.optional(),
    user: z.union([z.string(), z.number()]).optional(),
    working_dir: z.string().optional(),
    container_name: z.string().optional(),
    hostname: z.string().optional(),
    profiles: z.array(z.string()).optional(),
    deploy: z.object({ replicas: z.number().int().min(0).optional(), resources: z.object({ limits: z.object({ memory: z.union([z.string(), z.number()]).optional(), cpus: z.union([z.string(), z.number()]).optional() }).partial().optional(), reservations: z.unknown().optional() }).partial().optional(), restart_policy: z.unknown().optional() }).optional(),
    stop_grace_period: duration.optional(),
    tty: z.boolean().optional(),
    stdin_open: z.boolean().optional(),
    init: z.boolean().optional(),
    platform: z.string().optional(),
    pull_policy: z.string().optional(),
    stop_signal: z.string().optional(),
    cap_add: z.array(z.string()).optional(),
    cap_drop: z.array(z.string()).optional(),
    sysctls: keyValues.optional(),
    network_mode: z.string().optional(),
    secrets: z.array(z.union([z.string(), z.object({ source: z.string(), target: z.string().optional(), mode: z.unknown().optional(), uid: z.unknown().optional(), gid: z.unknown().optional() })])).optional(),
  })
  .catchall(z.unknown());

export const RawProjectSchema = z
  .object({
    version: z.union([z.string(), z.number()]).optional(),
    name: z.string().optional(),
    services: z.record(z.string(), RawServiceSchema.nullable()).optional(),
    networks: z.record(z.string(), z.object({ name: z.string().optional(), external: z.union([z.boolean(), z.object({ name: z.string() })]).optional(), driver: z.string().optional(), labels: keyValues.optional(), internal: z.boolean().optional(), driver_opts: z.unknown().optional(), ipam: z.unknown().optional(), attachable: z.boolean().optional() }).nullable()).optional(),
    secrets: z.record(z.string(), z.object({ file: z.string().optional(), environment: z.string().optional(), name: z.string().optional(), external: z.unknown().optional() })).optional(),
    volumes: z.record(z.string(), z.object({ name: z.string().optional(), external: z.union([z.boolean(), z.object({ name: z.string() })]).optional(), driver: z.string().optional(), labels: keyValues.optional(), driver_opts: z.unknown().optional() }).nullable()).optional(),
  })
  .catchall(z.unknown());

export type RawService = z.infer<typeof RawServiceSchema>;
export type RawProject = z.infer<typeof RawProjectSchema>;

/** Top-level and service keys in the Compose spec that Reign does not run yet: refused by name. */
export const unsupportedTopLevel = ['include', 'configs', 'models'];
export const knownServiceKeys = new Set(Object.keys(RawServiceSchema.shape));
