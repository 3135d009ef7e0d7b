import type Dockerode from 'dockerode';
import type { Plan, PlanStep } from '../../plan/plan-schema';
import { Label, configHash, containerLabels } from './compose-labels';
import type { ComposeProject, ServiceConfig } from './compose-model';
import { imageExists } from '../docker/docker-access';
import { type ProjectState, readProjectState } from './compose-state';

export const containerName = (project: ComposeProject, service: ServiceConfig, number: number): string => service.containerName ?? `${project.name}-${service.name}-${number}`;
const imageOf = (project: ComposeProject, service: ServiceConfig): string => service.image ?? `${project.name}-${service.name}`;
const step = (id: string, tool: string, input: Record<string, unknown>, dependsOn: string[], name: string): PlanStep => ({ id, tool, input, dependsOn: [...new Set(dependsOn)], name });

/**
 * `up` as a plan, from what exists on the engine: missing networks and volumes first, images built
 * or pulled, containers created in dependency order (in parallel where independent), health waits
 * where a depends_on condition asks for them. Unchanged containers get no step, so a second `up`
 * is empty; a changed service is removed and created again; extra replicas are removed.
 */
export async function planUp(project: ComposeProject, docker: Dockerode, state?: ProjectState): Promise<{ plan: Plan; unchanged: string[] }> {
  // The project's state and each distinct image, asked of the engine all at once: thirty services
  // of one image were thirty image lookups one after another before the plan could start.
  const images = [...new Set(project.services.filter((service) => !service.build).map((service) => imageOf(project, service)))];
  const [current, present] = await Promise.all([
    state ?? readProjectState(docker, project.name),
    Promise.all(images.map(async (image) => [image, await imageExists(docker, image)] as const)).then((found) => new Map(found)),
  ]);
  const steps: PlanStep[] = [];
  const unchanged: string[] = [];
  const usedNetworks = new Set(project.services.flatMap((service) => service.networks.map((network) => network.name)));
  const usedVolumes = new Set(project.services.flatMap((service) => service.volumes.filter((volume) => volume.type === 'volume' && volume.source).map((volume) => volume.source)));
  const networkStep = new Map<string, string>();
  for (const network of project.networks) {
    if (!usedNetworks.has(network.key) || network.external || current.networks.includes(network.name)) continue;
    const id = `network-${network.key}`;
    steps.push(step(id, 'docker.network.create', { name: network.name, labels: { [Label.project]: project.name, [Label.network]: network.key } }, [], `network ${network.name}`));
    networkStep.set(network.key, id);
  }
  const volumeStep = new Map<string, string>();
  for (const volume of project.volumes) {
    if (!usedVolumes.has(volume.key) || volume.external || current.volumes.includes(volume.name)) continue;
    const id = `volume-${volume.key}`;
    steps.push(step(id, 'docker.volume.create', { name: volume.name, labels: { [Label.project]: project.name, [Label.volume]: volume.key } }, [], `volume ${volume.name}`));
    volumeStep.set(volume.key, id);
  }

  const imageStep = new Map<string, string>();
  const createdStep = new Map<string, string>(); // service → the step after which its first container exists
  for (const service of project.services) {
    const image = imageOf(project, service);
    if (service.build) {
      const id = `build-${service.name}`;
      steps.push(step(id, 'docker.image.build', { context: relativeContext(project, service.build.context), dockerfile: service.build.dockerfile, tags: [image], buildArgs: service.build.args, ...(service.build.target ? { target: service.build.target } : {}) }, [], `build ${image}`));
      imageStep.set(service.name, id);
    } else if (!present.get(image)) {
      const id = `pull-${service.name}`;
      steps.push(step(id, 'docker.image.pull', { image }, [], `pull ${image}`));
      imageStep.set(service.name, id);
    }
  }

  const waitStep = (dependency: ServiceConfig, condition: ServiceConfig['dependsOn'][number]['condition']): string | null => {
    const created = createdStep.get(dependency.name);
    const name = containerName(project, dependency, 1);
    if (condition === 'service_started') return created ?? null;
    const id = `${condition === 'service_healthy' ? 'healthy' : 'completed'}-${dependency.name}`;
    if (!steps.some((existing) => existing.id === id)) {
      steps.push(step(id, condition === 'service_healthy' ? 'docker.container.wait-healthy' : 'docker.container.wait-exit', { id: name, timeoutMs: 300_000 }, created ? [created] : [], `${dependency.name} ${condition === 'service_healthy' ? 'healthy' : 'completed'}`));
    }
    return id;
  };

  for (const service of orderByDependencies(project.services)) {
    const hash = configHash(service);
    // Waits on dependencies are only planned for containers that are created or started, so an
    // up-to-date project plans nothing at all.
    const dependencies = (): string[] =>
      service.dependsOn
        .map((dependency) => project.services.find((candidate) => candidate.name === dependency.service))
        .flatMap((dependency, index) => (dependency ? [waitStep(dependency, service.dependsOn[index]!.condition)] : []))
        .filter((id): id is string => id !== null);
    const base = [...service.networks.map((network) => networkStep.get(network.name)), ...service.volumes.map((volume) => volumeStep.get(volume.source)), imageStep.get(service.name)].filter((id): id is string => Boolean(id));
    const existing = current.containers.filter((container) => container.service === service.name);
    for (let number = 1; number <= service.replicas; number++) {
      const name = containerName(project, service, number);
      const found = existing.find((container) => container.number === number || container.name === name);
      const id = `${service.name}-${number}`;
      if (found && found.configHash === hash && !imageStep.has(service.name)) {
        // A one-off job that finished successfully (exit 0, no restart policy) is done, not stopped.
        const completed = found.exitCode === 0 && service.restart === 'no';
        if (found.running || completed) unchanged.push(found.name);
        else if (!completed) steps.push(step(`start-${id}`, 'docker.container.start', { id: found.name }, [...base, ...dependencies()], `start ${found.name}`));
        if (number === 1 && !found.running && !completed) createdStep.set(service.name, `start-${id}`);
        continue;
      }
      const after = [...base, ...dependencies()];
      if (found) {
        steps.push(step(`remove-${id}`, 'docker.container.remove', { id: found.name, force: true }, after, `remove ${found.name} (configuration changed)`));
        after.push(`remove-${id}`);
      }
      steps.push(step(`create-${id}`, 'docker.container.run', runInput(project, service, number), after, `create ${name}`));
      if (number === 1) createdStep.set(service.name, `create-${id}`);
    }
    for (const extra of existing.filter((container) => container.number > service.replicas)) {
      steps.push(step(`scale-down-${extra.name}`, 'docker.container.remove', { id: extra.name, force: true }, [], `remove ${extra.name} (scaled down)`));
    }
  }
  return { plan: { name: `compose up ${project.name}`, steps }, unchanged };
}

/** `down`: every container of the project, then its networks, and its volumes when asked. */
export async function planDown(projectName: string, docker: Dockerode, options: { volumes: boolean }): Promise<Plan> {
  const state = await readProjectState(docker, projectName);
  const steps: PlanStep[] = state.containers.map((container) => step(`remove-${container.name}`, 'docker.container.remove', { id: container.name, force: true }, [], `remove ${container.name}`));
  const containers = steps.map((candidate) => candidate.id);
  for (const network of state.networks) steps.push(step(`network-${network}`, 'docker.network.remove', { name: network }, containers, `remove network ${network}`));
  if (options.volumes) for (const volume of state.volumes) steps.push(step(`volume-${volume}`, 'docker.volume.remove', { name: volume }, containers, `remove volume ${volume}`));
  return { name: `compose down ${projectName}`, steps };
}

function runInput(project: ComposeProject, service: ServiceConfig, number: number): Record<string, unknown> {
  const engineNetwork = (key: string) => project.networks.find((network) => network.key === key)?.name ?? key;
  const engineVolume = (key: string) => project.volumes.find((volume) => volume.key === key)?.name ?? key;
  return {
    image: imageOf(project, service),
    name: containerName(project, service, number),
    ...(service.command ? { command: service.command } : {}),
    ...(service.entrypoint ? { entrypoint: service.entrypoint } : {}),
    env: service.environment,
    ports: service.ports.map((port) => ({ container: port.target, ...(port.published !== undefined ? { host: port.published } : {}), hostIp: port.hostIp, protocol: port.protocol })),
    volumes: service.volumes.filter((volume) => volume.source).map((volume) => ({ source: volume.type === 'volume' ? engineVolume(volume.source) : volume.source, target: volume.target, readOnly: volume.readOnly })),
    networks: service.networks.map((network) => ({ name: engineNetwork(network.name), aliases: [service.name, ...network.aliases] })),
    restart: service.restart,
    ...(service.memoryMb ? { memoryMb: service.memoryMb } : {}),
    ...(service.cpus ? { cpus: service.cpus } : {}),
    ...(service.healthcheck ? { healthcheck: service.healthcheck } : {}),
    labels: containerLabels(project, service, number),
    ...(service.user ? { user: service.user } : {}),
    ...(service.workingDir ? { workingDir: service.workingDir } : {}),
    ...(service.stopSignal ? { stopSignal: service.stopSignal } : {}),
    capAdd: service.capAdd,
    capDrop: service.capDrop,
    sysctls: service.sysctls,
    ...(service.networkMode ? { networkMode: service.networkMode } : {}),
  };
}

/** The build context relative to the project folder, which is the plan's workspace. */
function relativeContext(project: ComposeProject, context: string): string {
  const relative = context.startsWith(project.workingDir) ? context.slice(project.workingDir.length).replace(/^\//, '') : context;
  return relative || '.';
}

function orderByDependencies(services: readonly ServiceConfig[]): ServiceConfig[] {
  const ordered: ServiceConfig[] = [];
  const seen = new Set<string>();
  const byName = new Map(services.map((service) => [service.name, service]));
  const visit = (service: ServiceConfig): void => {
    if (seen.has(service.name)) return;
    seen.add(service.name);
    for (const dependency of service.dependsOn) {
      const found = byName.get(dependency.service);
      if (found) visit(found);
    }
    ordered.push(service);
  };
  for (const service of services) visit(service);
  return ordered;
}
