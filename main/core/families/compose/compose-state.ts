import type Dockerode from 'dockerode';
import { Label } from './compose-labels';

export interface ProjectContainer {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly number: number;
  readonly configHash: string;
  readonly running: boolean;
  readonly state: string;
  readonly status: string;
  readonly image: string;
  /** Set once the container has exited. */
  readonly exitCode: number | null;
}

export interface ProjectState {
  readonly containers: ProjectContainer[];
  readonly networks: string[];
  readonly volumes: string[];
}

/** What of a project exists on the engine, found by the compose project label (whoever created it). */
export async function readProjectState(docker: Dockerode, project: string): Promise<ProjectState> {
  const filter = JSON.stringify({ label: [`${Label.project}=${project}`] });
  const [containers, networks, volumes] = await Promise.all([docker.listContainers({ all: true, filters: filter }), docker.listNetworks({ filters: filter }), docker.listVolumes({ filters: filter })]);
  return {
    containers: containers
      .filter((container) => container.Labels?.[Label.oneoff] !== 'True')
      .map((container) => ({
        id: container.Id,
        name: (container.Names[0] ?? '').replace(/^\//, ''),
        service: container.Labels?.[Label.service] ?? '',
        number: Number(container.Labels?.[Label.number] ?? 1),
        configHash: container.Labels?.[Label.configHash] ?? '',
        running: container.State === 'running',
        state: container.State,
        status: container.Status,
        image: container.Image,
        exitCode: container.State === 'exited' ? Number(/Exited \((-?\d+)\)/.exec(container.Status)?.[1] ?? Number.NaN) : null,
      }))
      .sort((a, b) => a.service.localeCompare(b.service) || a.number - b.number),
    networks: networks.map((network) => network.Name),
    volumes: (volumes.Volumes ?? []).map((volume) => volume.Name),
  };
}

