import { z } from 'zod';

// What the chat and plan panes receive about an agent session. Mirrors main's SessionEvent; run
// events are passed through with their own fields (documented in main/core/plan/run-events.ts).

export const RiskSchema = z.enum(['read', 'write', 'destructive', 'critical']);
export type RiskLevel = z.infer<typeof RiskSchema>;

export const ProviderIdSchema = z.enum(['anthropic', 'ollama', 'scripted']);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export const TargetSchema = z.object({ kind: z.string(), id: z.string(), label: z.string() });

/** One attribute of a planned change. A sensitive one carries no value: it is shown as (sensitive). */
export const PlanAttributeSchema = z.object({
  path: z.string(),
  before: z.string().nullable(),
  /** '(known after apply)' for a value Terraform learns only when it applies. */
  after: z.string().nullable(),
  sensitive: z.boolean(),
  forcesReplacement: z.boolean(),
});
export type PlanAttributeView = z.infer<typeof PlanAttributeSchema>;

/** forget: Terraform drops the resource from its state and leaves the real object as it is, unmanaged. */
export const PlanActionSchema = z.enum(['create', 'update', 'replace', 'delete', 'read', 'forget']);
export type PlanActionView = z.infer<typeof PlanActionSchema>;

/** One resource a Terraform plan changes (or, in `drift`, found changed outside Terraform). Mirrors main's PlanChange. */
export const PlanChangeSchema = z.object({
  address: z.string(),
  /** The module address (`module.network`), null for the root module. */
  module: z.string().nullable(),
  type: z.string(),
  name: z.string(),
  action: PlanActionSchema,
  /** The attribute paths that force the replacement (Terraform's replace_paths). */
  replaceBecause: z.array(z.string()),
  attributes: z.array(PlanAttributeSchema),
});
export type PlanChangeView = z.infer<typeof PlanChangeSchema>;

const count = z.number().int().min(0);

/** A Terraform plan rendered for approval: counts, the changes, drift, and terraform's own text one click away. */
export const PlanPreviewSchema = z.object({
  kind: z.literal('plan'),
  title: z.string(),
  // forget came later: a preview made before it was counted has none, which is 0.
  counts: z.object({ create: count, update: count, replace: count, delete: count, read: count, forget: count.default(0) }),
  changes: z.array(PlanChangeSchema),
  drift: z.array(PlanChangeSchema),
  /** The plain `terraform show` of the saved plan. */
  text: z.string(),
});
export type PlanPreviewView = z.infer<typeof PlanPreviewSchema>;

export const PreviewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('file'), path: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  PlanPreviewSchema,
]);
export type StepPreview = z.infer<typeof PreviewSchema>;

export const ProposedStepSchema = z.object({
  id: z.string(),
  tool: z.string(),
  name: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
  dependsOn: z.array(z.string()),
  risk: RiskSchema,
  reasons: z.array(z.string()),
  target: TargetSchema,
  /** The policy's verdict: allow, ask or deny. */
  decision: z.string(),
  /** The verdict came from one of the person's rules, not the default for the risk. */
  byRule: z.boolean().optional(),
  confirmation: z.string().nullable(),
  /** A hash of the files the step runs as they were when classified; an approval carries it back. */
  contentHash: z.string().nullable().optional(),
  preview: PreviewSchema,
  undoable: z.boolean(),
  /** The shell command it runs (for tools whose input is one), else null: an "Allow again" rule is scoped to its verb. */
  shellCommand: z.string().nullable().optional(),
});
export type ProposedStepView = z.infer<typeof ProposedStepSchema>;

export const ProposedPlanSchema = z.object({ proposalId: z.string(), summary: z.string(), steps: z.array(ProposedStepSchema) });
export type ProposedPlanView = z.infer<typeof ProposedPlanSchema>;

export const UsageSchema = z.object({ inputTokens: z.number(), outputTokens: z.number(), cacheReadTokens: z.number(), cacheWriteTokens: z.number() });

/** Every status a step of a run can have, as the runner journals it. */
export type RunStepStatus = 'pending' | 'needs-approval' | 'denied' | 'rejected' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'undone' | 'undo-failed' | 'left-in-place' | 'unknown';

/** One run event (run.started, step.output, step.finished, rollback.started, step.undone…). */
export const RunEventSchema = z.looseObject({ type: z.string(), runId: z.string(), step: z.string().optional() });
export type RunEventView = z.infer<typeof RunEventSchema>;

export const SessionStateSchema = z.enum(['idle', 'thinking', 'streaming', 'waiting-for-approval', 'waiting-for-user', 'running-plan', 'done', 'failed', 'cancelled']);
export type SessionStateView = z.infer<typeof SessionStateSchema>;

export const ChatEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: SessionStateSchema, attempt: z.number() }),
  z.object({ type: z.literal('text'), delta: z.string() }),
  z.object({ type: z.literal('tool_call'), id: z.string(), name: z.string(), arguments: z.unknown() }),
  z.object({ type: z.literal('tool_result'), id: z.string(), name: z.string(), isError: z.boolean(), content: z.string() }),
  z.object({ type: z.literal('plan_proposed'), plan: ProposedPlanSchema }),
  z.object({ type: z.literal('approval_needed'), steps: z.array(z.object({ id: z.string(), risk: RiskSchema, why: z.string() })) }),
  z.object({ type: z.literal('run_event'), event: RunEventSchema }),
  z.object({ type: z.literal('question'), question: z.string() }),
  z.object({ type: z.literal('notice'), message: z.string() }),
  z.object({ type: z.literal('usage'), usage: UsageSchema, costUsd: z.number().nullable(), total: UsageSchema, totalCostUsd: z.number().nullable() }),
  z.object({
    type: z.literal('final'),
    status: z.enum(['done', 'failed', 'cancelled']),
    text: z.string(),
    awaitingApproval: z.array(z.string()),
    error: z.object({ kind: z.string(), message: z.string() }).optional(),
  }),
]);
export type ChatEvent = z.infer<typeof ChatEventSchema>;

/** A person's decision on one step in the plan graph. */
export const StepDecisionSchema = z.discriminatedUnion('decision', [
  /** Approved for this target, up to this risk: a step that turns out riskier or elsewhere waits again. */
  z.object({ step: z.string(), decision: z.literal('approve'), targetId: z.string(), risk: RiskSchema, contentHash: z.string().nullable().optional() }).strict(),
  z.object({ step: z.string(), decision: z.literal('reject') }).strict(),
  /** An edited input; `approved` approves it for the target and risk it was classified to after the edit. */
  z.object({ step: z.string(), decision: z.literal('edit'), input: z.record(z.string(), z.unknown()), approved: z.object({ targetId: z.string(), risk: RiskSchema }).strict().optional() }).strict(),
]);
export type StepDecisionView = z.infer<typeof StepDecisionSchema>;

/** A message of a stored conversation, for showing it again when it is resumed. */
export const TranscriptEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), text: z.string() }),
  z.object({ kind: z.literal('assistant'), text: z.string() }),
  z.object({ kind: z.literal('tool'), id: z.string(), name: z.string(), arguments: z.unknown(), result: z.string().nullable(), isError: z.boolean() }),
]);
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export const ConversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string(),
  model: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  usage: UsageSchema,
  costUsd: z.number().nullable(),
});
export type ConversationSummaryView = z.infer<typeof ConversationSummarySchema>;
