import { z } from 'zod';
import { defineCommand } from './define';
import { DoctorReportSchema } from './doctor';
import { SettingsPatchSchema, SettingsSchema } from './settings';
import { terminalCommands } from './terminal';

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
    response: z.object({ keychain: KeychainStatusSchema, anthropicKeyStored: z.boolean() }),
  }),
  'secrets.setAnthropicKey': defineCommand({
    description: 'Store the Anthropic API key in the OS keychain.',
    request: z.object({ key: z.string().trim().min(20, 'That is too short to be an Anthropic API key').max(500) }).strict(),
    response: z.object({ stored: z.literal(true) }),
  }),
  'secrets.deleteAnthropicKey': defineCommand({
    description: 'Remove the Anthropic API key from the OS keychain.',
    request: Empty,
    response: z.object({ deleted: z.boolean() }),
  }),
  'runs.list': defineCommand({
    description: 'Past runs, newest first, filtered by status and by target.',
    request: z.object({ status: z.string().max(40).optional(), target: z.string().max(500).optional() }).strict(),
    response: z.object({ runs: z.array(RunSummarySchema), targets: z.array(z.string()), statuses: z.array(z.string()) }),
  }),
  'runs.show': defineCommand({
    description: 'One run: its steps with status and risk, and every approval decision with time and source.',
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({
      run: RunSummarySchema,
      steps: z.array(z.object({ id: z.string(), tool: z.string(), status: z.string(), risk: z.string(), error: z.string().nullable() })),
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
  'resources.list': defineCommand({
    description: 'The Docker engine in use and its containers, images, networks and volumes.',
    request: z.object({}).strict(),
    response: z.object({
      engine: z.object({ target: z.string(), reachable: z.boolean(), problem: z.string().nullable() }),
      containers: z.array(z.object({ id: z.string(), name: z.string(), image: z.string(), state: z.string(), status: z.string(), project: z.string().nullable() })),
      images: z.array(z.object({ id: z.string(), tags: z.array(z.string()), sizeBytes: z.number() })),
      networks: z.array(z.object({ id: z.string(), name: z.string(), driver: z.string() })),
      volumes: z.array(z.object({ name: z.string(), driver: z.string() })),
    }),
  }),
  'resources.act': defineCommand({
    description: 'Start, stop, restart or remove a container, as a one-step plan through the policy. Without approve, says what approval is needed.',
    request: z.object({ id: z.string().min(1).max(200), action: z.enum(['start', 'stop', 'restart', 'remove']), approve: z.boolean(), confirm: z.string().max(500).optional() }).strict(),
    response: z.object({ outcome: z.enum(['done', 'needs-approval', 'denied', 'failed']), risk: z.string(), reasons: z.array(z.string()), target: z.string(), confirmation: z.string().nullable(), message: z.string() }),
  }),
  ...terminalCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<Commands[C]['response']>;
/** What a handler receives: the request after its schema applied defaults and trimming. */
export type ParsedCommandRequest<C extends CommandName> = z.output<Commands[C]['request']>;

export const commandNames = Object.keys(commands) as CommandName[];
