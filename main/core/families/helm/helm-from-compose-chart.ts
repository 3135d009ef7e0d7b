import { relative } from 'node:path';
import type { ComposeProject, ServiceConfig } from '../compose/compose-model';
import type { ChartFile } from './helm-chart-files';
import { deploymentTemplate, literal, pvcTemplate, secretsTemplate, type ServicePlan, serviceTemplate, valuesText } from './helm-from-compose-templates';

/** What the normalised project no longer says, read from the compose files as written. */
export interface ComposeSourceFacts {
  /** Each service's keys as written (merged over the files), to name what is not converted. */
  readonly raw: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Environment keys per service whose values are never copied into the chart, with where each comes from. */
  readonly secretEnv: Readonly<Record<string, readonly { key: string; from: string }[]>>;
  /** File secrets per service: the compose secret's name and where it is mounted. */
  readonly fileSecrets: Readonly<Record<string, readonly { name: string; target: string }[]>>;
  /** Fields of a service (command, entrypoint, healthcheck) whose text takes variables: not copied, since a variable may hold a secret. */
  readonly variableFields: Readonly<Record<string, readonly string[]>>;
}

/** A compose feature the chart does not carry over, and why. */
export interface Unconverted {
  readonly service: string | null;
  readonly feature: string;
  readonly why: string;
}

export interface ComposeChart {
  readonly chart: string;
  /** Paths relative to the chart folder. */
  readonly files: ChartFile[];
  readonly unconverted: Unconverted[];
  /** Values paths the person must fill before installing (secrets left empty in the chart). */
  readonly fillIn: { path: string; from: string }[];
}

/** A DNS label from a compose name (`my_app.web` → `my-app-web`). */
export function kubeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '') || 'app';
}

/** Kubernetes expands `$(VAR)` in command, args and env values; compose text means it literally. */
const unexpanded = (text: string): string => text.replaceAll('$(', () => '$$(');

/** `nginx:1.27` → repository nginx, tag 1.27; a digest stays with the repository. */
export function splitImage(image: string): { repository: string; tag: string } {
  if (image.includes('@')) return { repository: image, tag: '' };
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? { repository: image.slice(0, colon), tag: image.slice(colon + 1) } : { repository: image, tag: 'latest' };
}

/** compose `expose` entries (`3000`, `3000-3002/udp`) as ports. */
function exposedPorts(expose: unknown, bad: (entry: string) => void): { target: number; protocol: 'tcp' | 'udp' }[] {
  return (Array.isArray(expose) ? expose : []).flatMap((entry) => {
    const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp))?$/.exec(String(entry));
    if (!match) {
      bad(String(entry));
      return [];
    }
    const start = Number(match[1]);
    const end = Number(match[2] ?? match[1]);
    return Array.from({ length: Math.max(0, end - start + 1) }, (_, index) => ({ target: start + index, protocol: (match[3] ?? 'tcp') as 'tcp' | 'udp' }));
  });
}

/** A bind mount's source as the compose file would write it. */
const shownPath = (workingDir: string, source: string): string => {
  const path = relative(workingDir, source);
  return path.startsWith('..') ? source : `./${path}`;
};

const seconds = (ms: number, minimum: number): number => Math.max(minimum, Math.round(ms / 1000));

/** A compose healthcheck as a probe; null when it has none, or its test cannot be run by the kubelet. */
function probeOf(check: NonNullable<ServiceConfig['healthcheck']>): Record<string, unknown> | null {
  const [kind, ...rest] = check.test;
  const command = kind === 'CMD' ? rest : kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : null;
  if (!command?.length) return null;
  return { exec: { command }, periodSeconds: seconds(check.intervalMs, 1), timeoutSeconds: seconds(check.timeoutMs, 1), failureThreshold: Math.max(1, check.retries), initialDelaySeconds: seconds(check.startPeriodMs, 0) };
}

/** The pod volume a named compose volume is mounted as. */
const podVolumeName = (volume: string): string => `vol-${kubeName(volume)}`.slice(0, 63);

/** Raw service keys this conversion maps (fully or with a note); any other key a service has is listed as not converted. */
const handledKeys = new Set(['image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'networks', 'depends_on', 'healthcheck', 'restart', 'labels', 'user', 'working_dir', 'container_name', 'profiles', 'deploy', 'cap_add', 'cap_drop', 'sysctls', 'network_mode', 'secrets', 'stop_signal']);

/**
 * A Helm chart that runs a compose project on Kubernetes: per service a Deployment (and a Service
 * when it has ports), named as the compose service so services still find each other by name;
 * images, replicas, environment, probes and limits in values.yaml; secrets in Secrets whose
 * values are left empty for the person to fill; named volumes as PVCs. Pure: what cannot be
 * converted is listed with why, never dropped silently.
 */
export function chartFromCompose(project: ComposeProject, facts: ComposeSourceFacts, chartName = kubeName(project.name)): ComposeChart {
  const unconverted: Unconverted[] = [];
  const fillIn: { path: string; from: string }[] = [];
  const note = (service: string | null, feature: string, why: string) => unconverted.push({ service, feature, why });
  const names = new Map<string, string>();
  for (const service of project.services) {
    const name = kubeName(service.name);
    const clash = names.get(name);
    if (clash) throw new Error(`services "${clash}" and "${service.name}" would both be named ${name} in Kubernetes; rename one of them.`);
    names.set(name, service.name);
  }
  // Two volumes under one name would write one PVC file twice and merge in the pods that mount them.
  const claimNames = new Map<string, string>();
  const podVolumeNames = new Map<string, string>();
  const usedVolumes = project.services.flatMap((service) => service.volumes.filter((volume) => volume.type === 'volume' && volume.source).map((volume) => volume.source));
  for (const volume of new Set([...project.volumes.map((declared) => declared.key), ...usedVolumes])) {
    for (const [taken, name] of [[claimNames, kubeName(volume)], [podVolumeNames, podVolumeName(volume)]] as const) {
      const clash = taken.get(name);
      if (clash !== undefined) throw new Error(`volumes "${clash}" and "${volume}" would both be named ${name} in Kubernetes; rename one of them.`);
      taken.set(name, volume);
    }
  }

  const volumeValues: Record<string, { persistent: boolean; size: string; storageClass: string }> = {};
  const externalVolumes = new Map(project.volumes.filter((volume) => volume.external).map((volume) => [volume.key, volume.name]));
  const volumeUsers = new Map<string, string[]>();
  const fileSecretValues: Record<string, string> = {};
  const secretsEnv: Record<string, Record<string, string>> = {};

  const plans: ServicePlan[] = project.services.map((service) => {
    const name = kubeName(service.name);
    const at = `services.${name}`;
    const raw = facts.raw[service.name] ?? {};
    const variableFields = new Set(facts.variableFields[service.name] ?? []);
    for (const key of Object.keys(raw)) if (!handledKeys.has(key) && !key.startsWith('x-')) note(service.name, key, 'has no counterpart in the chart Reign writes; add it to the Deployment template by hand if you need it');

    let image: { repository: string; tag: string };
    if (service.image) {
      image = splitImage(service.image);
      if (service.build) note(service.name, 'build', `is not run: the chart uses the image ${service.image}; build and push it to a registry the cluster pulls from`);
    } else {
      image = { repository: '', tag: '' };
      note(service.name, 'build', `has no image to deploy: build it, push it to a registry the cluster can pull from, and set ${at}.image.repository and .tag (installing fails until you do)`);
      fillIn.push({ path: `${at}.image.repository`, from: 'the image built from build:' });
    }

    const secret = new Map((facts.secretEnv[service.name] ?? []).map((entry) => [entry.key, entry.from]));
    const env = Object.fromEntries(Object.entries(service.environment).filter(([key]) => !secret.has(key)).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [key, unexpanded(value)]));
    const secretKeys = [...secret.keys()].filter((key) => key in service.environment).sort();
    if (secretKeys.length) {
      secretsEnv[name] = Object.fromEntries(secretKeys.map((key) => [key, '']));
      for (const key of secretKeys) fillIn.push({ path: `secrets.env.${name}.${key}`, from: secret.get(key)! });
    }

    const values: Record<string, unknown> = { image: { ...image, pullPolicy: 'IfNotPresent' }, replicas: service.replicas };
    for (const [field, words, key] of [['entrypoint', service.entrypoint, 'command'], ['command', service.command, 'args']] as const) {
      if (!words) continue;
      if (variableFields.has(field)) note(service.name, field, `takes variables (\${…}) whose values may be secrets, so it is not copied; set ${at}.${key} in values yourself`);
      else values[key] = words.map(unexpanded);
    }
    values.env = env;

    if (service.healthcheck) {
      const probe = variableFields.has('healthcheck') ? null : probeOf(service.healthcheck);
      if (probe) {
        values.readinessProbe = probe;
        values.livenessProbe = probe;
        note(service.name, 'healthcheck', 'is both the readiness and the liveness probe; unlike compose, a failing liveness probe restarts the container (set livenessProbe: null in values to keep only readiness)');
      } else note(service.name, 'healthcheck', variableFields.has('healthcheck') ? 'takes variables whose values may be secrets, so it is not copied' : `test ${JSON.stringify(service.healthcheck.test)} cannot run as an exec probe`);
    }

    const limits: Record<string, string> = {};
    if (service.memoryMb !== undefined) limits.memory = `${Math.max(1, Math.round(service.memoryMb))}Mi`;
    if (service.cpus !== undefined) limits.cpu = String(service.cpus);
    if (Object.keys(limits).length) values.resources = { limits };
    const deploy = (raw.deploy ?? {}) as Record<string, unknown>;
    if ((deploy.resources as Record<string, unknown> | undefined)?.reservations) note(service.name, 'deploy.resources.reservations', 'are not converted; set resources.requests in values if the scheduler should reserve them');
    if (deploy.restart_policy) note(service.name, 'deploy.restart_policy', 'has no Deployment counterpart: pods are always restarted');
    // Only a restart policy written in the file: compose's default (no) says nothing about intent.
    if (raw.restart !== undefined && (service.restart === 'no' || service.restart === 'on-failure')) note(service.name, `restart: ${service.restart}`, 'a Deployment always restarts its pods; a one-off task belongs in a Job');

    const securityContext: Record<string, unknown> = {};
    if (service.user) {
      const match = /^(\d+)(?::(\d+))?$/.exec(service.user);
      if (match) Object.assign(securityContext, { runAsUser: Number(match[1]), ...(match[2] ? { runAsGroup: Number(match[2]) } : {}) });
      else note(service.name, `user: ${service.user}`, 'Kubernetes runs containers as a numeric user id; set securityContext.runAsUser in values');
    }
    const caps = (list: string[]) => list.map((cap) => cap.replace(/^CAP_/i, '').toUpperCase());
    if (service.capAdd.length || service.capDrop.length) securityContext.capabilities = { ...(service.capAdd.length ? { add: caps(service.capAdd) } : {}), ...(service.capDrop.length ? { drop: caps(service.capDrop) } : {}) };
    if (Object.keys(securityContext).length) values.securityContext = securityContext;
    if (service.workingDir) values.workingDir = service.workingDir;

    // expose: ports other services reach but the host does not, which is what a ClusterIP Service is.
    const exposed = exposedPorts(raw.expose, (entry) => note(service.name, `expose: ${entry}`, 'is not a port or port range'));
    const ports = [...new Map([...service.ports, ...exposed].map((port) => [`${port.protocol}-${port.target}`, { port: port.target, protocol: port.protocol.toUpperCase() as 'TCP' | 'UDP', name: `${port.protocol}-${port.target}` }])).values()];
    for (const port of service.ports.filter((candidate) => candidate.published !== undefined)) {
      note(service.name, `ports: ${port.published}:${port.target}`, `is not published on a host; Service ${name} serves port ${port.target} inside the cluster (kubectl port-forward svc/${name} ${port.published}:${port.target}, or an Ingress)`);
    }

    const mounts: ServicePlan['mounts'] = [];
    const podVolumes: string[] = [];
    const secretTargets = new Map((facts.fileSecrets[service.name] ?? []).map((entry) => [entry.target, entry.name]));
    let anonymous = 0;
    for (const volume of service.volumes) {
      const secretName = volume.type === 'bind' ? secretTargets.get(volume.target) : undefined;
      if (secretName !== undefined) {
        fileSecretValues[secretName] = '';
        mounts.push({ volume: 'secret-files', mountPath: volume.target, readOnly: true, subPath: secretName });
        continue;
      }
      if (volume.type === 'bind') {
        note(service.name, `volumes: ${shownPath(project.workingDir, volume.source)} → ${volume.target}`, 'is a bind mount of a folder of this machine, which a pod in the cluster cannot see; put the files in a ConfigMap or bake them into the image');
        continue;
      }
      if (!volume.source) {
        const podVolume = `anonymous-${++anonymous}`;
        podVolumes.push(`        - name: ${podVolume}\n          emptyDir: {}`);
        mounts.push({ volume: podVolume, mountPath: volume.target, readOnly: volume.readOnly });
        note(service.name, `volumes: ${volume.target}`, 'is an anonymous volume: it becomes an emptyDir, whose data lasts only as long as the pod');
        continue;
      }
      const podVolume = podVolumeName(volume.source);
      if (!podVolumes.some((entry) => entry.includes(`name: ${podVolume}\n`))) {
        const external = externalVolumes.get(volume.source);
        if (external !== undefined) {
          podVolumes.push(`        - name: ${podVolume}\n          persistentVolumeClaim:\n            claimName: ${literal(kubeName(external))}`);
          note(service.name, `volumes: ${volume.source} (external)`, `is external: the chart mounts the PersistentVolumeClaim ${kubeName(external)}, which must exist in the namespace`);
        } else {
          volumeValues[volume.source] = { persistent: true, size: '1Gi', storageClass: '' };
          podVolumes.push(
            `        - name: ${podVolume}\n          {{- if (index .Values.volumes ${literal(volume.source)}).persistent }}\n          persistentVolumeClaim:\n            claimName: ${kubeName(volume.source)}\n          {{- else }}\n          emptyDir: {}\n          {{- end }}`,
          );
        }
      }
      mounts.push({ volume: podVolume, mountPath: volume.target, readOnly: volume.readOnly });
      volumeUsers.set(volume.source, [...(volumeUsers.get(volume.source) ?? []), service.name]);
    }
    if (mounts.some((mount) => mount.volume === 'secret-files')) podVolumes.push(`        - name: secret-files\n          secret:\n            secretName: ${chartName}-files`);

    for (const dependency of service.dependsOn) note(service.name, `depends_on: ${dependency.service}`, `Kubernetes starts every Deployment at once; ${service.name} must retry until ${dependency.service} is ready (or wait for it in an init container)`);
    const custom = service.networks.filter((network) => network.name !== 'default');
    if (custom.length) note(service.name, `networks: ${custom.map((network) => network.name).join(', ')}`, 'every pod of a namespace reaches every other; separating them takes NetworkPolicies');
    const aliases = service.networks.flatMap((network) => network.aliases);
    if (aliases.length) note(service.name, `network aliases: ${aliases.join(', ')}`, `only the name ${name} resolves in the cluster (add a Service per alias if others use them)`);
    if (service.networkMode) note(service.name, `network_mode: ${service.networkMode}`, 'a pod has its own network; sharing another container\'s or the host\'s is not converted');
    if (service.containerName) note(service.name, `container_name: ${service.containerName}`, 'pods get generated names; the Deployment and Service are named ' + name);
    if (Object.keys(service.labels).length) note(service.name, 'labels', 'container labels are not converted; add them to the pod template\'s annotations if something reads them');
    if (Object.keys(service.sysctls).length) note(service.name, 'sysctls', 'most sysctls are unsafe in Kubernetes and need the cluster\'s permission; add them to the pod\'s securityContext by hand');
    if (service.stopSignal) note(service.name, `stop_signal: ${service.stopSignal}`, 'Kubernetes stops containers with SIGTERM; make the image handle it');
    return { name, values, secretKeys, mounts, podVolumes, ports };
  });

  for (const [volume, users] of volumeUsers) {
    if (new Set(users).size > 1) note(null, `volume ${volume}`, `is shared by ${[...new Set(users)].join(', ')}: a ReadWriteOnce claim mounts on one node only, so their pods must land on the same node (or use a ReadWriteMany storage class)`);
  }
  for (const key of Object.keys(fileSecretValues).sort()) fillIn.push({ path: `secrets.files.${key}`, from: 'a compose file secret (its file is not copied)' });

  const values = {
    services: Object.fromEntries(plans.map((plan) => [plan.name, plan.values])),
    volumes: volumeValues,
    secrets: { env: secretsEnv, files: fileSecretValues },
  };
  const files: ChartFile[] = [
    { path: 'Chart.yaml', content: `apiVersion: v2\nname: ${chartName}\ndescription: ${literal(`The compose project ${project.name}, converted by Reign`)}\ntype: application\nversion: 0.1.0\n` },
    { path: 'values.yaml', content: valuesText(values, fillIn) },
    ...plans.flatMap((plan) => [
      { path: `templates/${plan.name}-deployment.yaml`, content: deploymentTemplate(plan) },
      ...(plan.ports.length ? [{ path: `templates/${plan.name}-service.yaml`, content: serviceTemplate(plan) }] : []),
    ]),
    ...Object.keys(volumeValues).sort().map((volume) => ({ path: `templates/${kubeName(volume)}-pvc.yaml`, content: pvcTemplate(volume, kubeName(volume)) })),
    ...(Object.keys(secretsEnv).length || Object.keys(fileSecretValues).length ? [{ path: 'templates/secrets.yaml', content: secretsTemplate(chartName) }] : []),
  ];
  return { chart: chartName, files, unconverted, fillIn };
}
