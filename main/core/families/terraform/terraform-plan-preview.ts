import type { PlanChange, PlanPreview } from '../../tools/plan-preview';
import { attributeDiff, formatPath } from './terraform-attribute-diff';
import { actionOf, type PlanJson, type ResourceChange } from './terraform-plan-json';
import { redactValues, sensitiveValues } from './terraform-sensitive';

type Counts = PlanPreview['counts'];

function toPlanChange(resource: ResourceChange, known: ReadonlySet<string>, drift: boolean): PlanChange | null {
  const action = actionOf(resource.change.actions);
  // no-op: unchanged, or only moved. Listed for nothing.
  if (action === 'no-op') return null;
  return {
    address: resource.address,
    module: resource.module_address ?? null,
    type: resource.type,
    name: resource.name,
    action,
    replaceBecause: action === 'replace' ? (resource.change.replace_paths ?? []).map(formatPath) : [],
    // A forget changes no attribute: the real object stays exactly as it is, only the state lets go of it.
    attributes: action === 'forget' ? [] : attributeDiff(resource.change, action, known, { drift }),
  };
}

/** Root module first, then modules by address; resources in each by address, as `terraform show` lists them. */
function byModule(a: PlanChange, b: PlanChange): number {
  if ((a.module ?? '') !== (b.module ?? '')) return (a.module ?? '').localeCompare(b.module ?? '');
  return a.address.localeCompare(b.address);
}

export function planCounts(changes: readonly PlanChange[]): Counts {
  const counts = { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0 };
  for (const change of changes) counts[change.action] += 1;
  return counts;
}

/** "2 to create, 1 to replace, 1 to forget", or "no changes". */
export function countsLine(counts: Counts): string {
  const parts = (['create', 'update', 'replace', 'delete', 'read', 'forget'] as const).filter((action) => counts[action]).map((action) => `${counts[action]} to ${action}`);
  return parts.length ? parts.join(', ') : 'no changes';
}

/** The resource changes and the drift of a plan, sensitive values masked. */
export function planChanges(plan: PlanJson): { changes: PlanChange[]; drift: PlanChange[]; known: Set<string> } {
  const known = sensitiveValues(plan);
  const convert = (list: readonly ResourceChange[] | undefined, drift: boolean): PlanChange[] => (list ?? []).flatMap((resource) => toPlanChange(resource, known, drift) ?? []).sort(byModule);
  // Drift whose every difference is nothing against nothing (null against {}, 0 or false) is no drift to a person.
  const drift = convert(plan.resource_drift, true).filter((change) => change.action !== 'update' || change.attributes.length);
  return { changes: convert(plan.resource_changes, false), drift, known };
}

/**
 * The rendered plan a person approves: from `terraform show -json PLAN` and the plain
 * `terraform show PLAN` text. Pure, so a 1,000-resource plan renders without I/O.
 */
export function planPreview(plan: PlanJson, text: string, title: string): PlanPreview {
  const { changes, drift, known } = planChanges(plan);
  return { kind: 'plan', title, counts: planCounts(changes), changes, drift, text: redactValues(text, known) };
}
