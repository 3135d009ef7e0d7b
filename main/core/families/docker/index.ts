import { defineFamily } from '../family';
import { dockerVerbs } from './docker-verbs';
import { dockerAccess } from './docker-access';
import { resolveDockerEndpoint } from './docker-endpoint';
import { type DockerCheck, probeDocker } from './docker-probe';
import { dockerTools } from './tools';
import { dockerViews } from './docker-views';
import { dockerSearchables } from './docker-searchables';
import { dockerHealth } from './docker-health';

const engineStatus = (check: DockerCheck) => ({
  id: 'engine',
  label: check.status === 'ok' ? `Docker ${check.serverVersion ?? ''}`.trim() : check.status === 'missing' ? 'No Docker engine' : 'Docker unreachable',
  tone: check.status === 'ok' ? ('ok' as const) : check.status === 'warning' ? ('warn' as const) : ('bad' as const),
});

export const dockerFamily = defineFamily({
  id: 'docker',
  title: 'Docker engine',
  description: 'Containers (run, start, stop, logs, stats, exec, health), images (pull, build, tag, push), networks, volumes (backup, restore), prune and system info on the engine the docker CLI would use.',
  tools: dockerTools,
  views: dockerViews,
  searchables: dockerSearchables,
  // What most requests need at once; networks, volumes, backups, prune and the rest come through find_tools.
  essential: ['docker.container.list', 'docker.container.inspect', 'docker.container.logs', 'docker.container.run', 'docker.container.start', 'docker.container.stop', 'docker.container.restart', 'docker.container.remove', 'docker.container.exec', 'docker.container.wait-healthy', 'docker.image.list', 'docker.image.build', 'docker.system.info'],
  verbs: dockerVerbs,
  probes: [
    {
      name: 'docker',
      run: async ({ env }) => {
        const check = await probeDocker(resolveDockerEndpoint(env));
        return { ...check, statusBar: engineStatus(check) };
      },
    },
  ],
  targets: async ({ env }) => [dockerAccess(env).target],
  presentWhen: (checks) => checks.docker?.status === 'ok',
  health: dockerHealth,
});
