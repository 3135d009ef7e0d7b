import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Plan, type PlanProblem, PlanSchema } from './plan-schema';

export type LoadResult = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] };

/** Reads a plan file (YAML or JSON; JSON is YAML) and checks its shape. Tools and graph are checked by validatePlan. */
export function loadPlanFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ step: null, path: file, message: `cannot read the plan file: ${(error as Error).message}` }] };
  }
  return parsePlanText(text, file);
}

export function parsePlanText(text: string, source = 'plan'): LoadResult {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (error) {
    return { ok: false, problems: [{ step: null, path: source, message: `not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const parsed = PlanSchema.safeParse(data);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const steps = (data as { steps?: { id?: unknown }[] } | null)?.steps;
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const [first, index, ...rest] = issue.path;
      const stepId = first === 'steps' && typeof index === 'number' ? String(steps?.[index]?.id ?? `#${index + 1}`) : null;
      return { step: stepId, path: (stepId ? rest : issue.path).join('.') || '(plan)', message: issue.message };
    }),
  };
}
