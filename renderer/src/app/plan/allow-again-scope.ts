import { type ProposedStepView, suggestVerb } from '../../../../preload/contract';

/** What "Allow again" would allow for an approved step, or why it cannot be offered. */
export type AllowAgainScope =
  | { readonly ok: true; readonly tool: string; readonly verb?: string; readonly target: string; readonly targetLabel: string; readonly upTo: ProposedStepView['risk'] }
  | { readonly ok: false; readonly why: string };

/**
 * The narrowest rule that would have allowed this step: its tool (for a shell command, its verb),
 * its exact target, up to its risk. Null when there is nothing to offer: the policy already allows
 * the step, or refuses it. Main checks all of this again; this only decides what the button says.
 */
export function allowAgainScope(step: ProposedStepView): AllowAgainScope | null {
  if (step.decision === 'allow' && !step.confirmation) return null;
  if (step.decision === 'deny') return null;
  // A confirmation on a step above write means a production target: such steps always need a person.
  if ((step.risk === 'destructive' || step.risk === 'critical') && step.confirmation) {
    return { ok: false, why: `${step.risk} steps on production targets always need a person: they cannot be allowed again.` };
  }
  // A rule never skips a production target's typed confirmation, so one made here would change nothing.
  if (step.confirmation) return { ok: false, why: `${step.target.label} is marked production: its name is asked for every step above read, whatever a rule says.` };
  const base = { ok: true as const, tool: step.tool, target: step.target.id, targetLabel: step.target.label, upTo: step.risk };
  if (step.shellCommand === undefined || step.shellCommand === null) return base;
  const verb = suggestVerb(step.shellCommand);
  if (!verb) return { ok: false, why: 'Only a simple command (words only: no ;, &&, |, $( ), backticks, redirections, globs or variables) can be allowed again.' };
  return { ...base, verb };
}
