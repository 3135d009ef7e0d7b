import { z } from 'zod';
import { defineCommand } from './define';
import { RiskSchema } from './chat';

/**
 * Resource views that families contribute (Docker's containers, images…; Kubernetes' workloads
 * later): columns, rows, row actions and reads, rendered by one generic table. Every action and
 * read is a tool call on the main side, through the policy and the plan engine.
 */
export const ResourceColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** How a cell is shown and sorted: text, a status badge, a relative age (unix seconds), bytes, a number. */
  kind: z.enum(['text', 'status', 'age', 'bytes', 'number']),
});

export const ResourceActionSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** The tool it runs, for the person to see. */
  tool: z.string(),
  /** Offered for several selected rows at once (one plan, one step per row). */
  bulk: z.boolean(),
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
  /** A panel for one row: its logs and a CPU/memory chart (the reads it uses are named). */
  detail: z.object({ kind: z.literal('logs-and-stats'), logs: z.string(), stats: z.string() }).nullable(),
  /** What to say when there are no rows, and what to do about it. */
  empty: z.string(),
});
export type ResourceView = z.infer<typeof ResourceViewSchema>;

export const ResourceCellSchema = z.union([z.string(), z.number(), z.null()]);
export const ResourceRowSchema = z.object({
  key: z.string(),
  cells: z.record(z.string(), ResourceCellSchema),
  /** For `status` columns: the tone of the badge beside the word. */
  tone: z.enum(['ok', 'warn', 'bad', 'idle']),
  /** The actions this row offers (a running container stops, an exited one starts). */
  actions: z.array(z.string()),
  /** Whether the view's detail panel applies (a container that is not running has no stats). */
  live: z.boolean(),
});
export type ResourceRow = z.infer<typeof ResourceRowSchema>;

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
    request: z.object({ view: ViewId }).strict(),
    response: z.object({ target: z.string(), problem: z.string().nullable(), rows: z.array(ResourceRowSchema) }),
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
      })
      .strict(),
    response: z.object({ outcome: z.enum(['done', 'needs-approval', 'denied', 'failed']), risk: RiskSchema, reasons: z.array(z.string()), target: z.string(), targetIds: z.array(z.string()), confirmation: z.string().nullable(), message: z.string() }),
  }),
  'resources.read': defineCommand({
    description: 'One of a view\'s reads for one row (a container\'s logs or a stats sample), through the policy, redacted.',
    request: z.object({ view: ViewId, read: z.string().min(1).max(100), row: z.string().min(1).max(500) }).strict(),
    response: z.object({ output: z.record(z.string(), z.unknown()) }),
  }),
};
