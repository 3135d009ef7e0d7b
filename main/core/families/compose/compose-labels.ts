import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/canonical-json';
import type { ComposeProject, ServiceConfig } from './compose-model';

/** The labels `docker compose` puts on what it creates, so both tools see the same project. */
export const Label = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/** A hash of everything that decides how a service's container is made; a change means recreate. Scale does not count. */
export function configHash(service: ServiceConfig): string {
  const { replicas: _replicas, profiles: _profiles, ...decisive } = service;
  return createHash('sha256').update(canonicalJson(decisive)).digest('hex');
}

export function containerLabels(project: ComposeProject, service: ServiceConfig, number: number): Record<string, string> {
  return {
    ...service.labels,
    [Label.project]: project.name,
    [Label.service]: service.name,
    [Label.number]: String(number),
    [Label.oneoff]: 'False',
    [Label.configHash]: configHash(service),
    [Label.workingDir]: project.workingDir,
    [Label.configFiles]: project.files.join(','),
    [Label.dependsOn]: service.dependsOn.map((dependency) => `${dependency.service}:${dependency.condition}:false`).join(','),
    [Label.version]: '2.0.0',
  };
}
