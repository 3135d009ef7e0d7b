import type { FamilyTargetHealth } from '../../../../preload/contract';
import type { HealthWhere } from '../family';
import { dockerAccess } from './docker-access';
import { explainDockerError, probeDocker } from './docker-probe';

/** The engine's card: the doctor's own words when it is not reachable, else its containers by state. */
export async function dockerHealth({ env, signal, readRefusal }: HealthWhere): Promise<FamilyTargetHealth[]> {
  const access = dockerAccess(env);
  // The context's name: the endpoint is a fact of its own below, and would not fit a card's title.
  const base = { id: access.target.id, kind: 'Docker engine', label: access.target.id.replace(/^docker:/, ''), open: { view: 'docker.containers' } };
  // Asked before the probe too: it reads the engine's version.
  const refused = readRefusal(access.target.id, 'docker.container.list');
  if (refused) return [{ ...base, ...refused }];
  const check = await probeDocker(access.endpoint);
  if (check.status === 'error' || check.status === 'missing') {
    return [{ ...base, open: null, tone: check.status === 'missing' ? 'idle' : 'bad', state: check.status === 'missing' ? 'not found' : 'unreachable', summary: check.summary, fix: check.fix, facts: [], counts: [] }];
  }
  let containers;
  try {
    containers = await access.client().listContainers({ all: true, abortSignal: signal });
  } catch (error) {
    return [{ ...base, open: null, tone: 'bad', state: 'unreachable', summary: `The engine did not list its containers: ${(error as Error).message}`, fix: explainDockerError(error as NodeJS.ErrnoException), facts: [], counts: [] }];
  }
  const running = containers.filter((container) => container.State === 'running').length;
  // "Exited (0)" is a job that finished; any other code is a container that failed.
  const failed = containers.filter((container) => container.State === 'exited' && !/^Exited \(0\)/.test(container.Status)).length;
  const restarting = containers.filter((container) => container.State === 'restarting' || container.State === 'dead').length;
  const stopped = containers.length - running - failed - restarting;
  const broken = failed + restarting;
  return [
    {
      ...base,
      tone: broken ? 'warn' : 'ok',
      state: broken ? 'containers failing' : 'connected',
      summary: broken ? `${broken} container${broken === 1 ? '' : 's'} exited with an error or keep restarting.` : check.summary,
      fix: broken ? 'Open the containers to read their logs; restart or remove them from there.' : null,
      facts: [
        { label: 'Version', value: `${check.serverVersion ?? 'unknown'} (API ${check.apiVersion ?? 'unknown'})` },
        { label: 'Endpoint', value: check.endpoint ?? 'unknown' },
      ],
      counts: [
        { label: 'running', value: running, tone: running ? 'ok' : 'idle' },
        { label: 'stopped', value: stopped, tone: 'idle' },
        { label: 'exited with error', value: failed, tone: failed ? 'bad' : 'idle' },
        ...(restarting ? [{ label: 'restarting', value: restarting, tone: 'warn' as const }] : []),
      ],
    },
  ];
}
