import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { resolveDataDir } from './app-paths';
import { CommandDispatcher } from './dispatch/command-dispatcher';
import type { CommandHandlers } from './dispatch/command-handlers';
import { DoctorService } from './doctor/doctor-service';
import { EventBus } from './events/event-bus';
import { KeychainSecretStore } from './secrets/keychain-secret-store';
import { declaredSecretReader, hasSyncAccess, type SecretStore } from './secrets/secret-store';
import { SettingsService } from './settings/settings-service';
import { openDatabase } from './storage/database';
import { SettingsRepository } from './storage/settings-repository';
import { REIGN_VERSION } from './version';
import { ConversationRepository } from './agent/conversation-repository';
import { ChatService } from './chat/chat-service';
import { OperationsService } from './operations/operations-service';
import { AuditLog } from './audit/audit-log';
import { Redactor } from './audit/redactor';
import { RunRepository } from './plan/run-repository';
import { NO_TIMING, stepTimings } from './plan/run-timeline';
import { ResourcesService } from './resources-view/resources-service';
import { PolicyEngine } from './policy/policy-engine';
import { policyRuleHandlers } from './policy/policy-rules-handlers';
import { PolicyRulesService } from './policy/policy-rules-service';
import { createShellAnalyzer } from './policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from './policy/shell/shell-analyzer';
import { families as builtInFamilies } from './families';
import type { Family, SecretDeclaration } from './families/family';
import { CredentialService } from './secrets/credential-service';
import { ANTHROPIC_KEY } from './secrets/secret-store';
import type { AgentToolSets } from './agent/tool-sets';
import { ToolRegistry } from './tools/tool-registry';
import { terminalHandlers } from './terminal/terminal-handlers';
import { TerminalService } from './terminal/terminal-service';
import { mcpInboxHandlers } from './mcp-server/mcp-inbox-handlers';
import { dashboardHandlers } from './dashboard/dashboard-handlers';
import { searchHandlers } from './search/search-handlers';
import { McpInboxService } from './mcp-server/mcp-inbox-service';
import { followMcpToolChanges } from './families/mcp/mcp-live-tools';
import { mcpServerHandlers } from './families/mcp/mcp-servers-handlers';
import { McpServerSettings, startedMcpServers } from './families/mcp/mcp-servers-settings';

export interface CoreOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly dataDir?: string;
  /** Replaces the OS keychain; tests pass a store bound to their own keychain service name. */
  readonly secrets?: SecretStore;
  /** The executor families to register (default: every family of families/index.ts); tests add toy ones. */
  readonly families?: readonly Family[];
}

export interface Core {
  readonly dataDir: string;
  readonly db: Database;
  readonly events: EventBus;
  readonly settings: SettingsService;
  readonly secrets: SecretStore;
  readonly doctor: DoctorService;
  readonly dispatcher: CommandDispatcher;
  readonly families: readonly Family[];
  readonly tools: ToolRegistry;
  readonly policy: PolicyEngine;
  /** Adds, lists and revokes policy rules (stored in settings), journaling each change. */
  readonly policyRules: PolicyRulesService;
  readonly runs: RunRepository;
  /** Runs and undoes plans for every caller, journaled; the inbox of plans waiting for approval. */
  readonly operations: OperationsService;
  readonly redactor: Redactor;
  readonly audit: AuditLog;
  readonly conversations: ConversationRepository;
  /** Agent sessions of the desktop UI. */
  readonly chat: ChatService;
  /** The person's own shells in PTYs (the Terminals pane); node-pty loads when the first one opens. */
  readonly terminals: TerminalService;
  /** The steps MCP clients proposed through `reign mcp`, for the app to show and decide. */
  readonly mcpInbox: McpInboxService;
  /** Runs found in flight from a process that died; marked interrupted at start. */
  readonly interruptedRuns: readonly string[];
  /** The families as the agent's tool sets: those enabled in settings, and those present here (per the doctor) loaded at once. */
  agentToolSets(): Promise<AgentToolSets>;
  /** The shell analyzer loads WebAssembly, so it is made on first use. */
  shell(): Promise<ShellAnalyzer>;
  /** Registers every credential in the keychain with the redactor; a keychain that cannot be read is skipped. */
  loadSecretsIntoRedactor(): Promise<void>;
  dispose(): void;
}

/** How much of a step's journaled output History shows. */
const OUTPUT_SHOWN = 20_000;

/** The composition root: builds every service once and wires the contract's handlers to them. */
export function createCore(options: CoreOptions = {}): Core {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? resolveDataDir(env);
  const db = openDatabase({ file: join(dataDir, 'reign.db') });
  const families = options.families ?? builtInFamilies;
  const events = new EventBus();
  const settings = new SettingsService(new SettingsRepository(db), events, Object.fromEntries(families.flatMap((family) => (family.settings ? [[family.id, family.settings]] : []))));
  const secrets = options.secrets ?? new KeychainSecretStore({ env });
  const declaredSecrets = families.flatMap((family) => family.secrets ?? []);
  const secret = declaredSecretReader(secrets, declaredSecrets.map((declared) => declared.name));
  const doctor = new DoctorService({ secrets, settings, dataDir, env, probes: families.flatMap((family) => family.probes ?? []), secret });
  const policy = new PolicyEngine(() => {
    const { policyRules, productionTargets, policyDefaults } = settings.get();
    return { rules: policyRules, production: productionTargets, defaults: policyDefaults };
  });
  const tools = new ToolRegistry().register(...families.flatMap((family) => family.tools));
  const redactor = new Redactor(families.flatMap((family) => family.redactions ?? []));
  // A key given in the environment is masked everywhere from the start; keychain values join on loadSecretsIntoRedactor().
  redactor.addSecret(env.ANTHROPIC_API_KEY ?? null);
  for (const name of declaredSecrets.flatMap((declared) => declared.envNames ?? [])) redactor.addSecret(env[name] ?? null);
  // The chain key is read from the keychain now, synchronously: every append is synchronous.
  const audit = new AuditLog(db, redactor, { keychain: hasSyncAccess(secrets) ? secrets : undefined });
  const runs = new RunRepository(db, redactor, audit);
  const policyRules = new PolicyRulesService({ settings, audit });
  // A log that cannot be written (a table dropped, its key unavailable) must not stop the core: `reign audit verify` says why.
  const interruptedRuns = audit.problem ? [] : runs.markInterrupted();
  for (const runId of interruptedRuns) audit.append('run.interrupted', { runId, note: 'found in flight after its process ended; steps that were running are unknown: check before re-running' }, runId);
  let analyzer: Promise<ShellAnalyzer> | null = null;
  const shell = (): Promise<ShellAnalyzer> => (analyzer ??= createShellAnalyzer(families.flatMap((family) => (family.verbs ? [family.verbs] : []))));
  const operations = new OperationsService({ registry: tools, policy, shell, runs, audit, redactor, secret });
  const views = families.flatMap((family) => (family.views ?? []).map((view) => ({ family, view })));
  const documentChecks = families.flatMap((family) => family.documentChecks ?? []);
  // The chat's workspace (`reign serve --workspace`), read when a view lists: chat is made below.
  const resources = new ResourcesService({ views, env, registry: tools, policy, shell, operations, redactor, events, workspace: () => chat.workspace() });
  const agentToolSets = async (): Promise<AgentToolSets> => {
    const disabled = new Set(settings.get().disabledFamilies);
    const sets = families.filter((family) => family.tools.length && !disabled.has(family.id));
    const checks = await doctor.familyChecks();
    return { sets, initial: sets.filter((family) => !family.presentWhen || family.presentWhen(checks)).map((family) => family.id) };
  };
  const conversations = new ConversationRepository(db, redactor);
  const chat = new ChatService({ registry: tools, agentToolSets, operations, policy, shell, runs, audit, redactor, conversations, events, secrets, settings, env });
  const anthropicKey: SecretDeclaration = {
    name: ANTHROPIC_KEY,
    label: 'Anthropic API key',
    check: (value) => (value.length < 20 ? 'That is too short to be an Anthropic API key' : null),
    test: async () => {
      const { models, problem } = await chat.models.list('anthropic');
      return problem ? { ok: false, message: problem } : { ok: true, message: `The key works: ${models.length} models can be used.` };
    },
  };
  const credentials = new CredentialService({ store: secrets, declared: [anthropicKey, ...families.flatMap((family) => family.secrets ?? [])], redactor, events, env });
  const mcpInbox = new McpInboxService({ db, audit, redactor, events, runs });
  // MCP servers that add or drop tools while running (tools/list_changed) update the registry, journaled.
  const stopFollowingMcpTools = followMcpToolChanges(families, { registry: tools, journal: (kind, payload) => audit.append(kind, payload) });
  const mcpServers = new McpServerSettings({ env, dataDir, started: startedMcpServers(families), journal: (kind, payload) => audit.append(kind, payload) });
  const terminals = new TerminalService({
    env,
    sink: { data: (id, data) => events.emit('terminal.data', { id, data }), exit: (id, exitCode, signal) => events.emit('terminal.exit', { id, exitCode, signal }), redact: (text) => redactor.redact(text) },
  });

  const summary = (run: ReturnType<RunRepository['history']>[number]) => ({ id: run.id, planName: run.planName, status: run.status, startedAt: run.startedAt, endedAt: run.endedAt, workspace: run.workspace, steps: run.steps, targets: run.targets });
  const handlers: CommandHandlers = {
    'app.info': (_request, context) => ({ version: REIGN_VERSION, platform: `${process.platform}-${process.arch}`, dataDir, host: context.host }),
    'app.ping': ({ message }) => ({ message, receivedAt: new Date().toISOString() }),
    'doctor.run': () => doctor.run(),
    'settings.get': () => settings.get(),
    'settings.update': ({ patch }) => settings.update(patch),
    'secrets.status': () => credentials.status(),
    'secrets.set': async ({ name, value }) => {
      await credentials.set(name, value);
      return { stored: true as const };
    },
    'secrets.delete': async ({ name }) => ({ deleted: await credentials.delete(name) }),
    'secrets.test': ({ name }, context) => credentials.test(name, context.signal),
    'secrets.import': ({ name }, context) => credentials.import(name, context.signal),
    'runs.list': ({ status, target }) => ({ runs: runs.history({ status, target }).map(summary), ...runs.filterChoices() }),
    'runs.show': ({ id }) => {
      const [run] = runs.history({ id });
      if (!run) throw Object.assign(new Error(`There is no run ${id}.`), { code: 'NOT_FOUND' });
      const entries = [...audit.entries(id)];
      const approvals = entries.filter((entry) => entry.kind === 'step.approval').map((entry) => entry.payload as { step: string; decision: string; source: string; at: string; targetId: string });
      const timings = stepTimings(entries);
      const outputs = new Map<string, string>();
      for (const entry of entries) {
        if (entry.kind !== 'step.output') continue;
        const { step, text } = entry.payload as { step: string; text: string };
        const sofar = outputs.get(step) ?? '';
        if (sofar.length < OUTPUT_SHOWN) outputs.set(step, (sofar + text).slice(0, OUTPUT_SHOWN));
      }
      return {
        run: summary(run),
        steps: runs.steps(id).map((step) => ({ id: step.stepId, tool: step.tool, status: step.status, risk: step.risk, error: step.error?.message ?? null, output: outputs.get(step.stepId) ?? '', ...(timings.get(step.stepId) ?? NO_TIMING) })),
        approvals: approvals.map(({ step, decision, source, at, targetId }) => ({ step, decision, source, at, targetId })),
      };
    },
    'audit.export': ({ runId }) => {
      const entries = [...audit.entries(runId)];
      return { jsonl: entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : ''), rows: entries.length };
    },
    'targets.list': async () => ({
      targets: (
        await Promise.all(families.map(async (family) => ((await family.targets?.({ env }).catch(() => [])) ?? []).map((target) => ({ id: target.id, label: target.label, kind: target.kind, family: family.id }))))
      ).flat(),
    }),
    'tools.list': () => ({ tools: tools.names().map((name) => ({ name, description: tools.get(name)!.description })) }),
    'resources.views': () => resources.views(),
    'resources.rows': ({ view, scope }, context) => resources.rows(view, context.signal, scope),
    'resources.act': (request) => resources.act(request),
    'resources.read': (request, context) => resources.read(request, context.signal),
    'documents.check': async ({ kind, text, fileName }, context) => {
      const check = documentChecks.find((candidate) => candidate.kind === kind);
      if (!check) throw Object.assign(new Error(`Reign has no check for ${kind} documents.`), { code: 'NOT_FOUND' });
      // Not redacted: every problem is about the text the window itself sent, and the redactor's
      // key: value pattern would mangle the checks' own words ("a write token: anyone who…").
      return check.check(text, { env, signal: context.signal, ...(fileName ? { fileName } : {}) });
    },
    'tools.inputSchema': ({ name }) => {
      const schema = tools.jsonSchemas().find((tool) => tool.name === name)?.inputSchema;
      if (!schema) throw Object.assign(new Error(`There is no tool ${name}.`), { code: 'NOT_FOUND' });
      return { schema };
    },
    'chat.defaults': () => chat.defaults(),
    'chat.send': (request) => chat.send(request),
    'chat.cancel': ({ conversationId }) => ({ cancelled: chat.cancel(conversationId) }),
    'chat.answer': ({ conversationId, answer }) => {
      chat.answer(conversationId, answer);
      return { accepted: true as const };
    },
    'chat.show': ({ conversationId }) => chat.show(conversationId),
    'plan.reclassify': (request) => chat.reclassify(request),
    'plan.decide': (request) => {
      chat.decide(request);
      return { accepted: true as const };
    },
    'plan.reapprove': (request) => {
      chat.reapprove(request);
      return { accepted: true as const };
    },
    'plan.undo': async ({ runId }) => {
      const outcome = await operations.undo(runId, env, (event) => events.emit('runs.undo', { runId: event.runId, step: event.step, type: event.type, ok: event.type === 'step.undone' ? event.ok : false, text: event.text }));
      return outcome.ok ? { ok: outcome.failures === 0, failures: outcome.failures, problem: null } : { ok: false, failures: 0, problem: outcome.problem };
    },
    'conversations.list': () => ({ conversations: conversations.list() }),
    'conversations.rename': ({ id, title }) => {
      if (!conversations.get(id)) throw Object.assign(new Error(`There is no conversation ${id}.`), { code: 'NOT_FOUND' });
      conversations.rename(id, title);
      events.emit('conversations.changed', {});
      return { renamed: true as const };
    },
    'conversations.delete': ({ id }) => {
      chat.delete(id);
      return { deleted: true as const };
    },
    'models.list': ({ provider }) => chat.models.list(provider),
    'models.pull': async ({ model }, context) => {
      await chat.models.pull(model, context.signal);
      return { pulled: true as const };
    },
    ...terminalHandlers(terminals, audit),
    ...policyRuleHandlers(policyRules),
    ...mcpInboxHandlers(mcpInbox),
    ...dashboardHandlers({ families, env, secret, workspace: () => chat.workspace(), production: () => settings.get().productionTargets, runs, redact: (text) => redactor.redact(text), policy }),
    ...searchHandlers({ families, env, secret, shell, workspace: () => chat.workspace(), runs, registry: tools, policy, redactor }),
    ...mcpServerHandlers(mcpServers),
  };

  return {
    dataDir,
    db,
    events,
    settings,
    secrets,
    doctor,
    dispatcher: new CommandDispatcher(handlers),
    families,
    tools,
    policy,
    policyRules,
    runs,
    operations,
    redactor,
    audit,
    conversations,
    chat,
    terminals,
    mcpInbox,
    interruptedRuns,
    agentToolSets,
    shell,
    loadSecretsIntoRedactor: () => credentials.loadIntoRedactor(),
    dispose: () => {
      stopFollowingMcpTools();
      chat.dispose();
      terminals.dispose();
      mcpInbox.dispose();
      resources.dispose();
      // flush throws when the last events or the head file cannot be written: said to the caller, but the database is still closed (and the app can quit).
      try {
        audit.flush();
      } finally {
        db.close();
      }
    },
  };
}
