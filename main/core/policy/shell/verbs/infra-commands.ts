import { assess } from '../../risk';
import { hasFlag, optionValue, sub } from '../command-args';
import type { Table } from './classifier';

/** Infrastructure CLIs no family of Reign's owns (the Docker, Kubernetes and Terraform families bring theirs). */
export const infraCommands: Table = {
  pulumi: (args) => (sub(args) === 'destroy' ? assess('critical', 'pulumi destroy') : /^(up|update)$/.test(sub(args)) ? assess('destructive', 'pulumi up changes real infrastructure') : /^(preview|stack|whoami|version|about|config)$/.test(sub(args)) && !/rm|remove/.test(args.join(' ')) ? assess('read', `pulumi ${sub(args)}`) : assess('write', `pulumi ${sub(args)}`)),
  velero: (args) => (/^(delete|uninstall)$/.test(sub(args, 1)) || /^(delete|uninstall)$/.test(sub(args)) ? assess('destructive', 'velero deletes backups') : /^(get|describe|logs|version)$/.test(sub(args, 1)) || /^(get|describe|version)$/.test(sub(args)) ? assess('read', 'velero get') : assess('write', `velero ${sub(args)}`)),
  eksctl: (args) => (sub(args) === 'delete' ? assess('critical', 'eksctl delete removes clusters or node groups') : /^(get|info|version|utils)$/.test(sub(args)) ? assess('read', `eksctl ${sub(args)}`) : assess('write', `eksctl ${sub(args)}`)),
  ansible: (args) => (optionValue(args, '-m', '--module-name') === 'ping' ? assess('read', 'ansible ping') : assess('write', 'ansible runs tasks on remote hosts')),
  'ansible-playbook': (args) => (hasFlag(args, 'C', '--check', '--syntax-check', '--list-tasks', '--list-hosts') ? assess('read', 'ansible-playbook dry run') : assess('destructive', 'ansible-playbook changes remote hosts')),
};
