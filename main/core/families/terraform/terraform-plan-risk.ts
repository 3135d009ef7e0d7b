import { assess, combine, type RiskAssessment } from '../../policy/risk';
import type { PlanFacts } from './terraform-plan-facts';
import { statefulHolds } from './terraform-stateful-types';

const list = (addresses: readonly string[]): string => (addresses.length > 3 ? `${addresses.slice(0, 3).join(', ')} and ${addresses.length - 3} more` : addresses.join(', '));

/**
 * The risk of applying a saved plan, from what it does (never from what anyone says about it):
 * nothing → read; only creates and in-place updates → write; any delete, replacement or forget →
 * destructive; destroying every resource of the state, or deleting or replacing one that holds
 * data (a database, a bucket, a volume, a cluster) → critical.
 */
export function planRisk(facts: PlanFacts): RiskAssessment {
  const by = (...actions: string[]): string[] => facts.changes.filter((change) => actions.includes(change.action)).map((change) => change.address);
  const created = by('create');
  const updated = by('update');
  const deleted = by('delete');
  const forgotten = by('forget');
  const parts: RiskAssessment[] = [];
  if (created.length) parts.push(assess('write', `creates ${created.length}: ${list(created)}`));
  if (updated.length) parts.push(assess('write', `updates ${updated.length} in place: ${list(updated)}`));
  if (facts.drifted) parts.push(assess('write', `records ${facts.drifted} change${facts.drifted === 1 ? '' : 's'} made outside Terraform in the state`));
  if (!parts.length && facts.outputsChanged) parts.push(assess('write', `changes ${facts.outputsChanged} output value${facts.outputsChanged === 1 ? '' : 's'} in the state`));
  if (deleted.length) parts.push(assess('destructive', `destroys ${deleted.length}: ${list(deleted)}`));
  for (const change of facts.changes.filter((each) => each.action === 'replace')) {
    parts.push(assess('destructive', `replaces ${change.address} (destroys it and creates a new one${change.replaceBecause.length ? `, because ${change.replaceBecause.join(', ')} cannot change in place` : ''})`));
  }
  if (forgotten.length) parts.push(assess('destructive', `removes ${list(forgotten)} from the state (Terraform no longer manages ${forgotten.length === 1 ? 'it' : 'them'}; the real object${forgotten.length === 1 ? ' stays' : 's stay'})`));
  const everything = facts.resourcesBefore.length > 0 && facts.resourcesBefore.every((address) => deleted.includes(address));
  if (everything) parts.push(assess('critical', `destroys every resource of the workspace (${facts.resourcesBefore.length})`));
  for (const change of facts.changes.filter((each) => each.action === 'delete' || each.action === 'replace')) {
    const holds = statefulHolds(change.type);
    if (holds) parts.push(assess('critical', `${change.action === 'delete' ? 'destroys' : 'replaces'} ${change.address}, ${holds}: its data is lost`));
  }
  if (facts.imports.length) parts.push(assess('write', `imports ${facts.imports.length} into the state: ${list([...facts.imports])}`));
  if (!parts.length) return assess('read', 'the saved plan changes nothing');
  return combine(parts);
}
