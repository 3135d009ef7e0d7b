import type { ToolRegistry } from '../tools/tool-registry';
import { parseHeld } from './held-references';
import type { Plan, PlanProblem, PlanStep } from './plan-schema';
import { findReferences } from './step-references';

/**
 * Checks a plan against the tools and itself, reporting every problem at once: duplicate ids,
 * unknown tools, inputs that fail their schema (with the field's path), dependencies on missing
 * steps, cycles (naming their steps in order), and output references that cannot resolve.
 */
export function validatePlan(plan: Plan, registry: ToolRegistry): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const byId = new Map<string, PlanStep>();
  for (const step of plan.steps) {
    if (byId.has(step.id)) problems.push({ step: step.id, path: 'id', message: `step id "${step.id}" is used more than once` });
    byId.set(step.id, step);
  }

  for (const step of plan.steps) {
    const tool = registry.get(step.tool);
    if (!tool) problems.push({ step: step.id, path: 'tool', message: `unknown tool "${step.tool}"; ${nearest(registry, step.tool)}` });
    for (const dependency of step.dependsOn) {
      if (!byId.has(dependency)) problems.push({ step: step.id, path: 'dependsOn', message: `depends on "${dependency}", which is not a step of this plan` });
      if (dependency === step.id) problems.push({ step: step.id, path: 'dependsOn', message: 'depends on itself' });
    }
    if (tool) {
      const parsed = parseHeld(tool, step.input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problems.push({ step: step.id, path: ['input', ...issue.path].join('.'), message: issue.message });
      }
    }
  }

  for (const cycle of findCycles(plan.steps, byId)) {
    problems.push({ step: cycle[0]!, path: 'dependsOn', message: `dependency cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }

  const dependsOnTransitively = reachesThroughDependencies(byId);
  for (const step of plan.steps) {
    for (const reference of findReferences(step.input)) {
      const source = byId.get(reference.step);
      const where = `input.${reference.path}`;
      if (!source) {
        problems.push({ step: step.id, path: where, message: `refers to the output of "${reference.step}", which is not a step of this plan` });
        continue;
      }
      if (!dependsOnTransitively(step.id, reference.step)) {
        problems.push({ step: step.id, path: where, message: `refers to the output of "${reference.step}" but does not depend on it (add it to dependsOn)` });
      }
      const fields = registry.get(source.tool)?.output.shape as Record<string, unknown> | undefined;
      // Only the first level is known from the schema: deeper ones (a Terraform output's name) are found when the step runs.
      const top = reference.field.split('.')[0]!;
      if (fields && !(top in fields)) {
        problems.push({ step: step.id, path: where, message: `"${source.tool}" has no output field "${top}" (it has: ${Object.keys(fields).join(', ')})` });
      }
    }
  }
  return problems;
}

/** Every cycle once, as the ids along it, found by depth-first search. */
function findCycles(steps: readonly PlanStep[], byId: ReadonlyMap<string, PlanStep>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(next) || next === id) continue;
      if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const step of steps) if (!state.has(step.id)) visit(step.id);
  return cycles;
}

/**
 * Whether a step waits, directly or through others, for another: searched per output reference,
 * from the referring step up its dependencies. Every step's full set of ancestors, computed up
 * front, was quadratic in a large plan that mostly has no references at all.
 */
function reachesThroughDependencies(byId: ReadonlyMap<string, PlanStep>): (from: string, to: string) => boolean {
  return (from, to) => {
    const seen = new Set<string>([from]);
    const queue = [from];
    while (queue.length) {
      for (const dependency of byId.get(queue.pop()!)?.dependsOn ?? []) {
        if (dependency === to && byId.has(to)) return true;
        if (!seen.has(dependency) && byId.has(dependency)) {
          seen.add(dependency);
          queue.push(dependency);
        }
      }
    }
    return false;
  };
}

/** Names close to a mistyped one (same family first), instead of listing every tool there is. */
function nearest(registry: ToolRegistry, name: string): string {
  const family = name.split('.')[0];
  const close = registry.names().filter((candidate) => candidate.split('.')[0] === family).slice(0, 12);
  return close.length ? `tools of ${family}: ${close.join(', ')}` : `no family "${family}"; search tools by words with find_tools, or list them with \`reign tools\``;
}
