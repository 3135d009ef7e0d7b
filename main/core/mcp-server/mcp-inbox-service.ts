import type { Database } from 'better-sqlite3';
import type { McpInboxProposalView } from '../../../preload/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Redactor } from '../audit/redactor';
import type { EventBus } from '../events/event-bus';
import type { RunRepository } from '../plan/run-repository';
import { decideProposal } from './mcp-proposal-decision';
import { isCut } from './mcp-server-preview';
import { type McpProposal, McpProposalStore } from './mcp-server-proposals';

export interface McpInboxDependencies {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly redactor: Redactor;
  readonly events: EventBus;
  readonly runs: RunRepository;
  readonly now?: () => number;
  /** How often the table is read for changes another process made (default 1 s). */
  readonly pollMs?: number;
}

/** How long a decided proposal stays in the inbox with its outcome, so the person sees what came of it. */
export const DECIDED_SHOWN_MS = 10 * 60_000;

/**
 * The approvals inbox of MCP proposals for the app: `reign mcp` (another process) writes them to
 * the core's SQLite, so the table is read every second while a window watches, and the inbox is
 * emitted when it changed. A decision goes through decideProposal, as `reign approvals` does.
 */
export class McpInboxService {
  private store: McpProposalStore | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private shown = '';

  constructor(private readonly deps: McpInboxDependencies) {}

  /** The inbox now; from the first call on, changes are emitted as mcp.proposals.changed. */
  list(): McpInboxProposalView[] {
    this.watch();
    const proposals = this.current();
    this.shown = signature(proposals);
    return proposals;
  }

  /** A person's decision in the app, journaled with who decided (`by`); throws with a code and the reason when it is not taken. */
  async decide(id: string, decision: 'approve' | 'reject', by: string, confirmation?: string): Promise<McpInboxProposalView> {
    const outcome = await decideProposal({ proposals: this.proposals(), audit: this.deps.audit }, { id, decision: decision === 'approve' ? 'approved' : 'rejected', by, confirmations: confirmation === undefined ? [] : [confirmation] });
    if (!outcome.ok) throw Object.assign(new Error(this.deps.redactor.redact(outcome.message)), { code: `MCP_PROPOSAL_${outcome.problem.toUpperCase().replaceAll('-', '_')}` });
    this.check();
    return this.view(outcome.proposal);
  }

  /** Reads the inbox and emits it if it differs from what was last shown; true when it did. */
  check(): boolean {
    const proposals = this.current();
    const now = signature(proposals);
    if (now === this.shown) return false;
    this.shown = now;
    this.deps.events.emit('mcp.proposals.changed', { proposals });
    return true;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  // Started by the first list (a window opened): a CLI command's core never lists, so it never polls.
  private watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.check();
      } catch (error) {
        // A locked or closing database: the next tick reads again.
        console.error('reign: reading the MCP approvals inbox failed:', (error as Error).message);
      }
    }, this.deps.pollMs ?? 1_000);
    this.timer.unref?.();
  }

  private proposals(): McpProposalStore {
    return (this.store ??= new McpProposalStore(this.deps.db, this.deps.now));
  }

  private current(): McpInboxProposalView[] {
    const store = this.proposals();
    const since = new Date((this.deps.now ?? Date.now)() - DECIDED_SHOWN_MS).toISOString();
    return [...store.list('pending'), ...store.decidedSince(since)].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((proposal) => this.view(proposal));
  }

  /**
   * Stored already redacted by the `reign mcp` that proposed it; redacted again with this core's
   * secrets too, since that process may not have known every one.
   */
  private view(proposal: McpProposal): McpInboxProposalView {
    const redact = (text: string): string => this.deps.redactor.redact(text);
    // Only the run's status, read every tick: not its plan and steps.
    const runStatus = proposal.runId ? (this.deps.runs.run(proposal.runId)?.status ?? null) : null;
    return {
      id: proposal.id,
      createdAt: proposal.createdAt,
      client: redact(proposal.client),
      tool: proposal.tool,
      risk: proposal.risk,
      reasons: proposal.reasons.map(redact),
      targetId: proposal.targetId,
      targetLabel: redact(proposal.targetLabel),
      workspace: proposal.workspace,
      inputShown: redact(proposal.inputShown),
      preview: redact(proposal.preview),
      confirmation: proposal.confirmation,
      status: proposal.status,
      decidedAt: proposal.decidedAt,
      decidedBy: proposal.decidedBy,
      runId: proposal.runId,
      runStatus,
      approvable: !isCut(proposal.inputShown) && !isCut(proposal.preview),
    };
  }
}

/** What a person would see change: a proposal coming, being decided, running, finishing, lapsing. */
const signature = (proposals: readonly McpInboxProposalView[]): string => proposals.map((proposal) => `${proposal.id}:${proposal.status}:${proposal.runId ?? ''}:${proposal.runStatus ?? ''}`).join(',');
