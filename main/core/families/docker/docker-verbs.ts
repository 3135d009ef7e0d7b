import { assess, type RiskAssessment } from '../../policy/risk';
import { type Args, hasFlag, positionals, sub } from '../../policy/shell/command-args';
import type { Table } from '../../policy/shell/verbs/classifier';

const dockerRead = /^(ps|images|inspect|logs|version|info|stats|top|port|diff|history|events|search|ls|config|context|df|wait|manifest|buildx-ls|help)$/;

function compose(args: Args, prefix: string): RiskAssessment {
  const verb = sub(args);
  if (/^(down)$/.test(verb)) return hasFlag(args, 'v', '--volumes', '--rmi') ? assess('destructive', `${prefix} down --volumes deletes the stack's data volumes`) : assess('destructive', `${prefix} down removes the stack's containers and networks`);
  if (/^(rm|kill|stop)$/.test(verb)) return assess('destructive', `${prefix} ${verb} stops or removes services`);
  if (/^(ps|logs|config|ls|images|top|port|version|events|convert)$/.test(verb)) return assess('read', `${prefix} ${verb}`);
  return assess('write', `${prefix} ${verb || 'up'}`);
}

function docker(args: Args, name: string): RiskAssessment {
  const words = positionals(args).map((word) => word.toLowerCase());
  const [group = '', verb = ''] = words;
  const text = args.join(' ');
  if (group === 'compose') return compose(args.slice(args.indexOf('compose') + 1), `${name} compose`);
  if (/prune$/.test(verb) || group === 'prune') {
    const volumes = group === 'volume' || hasFlag(args, '', '--volumes');
    return assess('destructive', `${name} ${group} prune deletes unused ${volumes ? 'volumes and their data' : 'objects'}${hasFlag(args, 'a', '--all') ? ' (all of them)' : ''}`);
  }
  if (group === 'system' && verb === 'df') return assess('read', 'disk usage');
  if (['container', 'image', 'network', 'volume', 'context', 'plugin', 'secret', 'config', 'service', 'stack', 'node', 'builder', 'buildx', 'trust'].includes(group)) {
    if (/^(rm|remove|kill|stop|disconnect|leave|demote|update)$/.test(verb)) return assess('destructive', `${name} ${group} ${verb}`);
    if (/^(ls|list|inspect|logs|ps|show|history|top|port|diff|stats|version|du)$/.test(verb)) return assess('read', `${name} ${group} ${verb}`);
    return assess('write', `${name} ${group} ${verb}`);
  }
  if (/^(rm|rmi|kill|stop|pause)$/.test(group)) return assess('destructive', `${name} ${group} ${positionals(args).slice(1).join(' ')}`.trim());
  if (dockerRead.test(group) || !group) return assess('read', `${name} ${group}`.trim());
  if (group === 'run' || group === 'create') {
    if (hasFlag(args, '', '--privileged') || /--pid[= ]host|--net(work)?[= ]host.*--cap-add|-v\s+\/:|--volume[= ]\/:/.test(text)) return assess('destructive', `${name} ${group} gives the container root access to the host`);
    if (/\/var\/run\/docker\.sock/.test(text)) return assess('destructive', `${name} ${group} hands the container the Docker socket`);
  }
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
