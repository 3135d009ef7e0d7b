import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasAny, hasFlag, optionValue, positionals, sub } from '../command-args';
import type { Table } from './classifier';

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

const kubectlRead = /^(get|describe|logs|top|explain|api-resources|api-versions|version|cluster-info|diff|events|wait|auth|completion|plugin|options|help)$/;

/** kubectl's positional words, with the values of its common options (-n ns, --context c…) left out. */
function kubectlWords(args: Args): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (/^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-l|--selector|-o|--output|-f|--filename|-c|--container|--as|--field-selector|-p|--patch|--type|-k)$/.test(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg.toLowerCase());
  }
  return words;
}

function kubectl(args: Args): RiskAssessment {
  const words = kubectlWords(args);
  const [verb = '', second = ''] = words;
  const everything = hasFlag(args, 'A', '--all', '--all-namespaces') || hasAny(args, '--all=true');
  if (verb === 'config') return /^(view|get-contexts|current-context|get-clusters|get-users)$/.test(second) ? assess('read', `kubectl config ${second}`) : /^(delete-.*|unset)$/.test(second) ? assess('destructive', `kubectl config ${second}`) : assess('write', `kubectl config ${second}`);
  if (verb === 'rollout') return /^(status|history)$/.test(second) ? assess('read', `kubectl rollout ${second}`) : assess('write', `kubectl rollout ${second}`);
  if (hasFlag(args, '', '--as', '--as-group', '--token')) return assess('write', 'kubectl acts as another identity (--as/--token)');
  if (kubectlRead.test(verb) || !verb) return assess('read', `kubectl ${verb}`);
  if (verb === 'delete') {
    if (everything || /^(ns|namespace|namespaces|node|nodes|pv|persistentvolume|crd|customresourcedefinition|customresourcedefinitions)$/.test(second)) {
      return assess('critical', `kubectl delete ${everything ? 'everything of a kind' : second}: removes whole namespaces, nodes, volumes or APIs`);
    }
    return assess('destructive', `kubectl delete ${words.slice(1).join(' ')}`.trim());
  }
  if (/^(drain|cordon|taint)$/.test(verb)) return assess('destructive', `kubectl ${verb} takes nodes out of service`);
  if (verb === 'replace' && hasFlag(args, '', '--force')) return assess('destructive', 'kubectl replace --force deletes and recreates resources');
  if (verb === 'scale' && /--replicas[= ]0\b/.test(args.join(' '))) return assess('destructive', 'kubectl scale to 0 stops every pod');
  if (verb === 'apply' && hasFlag(args, '', '--prune', '--force')) return assess('destructive', 'kubectl apply --prune/--force deletes resources');
  if (/^(create|apply|patch)$/.test(verb) && /cluster-admin|clusterrolebinding|privileged|hostPID|hostNetwork|securityContext/.test(args.join(' '))) return assess('destructive', `kubectl ${verb} grants cluster-wide or privileged access`);
  if (verb === 'exec' || verb === 'cp' || verb === 'debug' || verb === 'attach') return assess('write', `kubectl ${verb} into a running pod`);
  return assess('write', `kubectl ${verb} ${second}`.trim());
}

function helm(args: Args): RiskAssessment {
  const verb = sub(args);
  if (/^(uninstall|delete|del|un)$/.test(verb)) return assess('destructive', `helm ${verb} removes a release and its resources`);
  if (verb === 'rollback') return assess('destructive', 'helm rollback replaces the running release with an older one');
  if (/^(list|ls|status|get|history|hist|show|inspect|search|template|lint|version|env|verify|help|diff)$/.test(verb) || !verb) return assess('read', `helm ${verb}`);
  if (verb === 'repo' || verb === 'plugin') return /^(list|ls)$/.test(sub(args, 1)) ? assess('read', `helm ${verb} list`) : /^(remove|rm|uninstall)$/.test(sub(args, 1)) ? assess('write', `helm ${verb} remove`) : assess('write', `helm ${verb} ${sub(args, 1)}`);
  return assess('write', `helm ${verb}`);
}

function terraform(args: Args, name: string): RiskAssessment {
  const rest = args.filter((arg) => !/^-chdir=/.test(arg ?? ''));
  const verb = sub(rest);
  if (verb === 'destroy' || (verb === 'apply' && hasFlag(rest, '', '-destroy'))) return assess('critical', `${name} destroy removes every resource in the workspace`);
  if (verb === 'apply') return assess('destructive', `${name} apply changes real infrastructure${hasFlag(rest, '', '-auto-approve') ? ' without asking' : ''}`);
  if (verb === 'plan') return hasFlag(rest, '', '-destroy') ? assess('read', `${name} plan -destroy (only plans)`) : assess('read', `${name} plan`);
  if (/^(show|validate|output|version|providers|graph|console|fmt|get|metadata|test|login|logout|modules)$/.test(verb) || !verb) {
    return verb === 'fmt' && !hasFlag(rest, '', '-check') ? assess('write', `${name} fmt rewrites files`) : assess('read', `${name} ${verb}`);
  }
  if (verb === 'state') {
    const action = sub(rest, 1);
    if (/^(list|show|pull)$/.test(action)) return assess('read', `${name} state ${action}`);
    if (/^(rm|push|replace-provider)$/.test(action)) return assess('destructive', `${name} state ${action} edits the state file`);
    return assess('write', `${name} state ${action}`);
  }
  if (verb === 'workspace') {
    const action = sub(rest, 1);
    if (/^(list|show)$/.test(action)) return assess('read', `${name} workspace ${action}`);
    if (action === 'delete') return assess('destructive', `${name} workspace delete`);
    return assess('write', `${name} workspace ${action}`);
  }
  if (verb === 'force-unlock' || verb === 'taint') return assess('destructive', `${name} ${verb}`);
  return assess('write', `${name} ${verb}`);
}

export const infraCommands: Table = {
  docker,
  podman: docker,
  nerdctl: docker,
  'docker-compose': (args) => compose(args, 'docker-compose'),
  'podman-compose': (args) => compose(args, 'podman-compose'),
  kubectl,
  k: kubectl,
  oc: kubectl,
  helm,
  terraform,
  tofu: terraform,
  terragrunt: (args) => (/run-all\s+destroy|destroy/.test(args.join(' ')) ? assess('critical', 'terragrunt destroy') : terraform(args, 'terragrunt')),
  pulumi: (args) => (sub(args) === 'destroy' ? assess('critical', 'pulumi destroy') : /^(up|update)$/.test(sub(args)) ? assess('destructive', 'pulumi up changes real infrastructure') : /^(preview|stack|whoami|version|about|config)$/.test(sub(args)) && !/rm|remove/.test(args.join(' ')) ? assess('read', `pulumi ${sub(args)}`) : assess('write', `pulumi ${sub(args)}`)),
  velero: (args) => (/^(delete|uninstall)$/.test(sub(args, 1)) || /^(delete|uninstall)$/.test(sub(args)) ? assess('destructive', 'velero deletes backups') : /^(get|describe|logs|version)$/.test(sub(args, 1)) || /^(get|describe|version)$/.test(sub(args)) ? assess('read', 'velero get') : assess('write', `velero ${sub(args)}`)),
  kind: (args) => (sub(args) === 'delete' ? assess('destructive', 'kind delete cluster') : sub(args) === 'get' ? assess('read', 'kind get') : assess('write', `kind ${sub(args)}`)),
  minikube: (args) => (/^(delete|stop)$/.test(sub(args)) ? assess('destructive', `minikube ${sub(args)}`) : /^(status|ip|version|profile|logs)$/.test(sub(args)) ? assess('read', `minikube ${sub(args)}`) : assess('write', `minikube ${sub(args)}`)),
  eksctl: (args) => (sub(args) === 'delete' ? assess('critical', 'eksctl delete removes clusters or node groups') : /^(get|info|version|utils)$/.test(sub(args)) ? assess('read', `eksctl ${sub(args)}`) : assess('write', `eksctl ${sub(args)}`)),
  ansible: (args) => (optionValue(args, '-m', '--module-name') === 'ping' ? assess('read', 'ansible ping') : assess('write', 'ansible runs tasks on remote hosts')),
  'ansible-playbook': (args) => (hasFlag(args, 'C', '--check', '--syntax-check', '--list-tasks', '--list-hosts') ? assess('read', 'ansible-playbook dry run') : assess('destructive', 'ansible-playbook changes remote hosts')),
};
