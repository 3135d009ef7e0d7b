import { assess, combine, type RiskAssessment } from '../../policy/risk';
import { type Args, hasFlag, positionals, sub } from '../../policy/shell/command-args';
import type { Table } from '../../policy/shell/verbs/classifier';
import { parseRunArgs } from './docker-run-args';
import { hostAccessRisks } from './host-access-risk';
import { hostMountRisk } from './mount-risk';

const dockerRead = /^(ps|images|inspect|logs|version|info|stats|top|port|diff|history|events|search|ls|config|context|df|wait|manifest|buildx-ls|help)$/;

function compose(args: Args, prefix: string): RiskAssessment {
  // `-f file`, `-p project`, `--env-file f` come before the verb.
  const verb = (args.filter((arg, index): arg is string => arg !== null && !arg.startsWith('-') && !/^(-f|--file|-p|--project-name|--env-file|--project-directory|--profile|--ansi|--parallel)$/.test(args[index - 1] ?? ''))[0] ?? '').toLowerCase();
  if (/^(down)$/.test(verb)) return hasFlag(args, 'v', '--volumes', '--rmi') ? assess('destructive', `${prefix} down --volumes deletes the stack's data volumes`) : assess('destructive', `${prefix} down removes the stack's containers and networks`);
  if (/^(rm|kill|stop)$/.test(verb)) return assess('destructive', `${prefix} ${verb} stops or removes services`);
  if (/^(ps|logs|config|ls|images|top|port|version|events|convert)$/.test(verb)) return assess('read', `${prefix} ${verb}`);
  return assess('write', `${prefix} ${verb || 'up'}`);
}

// Options of docker, podman and nerdctl themselves that take a value: `docker --context prod run …`
// is still a run (the value is not the subcommand).
const globalValued = new Set(['--config', '-c', '--context', '-H', '--host', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--connection', '--url', '--identity', '-n', '--namespace']);

function afterGlobalOptions(args: Args): Args {
  let at = 0;
  while (at < args.length && args[at]?.startsWith('-')) at += globalValued.has(args[at]!) ? 2 : 1;
  return args.slice(at);
}

/** `run`/`create`: what the container is given of the host (mounts, privileges, namespaces, devices). */
function run(args: Args, label: string): RiskAssessment {
  const given = parseRunArgs(args);
  return combine([
    assess('write', label),
    ...given.mounts.map((mount) => hostMountRisk(mount.source, mount.readOnly)),
    ...hostAccessRisks(given),
    ...given.dynamic.map((option) => assess('destructive', `${option} is given a value known only at run time (what it hands the container cannot be checked)`)),
  ]);
}

function docker(all: Args, name: string): RiskAssessment {
  const args = afterGlobalOptions(all);
  const words = positionals(args).map((word) => word.toLowerCase());
  const [group = '', verb = ''] = words;
  if (group === 'compose') return compose(args.slice(args.indexOf('compose') + 1), `${name} compose`);
  if (/prune$/.test(verb) || group === 'prune') {
    const volumes = group === 'volume' || hasFlag(args, '', '--volumes');
    return assess('destructive', `${name} ${group} prune deletes unused ${volumes ? 'volumes and their data' : 'objects'}${hasFlag(args, 'a', '--all') ? ' (all of them)' : ''}`);
  }
  if (group === 'system' && verb === 'df') return assess('read', 'disk usage');
  if (group === 'run' || group === 'create' || (group === 'container' && (verb === 'run' || verb === 'create'))) return run(args, `${name} ${words.slice(0, group === 'container' ? 2 : 1).join(' ')}`);
  if (['container', 'image', 'network', 'volume', 'context', 'plugin', 'secret', 'config', 'service', 'stack', 'node', 'builder', 'buildx', 'trust'].includes(group)) {
    if (/^(rm|remove|kill|stop|disconnect|leave|demote|update)$/.test(verb)) return assess('destructive', `${name} ${group} ${verb}`);
    if (/^(ls|list|inspect|logs|ps|show|history|top|port|diff|stats|version|du)$/.test(verb)) return assess('read', `${name} ${group} ${verb}`);
    return assess('write', `${name} ${group} ${verb}`);
  }
  if (/^(rm|rmi|kill|stop|pause)$/.test(group)) return assess('destructive', `${name} ${group} ${positionals(args).slice(1).join(' ')}`.trim());
  if (dockerRead.test(group) || !group) return assess('read', `${name} ${group}`.trim());
  return assess('write', `${name} ${group}`);
}

/** How `docker` (and podman, nerdctl, docker-compose) command lines are classified when the shell runs them. */
export const dockerVerbs: Table = {
  docker,
  podman: docker,
  nerdctl: docker,
  'docker-compose': (args) => compose(args, 'docker-compose'),
  'podman-compose': (args) => compose(args, 'podman-compose'),
};
