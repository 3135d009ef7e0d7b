import { z } from 'zod';
import { defineCommand } from './define';
import { ConversationSummarySchema, ProposedPlanSchema, ProposedStepSchema, ProviderIdSchema, RiskSchema, SessionStateSchema, StepDecisionSchema, TranscriptEntrySchema } from './chat';
import { DoctorReportSchema } from './doctor';
import { SettingsPatchSchema, SettingsSchema } from './settings';
import { resourceCommands } from './resources';
import { terminalCommands } from './terminal';
import { policyRuleCommands } from './policy-rules';
import { mcpServerCommands } from './mcp-servers';
import { mcpInboxCommands } from './mcp-inbox';
import { dashboardCommands } from './dashboard';
import { searchCommands } from './search';

const Empty = z.object({}).strict();

export const KeychainStatusSchema = z.object({
  available: z.boolean(),
  backend: z.string(),
  /** Why it is unavailable and what to do; null when available. */
  problem: z.string().nullable(),
});

export const RunSummarySchema = z.object({
  id: z.string(),
  planName: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  workspace: z.string(),
  steps: z.number(),
  targets: z.array(z.string()),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** Every command the renderer can send. The key is the command's name on both transports. */
export const commands = {
  'app.info': defineCommand({
    description: 'Version, platform and where data lives.',
    request: Empty,
    response: z.object({
      version: z.string(),
      platform: z.string(),
      dataDir: z.string(),
      host: z.enum(['electron', 'serve']),
    }),
  }),
  'app.ping': defineCommand({
    description: 'Round trip through the transport; echoes the message.',
    request: z.object({ message: z.string().max(10_000) }).strict(),
    response: z.object({ message: z.string(), receivedAt: z.string() }),
  }),
  'doctor.run': defineCommand({
    description: 'Look for the Docker engine, kubeconfig, CLIs, keychain and model providers.',
    request: Empty,
    response: DoctorReportSchema,
  }),
  'settings.get': defineCommand({
    description: 'All settings with defaults filled in.',
    request: Empty,
    response: SettingsSchema,
  }),
  'settings.update': defineCommand({
    description: 'Change some settings; the others stay. Emits settings.changed.',
    request: z.object({ patch: SettingsPatchSchema }).strict(),
    response: SettingsSchema,
  }),
  'secrets.status': defineCommand({
    description: 'Whether the keychain works and which credentials are stored (never their values).',
    request: Empty,
    response: z.object({
      keychain: KeychainStatusSchema,
      anthropicKeyStored: z.boolean(),
      /** Every credential the core and the families declare, and whether it is stored. */
      secrets: z.array(
        z.object({
          name: z.string(),
          label: z.string(),
          stored: z.boolean(),
          testable: z.boolean(),
          /** Where Settings can import it from once (`gh auth token`), or null. */
          importFrom: z.string().nullable().default(null),
        }),
      ),
    }),
  }),
  'secrets.set': defineCommand({
    description: 'Store a declared credential in the OS keychain; from then on its value is masked everywhere.',
    request: z.object({ name: z.string().min(1).max(100), value: z.string().trim().min(1).max(10_000) }).strict(),
    response: z.object({ stored: z.literal(true) }),
  }),
  'secrets.delete': defineCommand({
    description: 'Remove a declared credential from the OS keychain.',
    request: z.object({ name: z.string().min(1).max(100) }).strict(),
    response: z.object({ deleted: z.boolean() }),
  }),
  'secrets.import': defineCommand({
    description: 'Store a declared credential read once from where it can be imported (the GitHub token from `gh auth token`); the value stays in main.',
    request: z.object({ name: z.string().min(1).max(100) }).strict(),
    response: z.object({ stored: z.literal(true), message: z.string() }),
  }),
  'secrets.test': defineCommand({
    description: 'Check that a stored credential works (for the Anthropic key: list the models it can use).',
    request: z.object({ name: z.string().min(1).max(100) }).strict(),
    response: z.object({ ok: z.boolean(), message: z.string() }),
  }),
  'runs.list': defineCommand({
    description: 'Past runs, newest first, filtered by status and by target.',
    request: z.object({ status: z.string().max(40).optional(), target: z.string().max(500).optional() }).strict(),
    response: z.object({ runs: z.array(RunSummarySchema), targets: z.array(z.string()), statuses: z.array(z.string()) }),
  }),
  'runs.show': defineCommand({
    description: 'One run: its steps with status, risk, output (as journaled, redacted, up to 20,000 characters each) and when each started, finished and waited for a person, and every approval decision with time and source.',
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({
      run: RunSummarySchema,
      steps: z.array(
        z.object({
          id: z.string(),
          tool: z.string(),
          status: z.string(),
          risk: z.string(),
          error: z.string().nullable(),
          output: z.string(),
          /** From the journal's step.started and step.finished: the step's bar on the run's timeline (null: it did not start, or has not finished). */
          startedAt: z.string().nullable(),
          endedAt: z.string().nullable(),
          attempts: z.number(),
          /** Times it waited for a person during the run (to: null while unanswered). */
          waits: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
        }),
      ),
      approvals: z.array(z.object({ step: z.string(), decision: z.string(), source: z.string(), at: z.string(), targetId: z.string() })),
    }),
  }),
  'audit.export': defineCommand({
    description: 'The audit log of one run (or all) as JSON lines, redacted as stored.',
    request: z.object({ runId: z.string().max(100).optional() }).strict(),
    response: z.object({ jsonl: z.string(), rows: z.number() }),
  }),
  'tools.list': defineCommand({
    description: 'Every tool Reign has, for previews of what a policy rule would match.',
    request: z.object({}).strict(),
    response: z.object({ tools: z.array(z.object({ name: z.string(), description: z.string() })) }),
  }),
  'targets.list': defineCommand({
    description: 'The targets the families know on this machine (the Docker engine, kube contexts…), for rules and production targets.',
    request: z.object({}).strict(),
    response: z.object({ targets: z.array(z.object({ id: z.string(), label: z.string(), kind: z.string(), family: z.string() })) }),
  }),
  ...resourceCommands,
  'documents.check': defineCommand({
    description: 'Check a document of a kind a family knows (a GitHub Actions workflow) in main, for markers in the editor: problems placed by 1-based line and column.',
    request: z.object({ kind: z.string().min(1).max(100), text: z.string().max(1_000_000), fileName: z.string().max(4096).optional() }).strict(),
    response: z.object({
      problems: z.array(
        z.object({
          severity: z.enum(['error', 'warning', 'info']),
          message: z.string(),
          /** Who found it: "actionlint", "risk", "schema"… */
          source: z.string(),
          /** The check's name for it (`untrusted-input`, `actionlint:expression`). */
          rule: z.string(),
          line: z.number(),
          column: z.number(),
          endLine: z.number(),
          endColumn: z.number(),
        }),
      ),
      /** What was not checked and why ("actionlint is not on PATH…"). */
      notes: z.array(z.string()),
    }),
  }),
  'tools.inputSchema': defineCommand({
    description: 'The JSON Schema of one tool\'s input, for editing a plan step against it.',
    request: z.object({ name: z.string().min(1).max(200) }).strict(),
    response: z.object({ schema: z.record(z.string(), z.unknown()) }),
  }),
  'chat.defaults': defineCommand({
    description: 'Where a new conversation works (its workspace folder) and which model providers can be chosen.',
    request: Empty,
    response: z.object({
      workspace: z.string(),
      provider: ProviderIdSchema,
      model: z.string(),
      providers: z.array(z.object({ id: ProviderIdSchema, label: z.string(), available: z.boolean(), problem: z.string().nullable() })),
    }),
  }),
  'chat.send': defineCommand({
    description: 'Send a request to the agent. Returns at once; the session streams chat.event events.',
    request: z.object({
      conversationId: z.string().max(100).optional(),
      text: z.string().trim().min(1, 'Type a request first').max(100_000),
      provider: ProviderIdSchema.optional(),
      model: z.string().max(200).optional(),
      workspace: z.string().max(4096).optional(),
    }).strict(),
    response: z.object({ conversationId: z.string() }),
  }),
  'chat.cancel': defineCommand({
    description: 'Stop the session whatever it is doing: the model stream, a question, a plan waiting or running.',
    request: z.object({ conversationId: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
  'chat.answer': defineCommand({
    description: 'Answer the question the agent asked.',
    request: z.object({ conversationId: z.string().min(1).max(100), answer: z.string().trim().min(1, 'Type an answer first').max(20_000) }).strict(),
    response: z.object({ accepted: z.literal(true) }),
  }),
  'chat.show': defineCommand({
    description: 'A conversation as it stands: its messages, state, and the plan or question waiting for the person.',
    request: z.object({ conversationId: z.string().min(1).max(100) }).strict(),
    response: z.object({
      conversation: ConversationSummarySchema,
      transcript: z.array(TranscriptEntrySchema),
      state: SessionStateSchema,
      pendingPlan: ProposedPlanSchema.nullable(),
      pendingQuestion: z.string().nullable(),
    }),
  }),
  'plan.reclassify': defineCommand({
    description: 'Validate and classify an edited step input again, before it can be approved.',
    request: z.object({ conversationId: z.string().min(1).max(100), proposalId: z.string().min(1).max(100), step: z.string().min(1).max(100), input: z.record(z.string(), z.unknown()) }).strict(),
    response: z.object({ problems: z.array(z.string()), step: ProposedStepSchema.nullable() }),
  }),
  'plan.decide': defineCommand({
    description: 'Answer a proposed plan: decisions on single steps, approval up to a risk, typed confirmations. Steps still needing approval do not run.',
    request: z.object({
      conversationId: z.string().min(1).max(100),
      proposalId: z.string().min(1).max(100),
      approveUpTo: RiskSchema.nullable(),
      decisions: z.array(StepDecisionSchema).max(500),
      confirmations: z.array(z.string().max(500)).max(100).default([]),
      allowCritical: z.array(z.string().max(100)).max(500).default([]),
    }).strict(),
    response: z.object({ accepted: z.literal(true) }),
  }),
  'plan.reapprove': defineCommand({
    description: 'Answer a step of a running plan that asks again, now that its input is resolved (its approval no longer covered it, or its target is production): approve it as it is now (with the production name typed), or reject it.',
    request: z.object({ conversationId: z.string().min(1).max(100), runId: z.string().min(1).max(100), step: z.string().min(1).max(100), decision: z.enum(['approve', 'reject']), confirmation: z.string().max(500).optional() }).strict(),
    response: z.object({ accepted: z.literal(true) }),
  }),
  'plan.undo': defineCommand({
    description: 'Undo a finished run, dependents first; steps without an undo are reported as left in place. Streams runs.undo events.',
    request: z.object({ runId: z.string().min(1).max(100) }).strict(),
    response: z.object({ ok: z.boolean(), failures: z.number(), problem: z.string().nullable() }),
  }),
  'conversations.list': defineCommand({
    description: 'Stored conversations, most recent first, with tokens and cost.',
    request: Empty,
    response: z.object({ conversations: z.array(ConversationSummarySchema) }),
  }),
  'conversations.rename': defineCommand({
    description: 'Give a conversation a new title.',
    request: z.object({ id: z.string().min(1).max(100), title: z.string().trim().min(1, 'A title cannot be empty').max(200) }).strict(),
    response: z.object({ renamed: z.literal(true) }),
  }),
  'conversations.delete': defineCommand({
    description: 'Delete a conversation and its messages (runs stay in the journal). A conversation that is working must be stopped first.',
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ deleted: z.literal(true) }),
  }),
  'models.list': defineCommand({
    description: 'The models a provider offers (Ollama: installed models), or why they cannot be listed.',
    request: z.object({ provider: ProviderIdSchema }).strict(),
    response: z.object({ models: z.array(z.string()), problem: z.string().nullable() }),
  }),
  'models.pull': defineCommand({
    description: 'Pull an Ollama model; progress arrives as models.pullProgress events.',
    request: z.object({ model: z.string().trim().min(1).max(200) }).strict(),
    response: z.object({ pulled: z.literal(true) }),
  }),
  ...terminalCommands,
  ...policyRuleCommands,
  ...mcpServerCommands,
  ...mcpInboxCommands,
  ...dashboardCommands,
  ...searchCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<Commands[C]['response']>;
/** What a handler receives: the request after its schema applied defaults and trimming. */
export type ParsedCommandRequest<C extends CommandName> = z.output<Commands[C]['request']>;

export const commandNames = Object.keys(commands) as CommandName[];
