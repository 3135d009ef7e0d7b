import { assess, type RiskAssessment } from '../../policy/risk';
import { type Args, hasFlag, sub } from '../../policy/shell/command-args';
import type { Table } from '../../policy/shell/verbs/classifier';

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

/** How terraform, tofu and terragrunt command lines are classified when the shell runs them. */
export const terraformVerbs: Table = {
  terraform,
  tofu: terraform,
  terragrunt: (args) => (/run-all\s+destroy|destroy/.test(args.join(' ')) ? assess('critical', 'terragrunt destroy') : terraform(args, 'terragrunt')),
};
