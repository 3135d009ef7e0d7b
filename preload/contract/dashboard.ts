import { z } from 'zod';
import { defineCommand } from './define';
import { ResourceScopeSchema } from './resources';

/**
 * The home dashboard: the health of every target the families know (engines, clusters, Terraform
 * workspaces, repositories) and the runs of the journal, read by main in one call. Each family says
 * what its targets are like; the core only gathers the answers, each within its own time limit.
 */
export const HealthToneSchema = z.enum(['ok', 'warn', 'bad', 'idle']);
export type HealthTone = z.infer<typeof HealthToneSchema>;

export const TargetHealthSchema = z.object({
  /** The target's id as rules and approvals name it (`docker:default`, `kubernetes:prod/*`), or the family's own id for a family-wide card. */
  id: z.string(),
  family: z.string(),
  familyTitle: z.string(),
  /** What the card is about, for people: "Docker engine", "Kubernetes context". */
  kind: z.string(),
  label: z.string(),
  tone: HealthToneSchema,
  /** One word or two: "connected", "unreachable", "not configured", "drift found". */
  state: z.string(),
  /** One line a person can read. */
  summary: z.string(),
  /** What to do when the target is not healthy; null when nothing is needed. */
  fix: z.string().nullable(),
  /** Plain facts: the server version, the namespaces count. */
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Counts with a tone each (containers running, pods failed), shown large. */
  counts: z.array(z.object({ label: z.string(), value: z.number(), tone: HealthToneSchema, atLeast: z.boolean().optional() })),
  /** `current`: the kubeconfig's current context; `production`: a production target per Settings (marked by the core, never by the family). */
  marks: z.array(z.enum(['current', 'production'])),
  /** The Resources view (and its scope) that lists this target's resources, or null. */
  open: z.object({ view: z.string(), scope: ResourceScopeSchema.optional() }).nullable(),
});
export type TargetHealth = z.infer<typeof TargetHealthSchema>;

/** What a family's health hook gives: the core fills in the family and the production mark. */
export type FamilyTargetHealth = Omit<TargetHealth, 'family' | 'familyTitle' | 'marks'> & { readonly marks?: readonly 'current'[] };

export const DashboardRunSchema = z.object({
  id: z.string(),
  planName: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** From start to end; null while running. */
  durationMs: z.number().nullable(),
  steps: z.number(),
  targets: z.array(z.string()),
});
export type DashboardRun = z.infer<typeof DashboardRunSchema>;

export const dashboardCommands = {
  'dashboard.health': defineCommand({
    description: 'The health of every target the families know (each family within its own time limit, so one slow cluster does not hold the others), and the recent and recently failed runs.',
    request: z.object({}).strict(),
    response: z.object({
      targets: z.array(TargetHealthSchema),
      recentRuns: z.array(DashboardRunSchema),
      failedRuns: z.array(DashboardRunSchema),
      checkedAt: z.string(),
    }),
  }),
} as const;
