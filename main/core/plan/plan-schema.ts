import { z } from 'zod';

export const StepIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'Step ids are letters, digits, _ . - (up to 100), starting with a letter or digit');

export const PlanStepSchema = z
  .object({
    id: StepIdSchema,
    tool: z.string().min(1),
    input: z.record(z.string(), z.unknown()).default({}),
    dependsOn: z.array(StepIdSchema).default([]),
    name: z.string().max(200).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

/** A plan as written by a person or a model: a top-level `steps:` list. */
export const PlanSchema = z
  .object({
    name: z.string().max(200).optional(),
    steps: z.array(PlanStepSchema).min(1, 'A plan needs at least one step'),
  })
  .strict();

export type PlanStep = z.infer<typeof PlanStepSchema>;
export type Plan = z.infer<typeof PlanSchema>;

/** One thing wrong with a plan; validation reports all of them at once. */
export interface PlanProblem {
  readonly step: string | null;
  /** Where in the step: `input.path`, `dependsOn`, `tool`… */
  readonly path: string;
  readonly message: string;
}
