import type { ToolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import type { Plan, PlanProblem, PlanStep } from './plan-schema';
import { validatePlan } from './plan-validator';
import { findReferences } from './step-references';

/** Rewrites `${steps.X.output…}` to the prefixed id where X is one of the expansion's own steps. */
function prefixReferences(value: unknown, prefix: string, own: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return value.replace(/\$\{steps\.([A-Za-z0-9][A-Za-z0-9_.-]*?)\.output\./g, (match, id: string) => (own.has(id) ? `\${steps.${prefix}.${id}.output.` : match));
  if (Array.isArray(value)) return value.map((item) => prefixReferences(item, prefix, own));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, prefixReferences(item, prefix, own)]));
  return value;
}

/**
 * A plan with every planner step (compose.up, compose.down…) replaced by the steps it expands into:
 * `up` becomes `up.network-default`, `up.create-web-1`…; the expansion's first steps wait for what
 * `up` waited for, and steps that waited for `up` wait for all of them. The result is validated
 * like any plan (planners declare no outputs, so references to a planner step are refused by the
 * validator). Nothing runs here; planners only read (the engine's state, the compose files).
 */
export async function expandPlan(plan: Plan, registry: ToolRegistry, ctx: ToolContext, signal: AbortSignal): Promise<{ plan: Plan; problems: PlanProblem[]; expanded: string[] }> {
  const problems = validatePlan(plan, registry);
  if (problems.length) return { plan, problems, expanded: [] };
  /** Each planner step: the steps it became, and what it waited for (which an empty expansion passes on). */
  const replaced = new Map<string, { ids: string[]; dependsOn: readonly string[] }>();
  const steps: PlanStep[] = [];
  const expanded: string[] = [];
  for (const step of plan.steps) {
    const tool = registry.get(step.tool)!;
    if (!tool.expand) {
      steps.push(step);
      continue;
    }
    // A planner plans from its input as written: an output of an earlier step is not known yet.
    if (findReferences(step.input).length) {
      problems.push({ step: step.id, path: 'input', message: `${step.tool} is planned before anything runs, so its input cannot use earlier steps' outputs` });
      continue;
    }
    const result = await tool.expand({ input: tool.input.parse(step.input), ctx, signal }).catch((error: Error) => ({ ok: false as const, error: { code: 'EXPAND_FAILED', message: error.message } }));
    if (!result.ok) {
      problems.push({ step: step.id, path: 'input', message: `${step.tool} could not be planned: ${result.error.message}` });
      continue;
    }
    const ids = result.output.map((sub) => `${step.id}.${sub.id}`);
    const own = new Set(result.output.map((sub) => sub.id));
    replaced.set(step.id, { ids, dependsOn: step.dependsOn });
    expanded.push(`${step.id} (${step.tool}) → ${ids.length ? `${ids.length} step${ids.length === 1 ? '' : 's'}` : 'nothing to do'}`);
    for (const sub of result.output) {
      steps.push({
        id: `${step.id}.${sub.id}`,
        tool: sub.tool,
        input: prefixReferences(sub.input, step.id, own) as Record<string, unknown>,
        dependsOn: sub.dependsOn.length ? sub.dependsOn.map((id) => `${step.id}.${id}`) : [...step.dependsOn],
        ...(sub.name ? { name: sub.name } : {}),
      });
    }
  }
  if (problems.length) return { plan, problems, expanded };
  // Dependencies on a planner step become dependencies on every step it expanded into; on one that
  // had nothing to do, on what it waited for (so `backup → down (nothing) → remove` keeps its order).
  const resolve = (id: string): string[] => {
    const planner = replaced.get(id);
    if (!planner) return [id];
    return planner.ids.length ? planner.ids : planner.dependsOn.flatMap(resolve);
  };
  const rewired = steps.map((step) => ({ ...step, dependsOn: [...new Set(step.dependsOn.flatMap(resolve))] }));
  const result: Plan = { ...plan, steps: rewired };
  if (!rewired.length) return { plan: result, problems: [], expanded };
  return { plan: result, problems: validatePlan(result, registry), expanded };
}
