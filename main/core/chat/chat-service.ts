import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ChatEvent, CommandResponse, ParsedCommandRequest, ProviderId } from '../../../preload/contract';
import { type AgentSession, newConversationTitle, type PlanAnswer, type ProposedPlan, type SessionEvent } from '../agent/agent-session';
import { describeStep } from '../agent/describe-step';
import { openAgentSession } from '../agent/open-agent-session';
import { isWorking } from '../agent/session-state';
import type { ConversationRepository } from '../agent/conversation-repository';
import { createProvider, type ProviderFactoryDependencies } from '../agent/provider-factory';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import type { Reapproval, ReapprovalAnswer } from '../plan/ask-again';
import type { StepDecision } from '../plan/plan-runner';
import { validatePlan } from '../plan/plan-validator';
import type { RunRepository } from '../plan/run-repository';
import type { PolicyEngine } from '../policy/policy-engine';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { toolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import { isFolder } from '../tools/workspace-paths';
import { autonomousAnswer } from './autonomous-answer';
import { ModelCatalog } from './model-catalog';
import { toTranscript } from './transcript';
import type { AgentToolSets } from '../agent/tool-sets';
import type { OperationsService, PendingApproval } from '../operations/operations-service';

export interface ChatServiceDependencies extends ProviderFactoryDependencies {
  readonly registry: ToolRegistry;
  readonly agentToolSets: () => Promise<AgentToolSets>;
  readonly operations: OperationsService;
  readonly policy: PolicyEngine;
  readonly shell: () => Promise<ShellAnalyzer>;
  readonly runs: RunRepository;
  readonly audit: AuditLog;
  readonly conversations: ConversationRepository;
  readonly events: EventBus;
}

/** How the host that runs the UI configures chats: `reign serve --workspace DIR --transcript FILE`. */
export interface ChatOptions {
  readonly workspace?: string;
  readonly transcript?: string;
}

interface LiveSession {
  readonly session: AgentSession;
  readonly provider: ProviderId;
  readonly model: string;
  readonly workspace: string;
  pendingQuestion: { readonly question: string; readonly answer: (text: string) => void } | null;
}


const notFound = (what: string): Error => Object.assign(new Error(what), { code: 'NOT_FOUND' });
const conflict = (what: string): Error => Object.assign(new Error(what), { code: 'CONFLICT' });

/**
 * Agent sessions for the desktop UI: one live session per conversation, its events sent to every
 * window, and the plans and questions it waits on answered from the plan graph and the chat.
 */
export class ChatService {
  private readonly live = new Map<string, LiveSession>();
  private options: ChatOptions = {};
  readonly models: ModelCatalog;

  constructor(private readonly deps: ChatServiceDependencies) {
    this.models = new ModelCatalog(deps, () => this.options.transcript);
  }

  configure(options: ChatOptions): void {
    this.options = { ...options, ...(options.workspace ? { workspace: resolve(options.workspace) } : {}) };
  }

  async defaults(): Promise<CommandResponse<'chat.defaults'>> {
    const provider = this.defaultProvider();
    return { workspace: this.workspace(), provider, model: this.models.defaultModel(provider), providers: await this.models.providers() };
  }

  async send(request: ParsedCommandRequest<'chat.send'>): Promise<{ conversationId: string }> {
    const existing = request.conversationId ? this.deps.conversations.get(request.conversationId) : null;
    if (request.conversationId && !existing) throw notFound(`There is no conversation ${request.conversationId}; it may have been deleted.`);
    const current = existing ? this.live.get(existing.id) : undefined;
    if (current && isWorking(current.session.state)) throw conflict('The agent is still working on this conversation. Stop it (Esc) or wait for it to finish.');

    const provider = request.provider ?? (existing?.provider as ProviderId | undefined) ?? this.defaultProvider();
    const workspace = this.checkWorkspace(request.workspace ?? current?.workspace ?? this.workspace());
    const model = request.model || (existing?.provider === provider ? existing.model : undefined);
    // The live session goes on when nothing about it changed; otherwise a new one on the stored messages.
    const reuse = current && current.provider === provider && current.workspace === workspace && (!model || current.model === model) ? current : null;
    let live = reuse;
    let conversationId = existing?.id;
    if (!live) {
      const made = await createProvider(this.deps, { provider, model, transcript: this.options.transcript });
      conversationId ??= this.deps.conversations.create(newConversationTitle(request.text), made.provider.id, made.model);
      live = this.startSession(conversationId, provider, made, workspace, await this.deps.shell(), await this.deps.agentToolSets());
    }
    void live.session.send(request.text).finally(() => this.deps.events.emit('conversations.changed', {}));
    this.deps.events.emit('conversations.changed', {});
    return { conversationId: conversationId! };
  }

  cancel(conversationId: string): boolean {
    const live = this.live.get(conversationId);
    if (!live || !isWorking(live.session.state)) return false;
    this.deps.operations.withdraw(callerOf(conversationId));
    // A step the run was asking about again is answered by the cancel itself (a rejection): its question goes too.
    this.deps.operations.withdraw(stepCallerOf(conversationId));
    live.pendingQuestion = null;
    live.session.cancel();
    return true;
  }

  answer(conversationId: string, text: string): void {
    const live = this.live.get(conversationId);
    if (!live?.pendingQuestion) throw conflict('The agent is not waiting for an answer in this conversation.');
    const { answer } = live.pendingQuestion;
    live.pendingQuestion = null;
    answer(text);
  }

  decide(request: ParsedCommandRequest<'plan.decide'>): void {
    const pending = this.pendingPlan(request.conversationId, request.proposalId);
    const known = new Set(pending.proposal.steps.map((step) => step.id));
    const unknown = request.decisions.filter((decision) => !known.has(decision.step));
    if (unknown.length) throw Object.assign(new Error(`The plan has no step ${unknown.map((decision) => decision.step).join(', ')}.`), { code: 'BAD_REQUEST' });
    const source = 'plan graph';
    const decisions = new Map<string, StepDecision>(
      request.decisions.map((decision) => [
        decision.step,
        decision.decision === 'approve'
          ? { decision: 'approve', source, targetId: decision.targetId, risk: decision.risk, ...(decision.contentHash !== undefined ? { contentHash: decision.contentHash } : {}) }
          : decision.decision === 'reject'
            ? { decision: 'reject', source }
            : { decision: 'edit', source, input: decision.input, ...(decision.approved ? { approved: decision.approved } : {}) },
      ]),
    );
    this.deps.operations.answer<PlanAnswer>(pending.id, { approveUpTo: request.approveUpTo, decisions, source: request.approveUpTo ? `plan graph: approve up to ${request.approveUpTo}` : source, confirmations: request.confirmations, allowCritical: request.allowCritical });
  }

  /**
   * The person's answer on a step the running plan asks about again. The approval is bound to the
   * question the core holds (its target, risk and content), never to anything the renderer sends.
   */
  reapprove(request: ParsedCommandRequest<'plan.reapprove'>): void {
    const pending = this.deps.operations.inbox(stepCallerOf(request.conversationId)).find((entry) => {
      const question = entry.proposal as Reapproval;
      return question.runId === request.runId && question.step === request.step;
    }) as PendingApproval<Reapproval, ReapprovalAnswer> | undefined;
    if (!pending) throw conflict(`Step ${request.step} is not waiting for an answer in this run (it may have been answered, or the run ended).`);
    const confirmation = request.confirmation?.trim();
    if (request.decision === 'approve' && pending.proposal.confirmation && confirmation !== pending.proposal.confirmation) throw Object.assign(new Error(`Type ${pending.proposal.confirmation} exactly to approve a step on a production target.`), { code: 'BAD_REQUEST' });
    this.deps.operations.answer<ReapprovalAnswer>(pending.id, request.decision === 'approve' ? { decision: 'approve', source: 'plan graph (asked again)', ...(confirmation ? { confirmation } : {}) } : { decision: 'reject', source: 'plan graph (asked again)' });
  }

  /** An edited input, validated with the rest of the plan and classified again, with its new preview. */
  async reclassify(request: ParsedCommandRequest<'plan.reclassify'>): Promise<CommandResponse<'plan.reclassify'>> {
    const pending = this.pendingPlan(request.conversationId, request.proposalId);
    const original = pending.proposal.steps.find((step) => step.id === request.step);
    if (!original) throw notFound(`The plan has no step ${request.step}.`);
    const plan = { steps: pending.proposal.steps.map((step) => ({ id: step.id, tool: step.tool, dependsOn: [...step.dependsOn], input: step.id === request.step ? request.input : step.input })) };
    const problems = validatePlan(plan, this.deps.registry).filter((problem) => problem.step === request.step).map((problem) => `${problem.path}: ${problem.message}`);
    if (problems.length) return { problems, step: null };
    const ctx = toolContext(this.live.get(request.conversationId)!.workspace, this.deps.env, await this.deps.shell(), this.deps.operations.secret);
    const step = await describeStep(this.deps.registry, { ...original, input: request.input }, ctx, this.deps.policy);
    return { problems: [], step: this.deps.redactor.redactValue(step) as CommandResponse<'plan.reclassify'>['step'] };
  }

  show(conversationId: string): CommandResponse<'chat.show'> {
    const conversation = this.deps.conversations.get(conversationId);
    if (!conversation) throw notFound(`There is no conversation ${conversationId}.`);
    const live = this.live.get(conversation.id);
    return {
      conversation,
      transcript: toTranscript(this.deps.conversations.messages(conversation.id)),
      state: live?.session.state ?? 'idle',
      pendingPlan: this.waiting(conversation.id) ? (this.deps.redactor.redactValue(this.waiting(conversation.id)!.proposal) as CommandResponse<'chat.show'>['pendingPlan']) : null,
      pendingQuestion: live?.pendingQuestion?.question ?? null,
    };
  }

  delete(conversationId: string): void {
    const conversation = this.deps.conversations.get(conversationId);
    if (!conversation) throw notFound(`There is no conversation ${conversationId}.`);
    const live = this.live.get(conversation.id);
    if (live && isWorking(live.session.state)) throw conflict('The agent is still working on this conversation; stop it before deleting it.');
    this.live.delete(conversation.id);
    this.deps.conversations.delete(conversation.id);
    this.deps.events.emit('conversations.changed', {});
  }

  dispose(): void {
    for (const [conversationId, live] of this.live) {
      this.deps.operations.withdraw(callerOf(conversationId));
      this.deps.operations.withdraw(stepCallerOf(conversationId));
      live.session.cancel();
    }
    this.live.clear();
  }

  private startSession(conversationId: string, provider: ProviderId, made: Awaited<ReturnType<typeof createProvider>>, workspace: string, shell: ShellAnalyzer, toolSets: AgentToolSets): LiveSession {
    let live: LiveSession;
    const { session } = openAgentSession(this.deps, {
      provider: made.provider,
      model: made.model,
      workspace,
      env: this.deps.env,
      shell,
      toolSets,
      conversationId,
      // The plan waits in the operations inbox until the plan graph answers it (or the chat is stopped).
      // A model that earned autonomy (settings: measured by reign eval) runs a plan within it at once.
      answerPlan: (plan) => {
        const earned = autonomousAnswer(this.deps.settings.get(), made.provider.id, made.model, plan);
        return earned ? Promise.resolve(earned) : this.deps.operations.awaitApproval<ProposedPlan, PlanAnswer>(callerOf(conversationId), plan.summary, plan).answer;
      },
      // A step of the running plan whose resolved input needs the person again waits in the inbox too, beside the plan.
      askAgain: (question) => this.deps.operations.awaitApproval<Reapproval, ReapprovalAnswer>(stepCallerOf(conversationId), `${question.step} again`, question).answer,
      askUser: (question) => new Promise<string>((answer) => (live.pendingQuestion = { question, answer })),
    });
    live = { session, provider, model: made.model, workspace, pendingQuestion: null };
    session.on((event) => this.deps.events.emit('chat.event', { conversationId, event: forRenderer(event) }));
    this.live.set(conversationId, live);
    return live;
  }

  private waiting(conversationId: string): PendingApproval<ProposedPlan, PlanAnswer> | undefined {
    return this.deps.operations.inbox(callerOf(conversationId)).at(-1) as PendingApproval<ProposedPlan, PlanAnswer> | undefined;
  }

  private pendingPlan(conversationId: string, proposalId: string): PendingApproval<ProposedPlan, PlanAnswer> {
    const pending = this.waiting(conversationId);
    if (!pending) throw conflict('No plan is waiting for approval in this conversation (it may have been answered or cancelled).');
    if (pending.proposal.proposalId !== proposalId) throw conflict('That plan was replaced by a newer one; review the newer plan.');
    return pending;
  }

  private defaultProvider(): ProviderId {
    return this.options.transcript ? 'scripted' : this.deps.settings.get().modelProvider;
  }

  /** The folder a new chat works in (and the Resources views list in): `--workspace`, else the current folder. */
  workspace(): string {
    if (this.options.workspace) return this.options.workspace;
    const cwd = process.cwd();
    return cwd === '/' ? homedir() : cwd;
  }

  private checkWorkspace(folder: string): string {
    const absolute = resolve(folder);
    if (!isFolder(absolute)) throw Object.assign(new Error(`The workspace ${absolute} is not a folder. Choose an existing folder for the agent to work in.`), { code: 'BAD_REQUEST' });
    return absolute;
  }
}

/** The inbox caller of a conversation's plans. */
const callerOf = (conversationId: string): string => `chat:${conversationId}`;
const stepCallerOf = (conversationId: string): string => `chat-step:${conversationId}`;

/** A session event as the renderer gets it (the session redacted it; the cast only drops `readonly`). */
const forRenderer = (event: SessionEvent): ChatEvent => event as unknown as ChatEvent;
