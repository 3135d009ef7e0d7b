import { inputIssues } from '../tools/input-issues';
import type { AskAgain } from '../plan/ask-again';
import { contextWithPlannedFiles, plannedFiles } from '../plan/planned-files';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import type { Redactor } from '../audit/redactor';
import { classifyStep } from '../plan/classify-step';
import type { PlanRunner, StepDecision } from '../plan/plan-runner';
import { OperationsService } from '../operations/operations-service';
import { expandPlan } from '../plan/expand-plan';
import type { RunEvent, RunStatus } from '../plan/run-events';
import type { RunRepository } from '../plan/run-repository';
import type { PolicyEngine } from '../policy/policy-engine';
import type { Risk } from '../policy/risk';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { type ToolContext, toolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import { StreamRedactor } from '../audit/stream-redactor';
import { describeStep, type ProposedStep } from './describe-step';
import { ASK_USER, AskUserSchema, agentToolSpecs, PROPOSE_PLAN, ProposePlanSchema } from './agent-tools';
import { FIND_TOOLS, FindToolsSchema, searchTools, type ToolSet } from './tool-sets';
import type { ToolDefinition } from '../tools/tool-definition';
import { compactContext, estimateTokens } from './context-window';
import type { ConversationRepository } from './conversation-repository';
import { costOf, type PriceTable } from './cost';
import { type AgentMessage, addUsage, type ContentPart, type ModelProvider, noUsage, ProviderError, type Usage } from './model-types';
import { containsCommand } from './plain-text-commands';
import { SessionStateMachine, type SessionState } from './session-state';
import { formatToolOutput } from './tool-output';

export type { ProposedStep } from './describe-step';

export interface ProposedPlan {
  /** Answers name the proposal they answer, so a late answer cannot approve a newer plan. */
  readonly proposalId: string;
  readonly summary: string;
  readonly steps: readonly ProposedStep[];
}

/** How the person answers a plan: approve up to a risk, and/or decide single steps. */
export interface PlanAnswer {
  readonly approveUpTo: Risk | null;
  readonly decisions?: ReadonlyMap<string, StepDecision>;
  readonly source: string;
  /** Production targets confirmed by typing their names. */
  readonly confirmations?: readonly string[];
  /** Critical steps allowed for this run only. */
  readonly allowCritical?: readonly string[];
}

export type SessionEvent =
  | { type: 'state'; state: SessionState; attempt: number }
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_result'; id: string; name: string; isError: boolean; content: string }
  | { type: 'plan_proposed'; plan: ProposedPlan }
  | { type: 'approval_needed'; steps: { id: string; risk: Risk; why: string }[] }
  | { type: 'run_event'; event: RunEvent }
  | { type: 'question'; question: string }
  | { type: 'notice'; message: string }
  | { type: 'usage'; usage: Usage; costUsd: number | null; total: Usage; totalCostUsd: number | null }
  | { type: 'final'; status: 'done' | 'failed' | 'cancelled'; text: string; awaitingApproval: string[]; error?: { kind: string; message: string } };

export interface AgentSessionDependencies {
  readonly provider: ModelProvider;
  readonly model: string;
  readonly systemPrompt: string;
  readonly registry: ToolRegistry;
  /** The families as tool sets (default: every registry tool as one set, all loaded). */
  readonly toolSets?: readonly ToolSet[];
  /** Ids of the sets loaded at once (the families relevant here); the rest are found with find_tools. Default: all. */
  readonly initialToolSets?: readonly string[];
  readonly policy: PolicyEngine;
  /** Where runs are journaled (default: one built from the services here). */
  readonly operations?: OperationsService;
  readonly shell: ShellAnalyzer;
  readonly runs: RunRepository;
  readonly audit: AuditLog;
  readonly redactor: Redactor;
  readonly prices: PriceTable;
  readonly workspace: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly conversations?: ConversationRepository;
  readonly conversationId?: string;
  readonly answerPlan: (plan: ProposedPlan) => Promise<PlanAnswer>;
  /** Asks about a step of the running plan again once its resolved input is known (the plan graph); without it the step waits. */
  readonly askAgain?: AskAgain;
  readonly askUser: (question: string) => Promise<string>;
  readonly maxTurns?: number;
  readonly maxMalformedCalls?: number;
  readonly maxTokens?: number;
}

export interface SessionResult {
  readonly status: 'done' | 'failed' | 'cancelled';
  readonly text: string;
  /** Steps proposed but not run because they were not approved. */
  readonly awaitingApproval: string[];
  readonly usage: Usage;
}

/**
 * One conversation with the agent. The model only proposes: read-only tools the policy allows run
 * at once; everything else runs only as an approved plan step. Malformed tool calls and commands in
 * plain text go back to the model as errors and never turn into actions.
 */
export class AgentSession {
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly machine = new SessionStateMachine((state, attempt) => this.emit({ type: 'state', state, attempt }));
  private readonly messages: AgentMessage[] = [];
  private readonly ctx: ToolContext;
  private readonly runner: PlanRunner;
  private readonly toolSets: readonly ToolSet[];
  /** Tools loaded into the conversation, in the order they were loaded; only ever grows. */
  private readonly loaded: ToolDefinition[] = [];
  /** What the model is offered; rebuilt only when a tool is loaded, so byte-identical turn to turn (prompt caching needs it). */
  private toolSpecs: ReturnType<typeof agentToolSpecs>;
  private controller = new AbortController();
  private total: Usage = noUsage;
  private totalCost: number | null = 0;

  constructor(private readonly deps: AgentSessionDependencies) {
    this.ctx = toolContext(deps.workspace, deps.env ?? process.env, deps.shell, deps.operations?.secret);
    this.toolSets = deps.toolSets ?? [{ id: 'tools', title: 'Reign tools', description: '', tools: deps.registry.names().map((name) => deps.registry.get(name)!) }];
    const initial = new Set(deps.initialToolSets ?? this.toolSets.map((set) => set.id));
    this.loaded.push(...this.toolSets.filter((set) => initial.has(set.id)).flatMap((set) => (set.essential ? set.tools.filter((tool) => set.essential!.includes(tool.name)) : set.tools)));
    // A model with a small context (a local one) cannot afford every family's tools at once: offer
    // what fits in half of its window, the rest through find_tools, which loads them when asked.
    const affordable = deps.provider.contextWindow(deps.model) * 0.5;
    while (this.loaded.length && estimateTokens(deps.systemPrompt.length + JSON.stringify(agentToolSpecs(this.loaded, this.toolSets)).length) > affordable) this.loaded.pop();
    this.toolSpecs = agentToolSpecs(this.loaded, this.toolSets);
    // Journaled and redacted the way every caller's runs are.
    const operations = deps.operations ?? new OperationsService({ registry: deps.registry, policy: deps.policy, shell: async () => deps.shell, runs: deps.runs, audit: deps.audit, redactor: deps.redactor });
    this.runner = operations.runner(deps.shell, (event) => this.emit({ type: 'run_event', event }));
    if (deps.conversations && deps.conversationId) this.messages.push(...deps.conversations.messages(deps.conversationId));
  }

  get state(): SessionState {
    return this.machine.state;
  }

  on(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops whatever the session is doing: the model stream, a waiting question, a running plan. */
  cancel(): void {
    this.controller.abort();
    this.machine.to('cancelled', this.machine.attempt);
  }

  async send(request: string): Promise<SessionResult> {
    this.controller = new AbortController();
    const attempt = this.machine.begin();
    const signal = this.controller.signal;
    const awaiting = new Set<string>();
    let malformedInARow = 0;
    let nudged = false;
    let finalText = '';
    this.answerOpenCalls();
    this.push({ role: 'user', content: [{ type: 'text', text: request }] });
    try {
      for (let turn = 1; turn <= (this.deps.maxTurns ?? 25); turn++) {
        if (signal.aborted) return this.finish('cancelled', finalText, awaiting);
        this.machine.to('thinking', attempt);
        const compacted = compactContext(this.messages, this.deps.provider.contextWindow(this.deps.model), this.deps.systemPrompt.length + JSON.stringify(this.toolSpecs).length);
        if (compacted.notice) {
          this.messages.splice(0, this.messages.length, ...compacted.messages);
          this.emit({ type: 'notice', message: compacted.notice });
        }
        const { text, calls } = await this.modelTurn(attempt, signal);
        finalText = text;
        if (!calls.length) {
          if (!nudged && containsCommand(text)) {
            nudged = true;
            this.emit({ type: 'notice', message: 'The model wrote a command as text. Reign never runs text; it was asked to propose a plan instead.' });
            this.push({ role: 'user', content: [{ type: 'text', text: 'Reign does not run commands written in text, so nothing has run. If something should run, call propose_plan with the steps (or a read-only tool to look). If you were only explaining, say so briefly.' }] });
            continue;
          }
          return this.finish('done', text, awaiting);
        }
        const results: ContentPart[] = [];
        try {
          for (const call of calls) {
            const result = await this.handleCall(call, attempt, signal, awaiting);
            if (result.malformed) malformedInARow += 1;
            else malformedInARow = 0;
            results.push({ type: 'tool_result', toolCallId: call.id, name: call.name, content: result.content, isError: result.isError });
            this.emit({ type: 'tool_result', id: call.id, name: call.name, isError: result.isError, content: result.content });
          }
        } finally {
          // Stopped midway (a question or a plan left waiting): every call still gets its result, or
          // providers refuse the conversation's next turn (a tool_use without a tool_result).
          results.push(...calls.slice(results.length).map((call) => this.stoppedResult(call)));
          this.push({ role: 'user', content: results });
        }
        if (malformedInARow >= (this.deps.maxMalformedCalls ?? 3)) {
          return this.finish('failed', finalText, awaiting, { kind: 'malformed_tool_calls', message: `The model made ${malformedInARow} malformed tool calls in a row; nothing it asked for ran. Try a stronger model.` });
        }
      }
      return this.finish('failed', finalText, awaiting, { kind: 'too_many_turns', message: 'The model did not finish within the turn limit.' });
    } catch (error) {
      if (signal.aborted || (error instanceof ProviderError && error.kind === 'cancelled')) return this.finish('cancelled', finalText, awaiting);
      const kind = error instanceof ProviderError ? error.kind : 'internal';
      return this.finish('failed', finalText, awaiting, { kind, message: (error as Error).message });
    }
  }

  private async modelTurn(attempt: number, signal: AbortSignal): Promise<{ text: string; calls: Extract<ContentPart, { type: 'tool_call' }>[] }> {
    let text = '';
    const calls: Extract<ContentPart, { type: 'tool_call' }>[] = [];
    let usage = noUsage;
    const stream = this.deps.provider.stream(
      { model: this.deps.model, system: this.deps.systemPrompt, tools: this.toolSpecs, messages: [...this.messages], maxTokens: this.deps.maxTokens ?? 8192 },
      signal,
    );
    // A token the model prints across two deltas is masked too: the tail that may start one waits for the next.
    const shown = new StreamRedactor(this.deps.redactor);
    const flushText = (): void => {
      const rest = shown.flush();
      if (rest) this.emit({ type: 'text', delta: rest });
    };
    for await (const event of stream) {
      if (event.type === 'text') {
        this.machine.to('streaming', attempt);
        text += event.delta;
        const safe = shown.push(event.delta);
        if (safe) this.emit({ type: 'text', delta: safe });
      } else if (event.type === 'tool_call') {
        flushText();
        calls.push({ type: 'tool_call', id: event.id, name: event.name, arguments: event.arguments, rawArguments: event.rawArguments });
        this.emit({ type: 'tool_call', id: event.id, name: event.name, arguments: event.arguments });
      } else if (event.type === 'usage') usage = addUsage(usage, event.usage);
    }
    flushText();
    const cost = costOf(this.deps.prices, this.deps.model, usage);
    this.total = addUsage(this.total, usage);
    this.totalCost = this.totalCost === null || cost === null ? null : this.totalCost + cost;
    this.emit({ type: 'usage', usage, costUsd: cost, total: this.total, totalCostUsd: this.totalCost });
    const content: ContentPart[] = [...(text ? [{ type: 'text' as const, text }] : []), ...calls];
    this.push({ role: 'assistant', content: content.length ? content : [{ type: 'text', text: '(no answer)' }] }, usage, cost);
    return { text, calls };
  }

  private async handleCall(call: Extract<ContentPart, { type: 'tool_call' }>, attempt: number, signal: AbortSignal, awaiting: Set<string>): Promise<{ content: string; isError: boolean; malformed: boolean }> {
    const error = (message: string, malformed = true) => ({ content: formatToolOutput(call.name, false, message, this.deps.redactor), isError: true, malformed });
    if (call.arguments === null || typeof call.arguments !== 'object' || Array.isArray(call.arguments)) {
      return error(`The arguments were not a JSON object (${(call.rawArguments ?? '').slice(0, 200)}). Nothing ran. Call the tool again with valid JSON.`);
    }
    if (call.name === ASK_USER) {
      const parsed = AskUserSchema.safeParse(call.arguments);
      if (!parsed.success) return error(`Invalid ask_user call: ${inputIssues(parsed.error)}`);
      this.machine.to('waiting-for-user', attempt);
      this.emit({ type: 'question', question: parsed.data.question });
      const answer = await untilAborted(this.deps.askUser(parsed.data.question), signal);
      return { content: `The person answered: ${answer}`, isError: false, malformed: false };
    }
    if (call.name === PROPOSE_PLAN) return this.proposePlan(call.arguments, attempt, signal, awaiting);
    if (call.name === FIND_TOOLS) {
      const parsed = FindToolsSchema.safeParse(call.arguments);
      if (!parsed.success) return error(`Invalid find_tools call: ${inputIssues(parsed.error)}`);
      return { content: this.findTools(parsed.data.query, parsed.data.family), isError: false, malformed: false };
    }
    const tool = this.usable(call.name);
    if (!tool) return error(`There is no tool "${call.name}". Nothing ran. Call ${FIND_TOOLS} with words for what you want to do (families: ${this.toolSets.map((set) => set.id).join(', ')}).`);
    const input = tool.input.safeParse(call.arguments);
    if (!input.success) return error(`Invalid input for ${call.name}: ${inputIssues(input.error)}. Nothing ran.`);
    const { risk, verdict, target } = await classifyStep(tool, input.data, this.ctx, this.deps.policy, signal);
    if (risk !== 'read' || verdict.decision !== 'allow') {
      return error(`${call.name} here is a ${risk} action on ${target.label} (${verdict.reason}). It did not run: actions that are not read-only run only as steps of a plan. Call propose_plan.`, false);
    }
    // A read the policy allows runs at once, still as a journaled one-step run.
    const result = await this.runner.run({ plan: { steps: [{ id: 'read', tool: call.name, input: input.data as Record<string, unknown>, dependsOn: [] }] }, workspace: this.deps.workspace, env: this.ctx.env, approveUpTo: 'read', signal, rollback: false });
    const step = result.steps.get('read')!;
    return step.status === 'succeeded'
      ? { content: formatToolOutput(call.name, true, render(step.output), this.deps.redactor), isError: false, malformed: false }
      : error(`${call.name} failed: ${step.error?.message ?? step.status}`, false);
  }

  private async proposePlan(args: unknown, attempt: number, signal: AbortSignal, awaiting: Set<string>): Promise<{ content: string; isError: boolean; malformed: boolean }> {
    const error = (message: string) => ({ content: formatToolOutput(PROPOSE_PLAN, false, message, this.deps.redactor), isError: true, malformed: true });
    const parsed = ProposePlanSchema.safeParse(args);
    if (!parsed.success) return error(`The plan is not in the right shape: ${inputIssues(parsed.error)}. Nothing ran.`);
    // Planner steps (compose.up…) become the steps they stand for before anything is classified.
    const outside = parsed.data.steps.filter((step) => this.deps.registry.get(step.tool) && !this.usable(step.tool));
    if (outside.length) return error(`The plan is not valid, so nothing ran:\n${outside.map((step) => `- ${step.id} tool: ${step.tool} belongs to a family that is turned off in Settings (disabledFamilies)`).join('\n')}`);
    const { plan, problems, expanded } = await expandPlan({ name: parsed.data.summary.slice(0, 200), steps: parsed.data.steps }, this.deps.registry, this.ctx, signal);
    if (problems.length) return error(`The plan is not valid, so nothing ran:\n${problems.map((p) => `- ${p.step ?? 'plan'} ${p.path}: ${p.message}`).join('\n')}`);
    if (!plan.steps.length) return { content: formatToolOutput(PROPOSE_PLAN, true, `Nothing to do: ${expanded.join('; ')}.`, this.deps.redactor), isError: false, malformed: false };
    const plannedFor = plannedFiles(plan.steps, this.deps.registry);
    const steps = await Promise.all(plan.steps.map((step) => describeStep(this.deps.registry, step, contextWithPlannedFiles(this.ctx, plannedFor(step)), this.deps.policy)));
    const proposal: ProposedPlan = { proposalId: randomUUID(), summary: parsed.data.summary, steps };
    this.emit({ type: 'plan_proposed', plan: this.deps.redactor.redactValue(proposal) });
    this.machine.to('waiting-for-approval', attempt);
    const answer = await untilAborted(this.deps.answerPlan(proposal), signal);
    this.machine.to('running-plan', attempt);
    const result = await this.runner.run({ plan, workspace: this.deps.workspace, env: this.ctx.env, approveUpTo: answer.approveUpTo, decisions: answer.decisions, approvalSource: answer.source, confirmations: answer.confirmations, allowCritical: answer.allowCritical, signal, askAgain: this.deps.askAgain });
    const needs = [...result.steps.values()].filter((step) => step.status === 'needs-approval' || step.status === 'denied');
    for (const step of needs) awaiting.add(step.step.id);
    if (needs.length) this.emit({ type: 'approval_needed', steps: needs.map((step) => ({ id: step.step.id, risk: step.risk, why: step.status === 'denied' ? 'refused by policy' : 'not approved' })) });
    const lines = [...result.steps.values()].map((step) => {
      const detail = step.status === 'succeeded' ? render(step.output) : step.error ? `${step.error.code}: ${step.error.message}` : '';
      return `## ${step.step.id} (${step.step.tool}): ${step.status}${detail ? `\n${detail}` : ''}`;
    });
    const planned = expanded.length ? `Expanded: ${expanded.join('; ')}\n` : '';
    return { content: formatToolOutput(PROPOSE_PLAN, result.status === 'succeeded', `${planned}Run ${result.runId}: ${describeStatus(result.status)}\n${lines.join('\n')}`, this.deps.redactor, 12_000), isError: result.status !== 'succeeded', malformed: false };
  }

  /** A tool of this session's sets (a family disabled in settings is not one of them). */
  private usable(name: string): ToolDefinition | undefined {
    const tool = this.deps.registry.get(name);
    return tool && this.toolSets.some((set) => set.tools.includes(tool)) ? tool : undefined;
  }

  /** Searches every tool set and loads what it found into the conversation (from the next turn on). */
  private findTools(query: string, family?: string): string {
    if (family && !this.toolSets.some((set) => set.id === family)) return `There is no family "${family}". Families: ${this.toolSets.map((set) => set.id).join(', ')}.`;
    const found = searchTools(this.toolSets, query, family);
    if (!found.length) return `No tool matches "${query}"${family ? ` in ${family}` : ''}. Try other words, or one of the families: ${this.toolSets.map((set) => `${set.id} (${set.title})`).join('; ')}.`;
    const loadedNames = new Set(this.loaded.map((tool) => tool.name));
    const added = found.filter((tool) => !loadedNames.has(tool.name));
    if (added.length) {
      this.loaded.push(...added);
      this.toolSpecs = agentToolSpecs(this.loaded, this.toolSets);
    }
    const lines = found.map((tool) => `- ${tool.name}: ${tool.description}${tool.examples?.length ? ` Example input: ${JSON.stringify(tool.examples[0])}` : ''}`);
    return `${added.length ? `Loaded ${added.length} tool definition(s); call them directly (reads) or use them as plan steps.` : 'These tools are already loaded.'}\n${lines.join('\n')}`;
  }

  /** The result of a call the person stopped; shown on its tool card too, so the card does not stay "running". */
  private stoppedResult(call: { id: string; name: string }): ContentPart {
    const content = formatToolOutput(call.name, false, 'Stopped by the person before this finished; nothing of it ran.', this.deps.redactor);
    this.emit({ type: 'tool_result', id: call.id, name: call.name, isError: true, content });
    return { type: 'tool_result', toolCallId: call.id, name: call.name, content, isError: true };
  }

  /** A stored conversation can end on unanswered tool calls (the process stopped while a question waited). */
  private answerOpenCalls(): void {
    const last = this.messages.at(-1);
    if (last?.role !== 'assistant') return;
    const open = last.content.filter((part): part is Extract<ContentPart, { type: 'tool_call' }> => part.type === 'tool_call');
    if (open.length) this.push({ role: 'user', content: open.map((call) => this.stoppedResult(call)) });
  }

  private push(message: AgentMessage, usage: Usage | null = null, cost: number | null = null): void {
    this.messages.push(message);
    if (this.deps.conversations && this.deps.conversationId) this.deps.conversations.append(this.deps.conversationId, message, usage, cost);
  }

  private finish(status: SessionResult['status'], text: string, awaiting: Set<string>, error?: { kind: string; message: string }): SessionResult {
    if (status !== 'cancelled') this.machine.to(status, this.machine.attempt);
    this.emit({ type: 'final', status, text, awaitingApproval: [...awaiting], error });
    return { status, text, awaitingApproval: [...awaiting], usage: this.total };
  }

  /**
   * Every event leaves the session redacted, for every listener (the chat, `reign ask` and its
   * --json): plans, run events and tool results were redacted where they were made, text deltas
   * by the stream redactor; everything else (tool arguments, questions, notices, the final answer) here.
   */
  private emit(event: SessionEvent): void {
    const safe = alreadyRedacted.has(event.type) ? event : this.deps.redactor.redactValue(event);
    for (const listener of [...this.listeners]) listener(safe);
  }
}

const alreadyRedacted = new Set<SessionEvent['type']>(['plan_proposed', 'run_event', 'tool_result', 'text']);

export const newConversationTitle = (request: string): string => request.replace(/\s+/g, ' ').trim().slice(0, 80) || `Conversation ${randomUUID().slice(0, 8)}`;

/** Waiting for a person ends when the session is cancelled. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new ProviderError('cancelled', 'Cancelled while waiting for the person.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeStatus(status: RunStatus): string {
  return {
    succeeded: 'every step succeeded',
    failed: 'a step failed; completed steps were kept',
    'rolled-back': 'a step failed and the completed steps were rolled back',
    cancelled: 'cancelled',
    incomplete: 'some steps did not run (not approved, refused, or skipped)',
    interrupted: 'interrupted',
    undone: 'undone',
    running: 'running',
  }[status];
}

function render(output: unknown): string {
  if (output && typeof output === 'object') {
    const record = output as Record<string, unknown>;
    if (typeof record.content === 'string') return record.content;
    if (typeof record.stdout === 'string') return `${record.stdout}${record.stderr ? `\n[stderr]\n${String(record.stderr)}` : ''}`;
  }
  return JSON.stringify(output, null, 2);
}
