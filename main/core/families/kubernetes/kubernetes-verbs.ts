import { assess, type RiskAssessment } from '../../policy/risk';
import { type Args, hasAny, hasFlag, sub } from '../../policy/shell/command-args';
import type { Table } from '../../policy/shell/verbs/classifier';

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
  // A client-side dry run only prints what would be sent.
  if (hasAny(args, '--dry-run=client')) return assess('read', `kubectl ${verb} --dry-run=client only prints the request`);
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
  if (/^(apply|create|replace)$/.test(verb) && args.some((arg) => arg !== null && /^(--filename=|-f=?)?https?:\/\//.test(arg))) return assess('destructive', `kubectl ${verb} applies a manifest downloaded from the network, unseen`);
  if (verb === 'proxy' && args.some((arg) => arg !== null && /^--(address|accept-hosts)=?/.test(arg) && !/127\.0\.0\.1|localhost/.test(arg))) return assess('destructive', 'kubectl proxy opens the cluster API to other machines');
  if (verb === 'exec' && /(^|\s)(rm|dd|mkfs|shred|kill|reboot|shutdown)\s/.test(args.slice(args.indexOf('--') + 1).join(' ')) && args.includes('--')) return assess('destructive', `kubectl exec runs a destructive command in the pod: ${args.slice(args.indexOf('--') + 1).join(' ').slice(0, 60)}`);
  if (verb === 'exec' || verb === 'cp' || verb === 'debug' || verb === 'attach') return assess('write', `kubectl ${verb} into a running pod`);
  return assess('write', `kubectl ${verb} ${second}`.trim());
}

function helm(args: Args): RiskAssessment {
  const verb = sub(args);
  if (/^(uninstall|delete|del|un)$/.test(verb)) return assess('destructive', `helm ${verb} removes a release and its resources`);
  if (verb === 'rollback') return assess('destructive', 'helm rollback replaces the running release with an older one');
  if (verb === 'upgrade' && hasFlag(args, '', '--force', '--reset-values', '--cleanup-on-fail')) return assess('destructive', 'helm upgrade --force deletes and recreates resources that changed');
  if (/^(list|ls|status|get|history|hist|show|inspect|search|template|lint|version|env|verify|help|diff)$/.test(verb) || !verb) return assess('read', `helm ${verb}`);
  if (verb === 'repo' || verb === 'plugin') return /^(list|ls)$/.test(sub(args, 1)) ? assess('read', `helm ${verb} list`) : /^(remove|rm|uninstall)$/.test(sub(args, 1)) ? assess('write', `helm ${verb} remove`) : assess('write', `helm ${verb} ${sub(args, 1)}`);
  return assess('write', `helm ${verb}`);
}

/** How kubectl, helm, kind and minikube command lines are classified when the shell runs them. */
export const kubernetesVerbs: Table = {
  kubectl,
  k: kubectl,
  oc: kubectl,
  helm,
  kind: (args) => (sub(args) === 'delete' ? assess('destructive', 'kind delete cluster') : sub(args) === 'get' ? assess('read', 'kind get') : assess('write', `kind ${sub(args)}`)),
  minikube: (args) => (/^(delete|stop)$/.test(sub(args)) ? assess('destructive', `minikube ${sub(args)}`) : /^(status|ip|version|profile|logs)$/.test(sub(args)) ? assess('read', `minikube ${sub(args)}`) : assess('write', `minikube ${sub(args)}`)),
};
