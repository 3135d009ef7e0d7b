import type { AuditLog } from '../audit/audit-log';
import type { Redactor } from '../audit/redactor';
import type { RunRepository } from '../plan/run-repository';
import type { PolicyEngine } from '../policy/policy-engine';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { readAsset } from '../resources';
import type { ToolRegistry } from '../tools/tool-registry';
import { AgentSession, type AgentSessionDependencies } from './agent-session';
import type { ConversationRepository } from './conversation-repository';
import type { OperationsService } from '../operations/operations-service';
import type { PriceTable } from './cost';
import type { ModelProvider } from './model-types';
import { loadSystemPrompt } from './system-prompt';
import type { AgentToolSets } from './tool-sets';

export interface SessionServices {
  readonly registry: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly runs: RunRepository;
  readonly audit: AuditLog;
  readonly redactor: Redactor;
  readonly conversations: ConversationRepository;
  readonly operations: OperationsService;
}

export interface OpenSessionOptions extends Pick<AgentSessionDependencies, 'answerPlan' | 'askUser' | 'askAgain'> {
  readonly provider: ModelProvider;
  readonly model: string;
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly shell: ShellAnalyzer;
  readonly conversationId: string;
  /** The families as tool sets, and which load at once; default: every tool, all loaded. */
  readonly toolSets?: AgentToolSets;
}

/**
 * An agent session on a stored conversation, with the versioned system prompt and the price table:
 * built the same way for `reign ask` and for the chat pane.
 */
export function openAgentSession(services: SessionServices, options: OpenSessionOptions): { session: AgentSession; promptVersion: string } {
  const prompt = loadSystemPrompt({ workspace: options.workspace, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString().slice(0, 10) });
  const { registry, policy, runs, audit, redactor, conversations, operations } = services;
  const session = new AgentSession({
    registry,
    policy,
    runs,
    audit,
    redactor,
    conversations,
    operations,
    ...options,
    toolSets: options.toolSets?.sets,
    initialToolSets: options.toolSets?.initial,
    systemPrompt: prompt.text,
    prices: JSON.parse(readAsset('resources', 'model-prices.json')) as PriceTable,
  });
  return { session, promptVersion: prompt.version };
}
