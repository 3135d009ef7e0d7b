import { parseAllDocuments, stringify } from 'yaml';
import { valueLooksSecret } from './helm-secret-value';
import { looksSecret } from '../../secrets/secret-names';

// A release's manifest as a local compose setup: each container of its Deployments, StatefulSets
// and DaemonSets becomes a service. ConfigMap values are copied unless they look like a credential; a Secret's value never is: each
// becomes ${VARIABLE} with an empty line in the .env the person fills. Ports are published on
// 127.0.0.1 only, so the mirror is not reachable from the network.

type Obj = { apiVersion?: string; kind?: string; metadata?: { name?: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

export interface ReleaseCompose {
  /** compose.yaml text. */
  readonly compose: string;
  /** .env text: one empty line per Secret value, for the person to fill. */
  readonly env: string;
  readonly services: string[];
  readonly secretVariables: string[];
  /** What of the release has no compose counterpart (or maps only partly), with why. */
  readonly unmapped: string[];
}

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Compose interpolates `$`; a value from Kubernetes means it literally. */
const escaped = (text: string): string => text.replaceAll('$', () => '$$');

/** A compose variable name from an environment variable's. */
const variableName = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');

const valueSecretWhy = 'its value looks like a credential: a password in a URL, or a token';

/** Why a plain env value is kept out of the compose file (its name or its value), or null when it may be copied. */
const secretBy = (name: string, value: string): string | null => (looksSecret(name) ? 'its name says it is a secret' : valueLooksSecret(value) ? valueSecretWhy : null);

/** A Kubernetes quantity of bytes (`256Mi`, `1G`, `134217728`) as compose's megabytes (`256m`). */
export function memoryOf(quantity: string | number): string | null {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(String(quantity));
  if (!match) return null;
  const factor: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 };
  return `${Math.max(1, Math.ceil((Number(match[1]) * factor[match[2] ?? '']!) / 1024 ** 2))}m`;
}

/** A Kubernetes CPU quantity (`500m`, `2`) as compose's cpus. */
export function cpusOf(quantity: string | number): number | null {
  const match = /^(\d+(?:\.\d+)?)(m)?$/.exec(String(quantity));
  return match ? Number(match[1]) / (match[2] ? 1000 : 1) : null;
}

/** The first probe of a container that runs as a compose healthcheck, or why none does. */
function healthcheckOf(container: any, say: (text: string) => void, service: string): Record<string, unknown> | undefined {
  const probe = container.readinessProbe ?? container.livenessProbe ?? container.startupProbe;
  if (!probe) return undefined;
  let test: string[] | null = null;
  if (probe.exec?.command?.length) test = ['CMD', ...probe.exec.command.map((word: unknown) => escaped(String(word)))];
  else if (probe.httpGet) {
    const named = (container.ports ?? []).find((port: any) => port.name === probe.httpGet.port);
    const port = typeof probe.httpGet.port === 'number' ? probe.httpGet.port : named?.containerPort;
    if (port) test = ['CMD-SHELL', escaped(`wget -q -O /dev/null ${String(probe.httpGet.scheme ?? 'HTTP').toLowerCase()}://127.0.0.1:${port}${probe.httpGet.path ?? '/'} || exit 1`)];
    if (test) say(`${service}: the HTTP probe becomes a healthcheck that runs wget inside the container, which the image must have`);
  }
  if (!test) {
    say(`${service}: its ${probe.tcpSocket ? 'TCP' : probe.grpc ? 'gRPC' : ''} probe has no compose healthcheck counterpart (healthchecks run a command in the container)`);
    return undefined;
  }
  return {
    test,
    interval: `${probe.periodSeconds ?? 10}s`,
    timeout: `${probe.timeoutSeconds ?? 1}s`,
    retries: probe.failureThreshold ?? 3,
    ...(probe.initialDelaySeconds ? { start_period: `${probe.initialDelaySeconds}s` } : {}),
  };
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean =>
  Boolean(selector && Object.keys(selector).length && Object.entries(selector).every(([key, value]) => labels?.[key] === value));

/** Why a kind of object has no compose counterpart. */
function unmappedKind(object: Obj): string | null {
  const what = `${object.kind}/${object.metadata?.name}`;
  switch (object.kind) {
    case 'ConfigMap':
    case 'Secret':
    case 'Service':
      return null; // used where the containers reference them
    case 'Ingress':
      return `${what}: routes HTTP from outside the cluster; locally, reach the services on their published 127.0.0.1 ports`;
    case 'PersistentVolumeClaim':
      return `${what}: becomes the named volume ${object.metadata?.name} where a container mounts it (empty: the cluster's data is not copied)`;
    case 'ServiceAccount':
    case 'Role':
    case 'RoleBinding':
    case 'ClusterRole':
    case 'ClusterRoleBinding':
      return `${what}: RBAC (the Kubernetes API's permissions) has no compose counterpart`;
    case 'HorizontalPodAutoscaler':
      return `${what}: autoscaling has no compose counterpart`;
    case 'NetworkPolicy':
      return `${what}: network policies are not converted; every compose service reaches every other on the default network`;
    case 'Job':
    case 'CronJob':
      return `${what}: jobs are not converted; run the task with docker compose run`;
    default:
      return workloadKinds.has(object.kind ?? '') ? null : `${what}: has no compose counterpart`;
  }
}

/**
 * A compose project that mirrors a release, from its manifest (as `helm get manifest` prints it).
 * Pure; the manifest's Secret values are read for their keys only and never appear in the result.
 */
export function composeFromManifest(manifest: string, release: string): ReleaseCompose {
  const objects = parseAllDocuments(manifest)
    .map((document) => document.toJS() as Obj | null)
    .filter((object): object is Obj => Boolean(object?.kind && object.metadata?.name));
  const byKind = (kind: string) => new Map(objects.filter((object) => object.kind === kind).map((object) => [object.metadata!.name!, object]));
  const configMaps = byKind('ConfigMap');
  // Only the names of a Secret's keys are kept.
  const secretKeys = new Map([...byKind('Secret')].map(([name, secret]) => [name, [...new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})])].sort()]));
  const unmapped: string[] = [];
  const say = (text: string) => unmapped.push(text);
  for (const object of objects) {
    const why = unmappedKind(object);
    if (why) say(why);
  }

  const variables = new Map<string, string>(); // variable → where its value comes from
  const bySource = new Map<string, string>();
  // One variable per Secret key, so a value two containers use is filled in once.
  const variableFor = (service: string, name: string, source: string): string => {
    let variable = bySource.get(source) ?? variableName(name);
    if (variables.has(variable) && variables.get(variable) !== source) variable = variableName(`${service}_${name}`).toUpperCase();
    variables.set(variable, source);
    bySource.set(source, variable);
    return `\${${variable}}`;
  };

  const services: Record<string, Record<string, unknown>> = {};
  const volumes: Record<string, Record<string, never>> = {};
  const usedPorts = new Set<number>();
  const podLabels = new Map<string, Record<string, string> | undefined>();
  for (const workload of objects.filter((object) => workloadKinds.has(object.kind ?? ''))) {
    const name = workload.metadata!.name!;
    const pod = workload.spec?.template?.spec ?? {};
    const containers: any[] = pod.containers ?? [];
    const replicas = workload.spec?.replicas ?? 1;
    if (workload.kind === 'DaemonSet') say(`DaemonSet/${name}: runs on every node of the cluster; locally it is one service`);
    if ((pod.initContainers ?? []).length) say(`${workload.kind}/${name}: its init containers (${pod.initContainers.map((container: any) => container.name).join(', ')}) are not converted`);
    const claimTemplates = new Set<string>((workload.spec?.volumeClaimTemplates ?? []).map((template: any) => template.metadata?.name));
    const podVolumes = new Map<string, any>((pod.volumes ?? []).map((volume: any) => [volume.name, volume]));
    for (const container of containers) {
      const service = containers.length === 1 ? name : `${name}-${container.name}`;
      if (containers.length > 1) say(`${service}: the containers of one pod share its network (localhost); as compose services they reach each other by service name instead`);
      if (replicas > 1) say(`${service}: runs ${replicas} replicas in the release; the compose service runs one (its ports are published once)`);
      const spec: Record<string, unknown> = { image: container.image, restart: 'unless-stopped' };
      if (container.command?.length) spec.entrypoint = container.command.map((word: unknown) => escaped(String(word)));
      if (container.args?.length) spec.command = container.args.map((word: unknown) => escaped(String(word)));
      if (container.workingDir) spec.working_dir = container.workingDir;

      const environment: Record<string, string> = {};
      for (const from of container.envFrom ?? []) {
        const prefix = from.prefix ?? '';
        if (from.configMapRef) {
          const map = configMaps.get(from.configMapRef.name);
          if (map) for (const [key, value] of Object.entries(map.data ?? {})) environment[prefix + key] = valueLooksSecret(String(value)) ? variableFor(service, prefix + key, `ConfigMap ${from.configMapRef.name} key ${key} (${valueSecretWhy})`) : escaped(String(value));
          else say(`${service}: envFrom ConfigMap ${from.configMapRef.name} is not part of the release, so its values are not copied`);
        } else if (from.secretRef) {
          const keys = secretKeys.get(from.secretRef.name);
          if (keys) for (const key of keys) environment[prefix + key] = variableFor(service, prefix + key, `Secret ${from.secretRef.name} key ${key}`);
          else say(`${service}: envFrom Secret ${from.secretRef.name} is not part of the release, so its keys are not known; add them to the environment yourself`);
        }
      }
      for (const entry of container.env ?? []) {
        const ref = entry.valueFrom;
        if (!ref) {
          const value = String(entry.value ?? '');
          const why = secretBy(entry.name, value);
          environment[entry.name] = why ? variableFor(service, entry.name, `the value of ${entry.name} in the release (${why})`) : escaped(value);
        } else if (ref.secretKeyRef) environment[entry.name] = variableFor(service, entry.name, `Secret ${ref.secretKeyRef.name} key ${ref.secretKeyRef.key}`);
        else if (ref.configMapKeyRef) {
          const value = configMaps.get(ref.configMapKeyRef.name)?.data?.[ref.configMapKeyRef.key];
          if (value !== undefined) environment[entry.name] = valueLooksSecret(String(value)) ? variableFor(service, entry.name, `ConfigMap ${ref.configMapKeyRef.name} key ${ref.configMapKeyRef.key} (${valueSecretWhy})`) : escaped(String(value));
          else {
            environment[entry.name] = variableFor(service, entry.name, `ConfigMap ${ref.configMapKeyRef.name} key ${ref.configMapKeyRef.key} (not part of the release)`);
            say(`${service}: ${entry.name} comes from ConfigMap ${ref.configMapKeyRef.name}, which is not part of the release; fill it in .env`);
          }
        } else say(`${service}: ${entry.name} comes from the pod's ${ref.fieldRef ? `field ${ref.fieldRef.fieldPath}` : 'resources'}, which has no compose counterpart`);
      }
      if (Object.keys(environment).length) spec.environment = environment;

      const ports = (container.ports ?? []).map((port: any) => {
        let host = port.containerPort as number;
        while (usedPorts.has(host)) host += 1;
        usedPorts.add(host);
        if (host !== port.containerPort) say(`${service}: port ${port.containerPort} is published on 127.0.0.1:${host}, since ${port.containerPort} is taken by another service`);
        const protocol = String(port.protocol ?? 'TCP').toLowerCase();
        return `127.0.0.1:${host}:${port.containerPort}${protocol === 'tcp' ? '' : `/${protocol}`}`;
      });
      if (ports.length) spec.ports = ports;

      const healthcheck = healthcheckOf(container, say, service);
      if (healthcheck) spec.healthcheck = healthcheck;

      const limits: Record<string, unknown> = {};
      const memory = container.resources?.limits?.memory === undefined ? null : memoryOf(container.resources.limits.memory);
      const cpus = container.resources?.limits?.cpu === undefined ? null : cpusOf(container.resources.limits.cpu);
      if (memory) limits.memory = memory;
      if (cpus) limits.cpus = String(cpus);
      if (Object.keys(limits).length) spec.deploy = { resources: { limits } };

      const security = { ...pod.securityContext, ...container.securityContext };
      if (security.runAsUser !== undefined) spec.user = `${security.runAsUser}${security.runAsGroup !== undefined ? `:${security.runAsGroup}` : ''}`;
      if (security.capabilities?.add?.length) spec.cap_add = security.capabilities.add;
      if (security.capabilities?.drop?.length) spec.cap_drop = security.capabilities.drop;

      const mounts: string[] = [];
      for (const mount of container.volumeMounts ?? []) {
        const volume = podVolumes.get(mount.name);
        const mode = mount.readOnly ? ':ro' : '';
        if (mount.subPath) say(`${service}: the mount at ${mount.mountPath} uses subPath ${mount.subPath}, which compose volumes do not have; it mounts the whole volume`);
        if (claimTemplates.has(mount.name) || volume?.persistentVolumeClaim) {
          const named = claimTemplates.has(mount.name) ? `${mount.name}-${name}` : volume.persistentVolumeClaim.claimName;
          volumes[named] = {};
          mounts.push(`${named}:${mount.mountPath}${mode}`);
        } else if (volume?.emptyDir) mounts.push(mount.mountPath);
        else if (volume?.configMap) say(`${service}: files of ConfigMap ${volume.configMap.name} at ${mount.mountPath} are not converted; write them to files and bind-mount them`);
        else if (volume?.secret) say(`${service}: files of Secret ${volume.secret.secretName} at ${mount.mountPath} are not copied; put them in files you keep private and bind-mount them`);
        else if (volume?.hostPath) say(`${service}: hostPath ${volume.hostPath.path} at ${mount.mountPath} is a folder of a cluster node, not converted`);
        else say(`${service}: the volume ${mount.name} at ${mount.mountPath} is not converted`);
      }
      if (mounts.length) spec.volumes = mounts;
      services[service] = spec;
      podLabels.set(service, workload.spec?.template?.metadata?.labels);
    }
  }

  // Clients in the cluster use the Service's name: it becomes an alias of the services it selects.
  for (const kubeService of objects.filter((object) => object.kind === 'Service')) {
    const serviceName = kubeService.metadata!.name!;
    const selected = [...podLabels].filter(([, labels]) => matches(kubeService.spec?.selector, labels)).map(([service]) => service);
    for (const service of selected.filter((candidate) => candidate !== serviceName)) {
      const spec = services[service]!;
      spec.networks = { default: { aliases: [...new Set([...(((spec.networks as any)?.default?.aliases as string[]) ?? []), serviceName])] } };
    }
    for (const port of kubeService.spec?.ports ?? []) {
      if (port.targetPort !== undefined && String(port.targetPort) !== String(port.port)) say(`Service/${serviceName}: serves port ${port.port} in the cluster; locally, reach ${selected.join(', ') || 'its pods'} on port ${port.targetPort}`);
    }
    if (kubeService.spec?.type === 'LoadBalancer' || kubeService.spec?.type === 'NodePort') say(`Service/${serviceName}: its ${kubeService.spec.type} exposure is not converted; the published 127.0.0.1 ports take its place`);
  }

  const names = Object.keys(services);
  const secretVariables = [...variables.keys()];
  const header = [
    `# A local compose setup mirroring Helm release ${release}, written by Reign.`,
    '# Ports are published on 127.0.0.1 only. Secret values are not copied: fill them in .env.',
    ...(unmapped.length ? ['# Not converted:', ...unmapped.map((line) => `#   ${line}`)] : []),
  ];
  const project = { name: release, services, ...(Object.keys(volumes).length ? { volumes } : {}) };
  const env = [`# Values for release ${release}'s Secrets: fill them in, and keep this file out of version control.`, ...[...variables].flatMap(([variable, source]) => [`# ${source}`, `${variable}=`])].join('\n');
  return { compose: `${header.join('\n')}\n${stringify(project, { lineWidth: 0 })}`, env: `${env}\n`, services: names, secretVariables, unmapped };
}
