import { z } from 'zod';
import { defineCommand } from './define';
import { RiskSchema } from './chat';

/**
 * Resource views that families contribute (Docker's containers, images…; Kubernetes' workloads,
 * pods… in a chosen context and namespace): columns, rows, row actions and reads, rendered by one generic table. Every action and
 * read is a tool call on the main side, through the policy and the plan engine.
 */
export const ResourceColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** How a cell is shown and sorted: text, a status badge, a relative age (unix seconds), bytes, a number. */
  kind: z.enum(['text', 'status', 'age', 'bytes', 'number']),
  /** A scope level id: the column shows only while that level is `*` (a Namespace column across every namespace). */
  acrossOnly: z.string().optional(),
});

export const ResourceActionSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** The tool it runs, for the person to see. */
  tool: z.string(),
  /** Offered for several selected rows at once (one plan, one step per row). */
  bulk: z.boolean(),
});

/**
 * Where a scoped view lists, by level id: `{ context: 'prod', namespace: 'payments' }` (`*` for
 * every namespace). Chosen above the table; actions and reads of a row act in the scope it was shown in.
 */
export const ResourceScopeSchema = z
  .record(z.string().min(1).max(50), z.string().min(1).max(253))
  .refine((scope) => Object.keys(scope).length <= 8, 'A scope has at most 8 levels.');
export type ResourceScope = z.infer<typeof ResourceScopeSchema>;

/** One level of a view's scope (a context, a namespace), and what can be chosen there. */
export const ScopeLevelSchema = z.object({ id: z.string(), label: z.string() });
export const ScopeChoicesSchema = z.object({
  /** The scope the rows were read in (what was asked for, where it could be; each level's default otherwise). */
  chosen: ResourceScopeSchema,
  levels: z.array(ScopeLevelSchema.extend({ options: z.array(z.object({ id: z.string(), label: z.string() })) })),
});

export const ResourceViewSchema = z.object({
  /** `<family>.<name>`, e.g. `docker.containers`. */
  id: z.string(),
  family: z.string(),
  /** The family's title, for grouping the views. */
  familyTitle: z.string(),
  title: z.string(),
  columns: z.array(ResourceColumnSchema),
  actions: z.array(ResourceActionSchema),
  /** The levels of its scope, outermost first (none: the view lists in one fixed place, like Docker's engine). */
  scope: z.array(ScopeLevelSchema),
  /**
   * A panel for one row: its logs and a CPU/memory chart, its logs only, or its jobs with their steps
   * and one job's log (a CI run: the read answers a JobsDetail). The reads it uses are named.
   */
  detail: z
    .union([z.object({ kind: z.literal('logs-and-stats'), logs: z.string(), stats: z.string() }), z.object({ kind: z.literal('logs'), logs: z.string() }), z.object({ kind: z.literal('jobs'), jobs: z.string() })])
    .nullable(),
  /** What to say when there are no rows, and what to do about it. */
  empty: z.string(),
  /** How rows are first ordered (null: by the first column, ascending). */
  sort: z.object({ key: z.string(), direction: z.enum(['asc', 'desc']) }).nullable(),
});
export type ResourceView = z.infer<typeof ResourceViewSchema>;

export const ResourceCellSchema = z.union([z.string(), z.number(), z.null()]);
export const ResourceToneSchema = z.enum(['ok', 'warn', 'bad', 'idle']);
export const ResourceRowSchema = z.object({
  key: z.string(),
  cells: z.record(z.string(), ResourceCellSchema),
  /** For `status` columns: the tone of the badge beside the word. */
  tone: ResourceToneSchema,
  /** A tone for one status column that differs from the row's (a pull request that is open, with failing checks). */
  tones: z.record(z.string(), ResourceToneSchema).optional(),
  /** The actions this row offers (a running container stops, an exited one starts). */
  actions: z.array(z.string()),
  /** Whether the view's detail panel applies (a container that is not running has no stats). */
  live: z.boolean(),
});
export type ResourceRow = z.infer<typeof ResourceRowSchema>;

/** One job of a CI run, or one of its steps: what it is, how it ended (or where it is), how long it took. */
const JobStepSchema = z.object({ name: z.string(), status: z.string(), tone: ResourceToneSchema, seconds: z.number().nullable() });
/** What a `jobs` detail read answers: the run's jobs with their steps, and the last lines of one job's log (the failed one's). */
export const JobsDetailSchema = z.object({
  jobs: z.array(JobStepSchema.extend({ steps: z.array(JobStepSchema) })),
  log: z.object({ title: z.string(), lines: z.array(z.string()), truncated: z.boolean() }).nullable(),
  /** Why there is no log, or what about it to know ("No job failed."). */
  note: z.string().nullable(),
});
export type JobsDetail = z.infer<typeof JobsDetailSchema>;

const ViewId = z.string().min(1).max(200);
const RowKeys = z.array(z.string().min(1).max(500)).min(1).max(500);

export const resourceCommands = {
  'resources.views': defineCommand({
    description: 'The resource views every family contributes, with their columns and actions.',
    request: z.object({}).strict(),
    response: z.object({ views: z.array(ResourceViewSchema) }),
  }),
  'resources.rows': defineCommand({
    description: 'The rows of one view, read through its list tool and the policy; a view whose infrastructure cannot be reached says why.',
    request: z.object({ view: ViewId, scope: ResourceScopeSchema.optional() }).strict(),
    response: z.object({ target: z.string(), problem: z.string().nullable(), rows: z.array(ResourceRowSchema), scope: ScopeChoicesSchema.nullable() }),
  }),
  'resources.act': defineCommand({
    description: 'Runs a row action on one or more rows as one plan (a step per row) through the policy. Without approve, says what approval it needs; an approval is for the risk and the targets it was shown.',
    request: z
      .object({
        view: ViewId,
        action: z.string().min(1).max(100),
        rows: RowKeys,
        /** What the person approved: the risk and the target ids the answer without approval showed. */
        approve: z.object({ risk: RiskSchema, targets: z.array(z.string()).min(1).max(20) }).strict().nullable(),
        confirm: z.string().max(500).optional(),
        /** The scope the rows were shown in: the steps act there, whatever is chosen since. */
        scope: ResourceScopeSchema.optional(),
      })
      .strict(),
    response: z.object({ outcome: z.enum(['done', 'needs-approval', 'denied', 'failed']), risk: RiskSchema, reasons: z.array(z.string()), target: z.string(), targetIds: z.array(z.string()), confirmation: z.string().nullable(), message: z.string() }),
  }),
  'resources.read': defineCommand({
    description: 'One of a view\'s reads for one row (a container\'s logs or a stats sample), through the policy, redacted.',
    request: z.object({ view: ViewId, read: z.string().min(1).max(100), row: z.string().min(1).max(500), scope: ResourceScopeSchema.optional() }).strict(),
    response: z.object({ output: z.record(z.string(), z.unknown()) }),
  }),
};
