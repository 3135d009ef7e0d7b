import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Risk } from '../policy/risk';

/** `closed`: rejected, and the client was told so. */
export type ProposalStatus = 'pending' | 'approved' | 'rejected' | 'ran' | 'closed';

/** A step an MCP client asked for that is not a read: it waits here for a person, in the data folder. */
export interface McpProposal {
  readonly id: string;
  readonly createdAt: string;
  /** The MCP client's own name for itself (clientInfo), as it gave it: for people, never trusted. */
  readonly client: string;
  readonly tool: string;
  /** A hash of the tool, its parsed input and the workspace: a repeated identical call finds its proposal by it. */
  readonly callHash: string;
  /** The input as shown to the person, redacted: the input itself is never stored (it may hold a secret the client sent). */
  readonly inputShown: string;
  readonly workspace: string;
  readonly risk: Risk;
  readonly reasons: readonly string[];
  readonly targetId: string;
  readonly targetLabel: string;
  readonly contentHash: string | null;
  /** The preview, redacted, as text. */
  readonly preview: string;
  /** A production target's name the person must type to approve, or null. */
  readonly confirmation: string | null;
  readonly status: ProposalStatus;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly runId: string | null;
}

interface Row {
  id: string;
  created_at: string;
  client: string;
  tool: string;
  call_hash: string;
  input_shown: string;
  workspace: string;
  risk: Risk;
  reasons: string;
  target_id: string;
  target_label: string;
  content_hash: string | null;
  preview: string;
  confirmation: string | null;
  status: ProposalStatus;
  decided_at: string | null;
  decided_by: string | null;
  run_id: string | null;
}

const fromRow = (row: Row): McpProposal => ({
  id: row.id,
  createdAt: row.created_at,
  client: row.client,
  tool: row.tool,
  callHash: row.call_hash,
  inputShown: row.input_shown,
  workspace: row.workspace,
  risk: row.risk,
  reasons: JSON.parse(row.reasons) as string[],
  targetId: row.target_id,
  targetLabel: row.target_label,
  contentHash: row.content_hash,
  preview: row.preview,
  confirmation: row.confirmation,
  status: row.status,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
  runId: row.run_id,
});

/** How long an approval waits for the client's repeated call. */
export const APPROVAL_VALID_MS = 60 * 60_000;

export type NewProposal = Omit<McpProposal, 'id' | 'createdAt' | 'status' | 'decidedAt' | 'decidedBy' | 'runId'>;

/**
 * The proposals of MCP clients, in a table of their own in the core's SQLite: the `reign mcp`
 * process that waits and the `reign approvals` a person runs in a terminal are different processes.
 * Created on first use (not a schema migration: nothing else reads it yet).
 */
export class McpProposalStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS mcp_proposals (
      id TEXT PRIMARY KEY, created_at TEXT NOT NULL, client TEXT NOT NULL, tool TEXT NOT NULL, call_hash TEXT NOT NULL,
      input_shown TEXT NOT NULL, workspace TEXT NOT NULL, risk TEXT NOT NULL, reasons TEXT NOT NULL, target_id TEXT NOT NULL,
      target_label TEXT NOT NULL, content_hash TEXT, preview TEXT NOT NULL, confirmation TEXT, status TEXT NOT NULL,
      decided_at TEXT, decided_by TEXT, run_id TEXT)`);
    db.exec('CREATE INDEX IF NOT EXISTS mcp_proposals_call ON mcp_proposals (call_hash, status)');
  }

  add(proposal: NewProposal): McpProposal {
    const id = randomUUID().slice(0, 8);
    this.db
      .prepare(
        `INSERT INTO mcp_proposals (id, created_at, client, tool, call_hash, input_shown, workspace, risk, reasons, target_id, target_label, content_hash, preview, confirmation, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
      )
      .run(id, new Date(this.now()).toISOString(), proposal.client, proposal.tool, proposal.callHash, proposal.inputShown, proposal.workspace, proposal.risk, JSON.stringify(proposal.reasons), proposal.targetId, proposal.targetLabel, proposal.contentHash, proposal.preview, proposal.confirmation);
    return this.get(id)!;
  }

  get(id: string): McpProposal | undefined {
    const row = this.db.prepare('SELECT * FROM mcp_proposals WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /**
   * The open proposal of an identical call (waiting, approved within the last hour and not yet run,
   * or rejected and not yet told), newest first. An approval the client never came back for lapses:
   * what the person judged may no longer be what is there.
   */
  openFor(callHash: string): McpProposal | undefined {
    const lapsed = new Date(this.now() - APPROVAL_VALID_MS).toISOString();
    const row = this.db
      .prepare("SELECT * FROM mcp_proposals WHERE call_hash = ? AND ((status = 'pending' AND created_at > ?) OR status = 'rejected' OR (status = 'approved' AND decided_at > ?)) ORDER BY created_at DESC, rowid DESC LIMIT 1")
      .get(callHash, lapsed, lapsed) as Row | undefined;
    return row && fromRow(row);
  }

  /** Proposals with this status, oldest first; pending ones only while they are fresh (an hour: after that the client must ask again). */
  list(status: ProposalStatus = 'pending'): McpProposal[] {
    const rows = this.db.prepare('SELECT * FROM mcp_proposals WHERE status = ? ORDER BY created_at').all(status) as Row[];
    return rows.map(fromRow).filter((proposal) => status !== 'pending' || !this.expired(proposal));
  }

  /** Proposals a person decided since this time (whatever became of them since), oldest first: the app shows their outcome a while. */
  decidedSince(since: string): McpProposal[] {
    const rows = this.db.prepare("SELECT * FROM mcp_proposals WHERE status != 'pending' AND decided_at > ? ORDER BY created_at").all(since) as Row[];
    return rows.map(fromRow);
  }

  /** A proposal waiting longer than an hour: what the person would judge may no longer be what is there. */
  expired(proposal: McpProposal): boolean {
    return proposal.status === 'pending' && Date.parse(proposal.createdAt) < this.now() - APPROVAL_VALID_MS;
  }

  /** A person's decision; false when the proposal is no longer waiting. */
  decide(id: string, decision: 'approved' | 'rejected', by: string): boolean {
    const fresh = new Date(this.now() - APPROVAL_VALID_MS).toISOString();
    return this.db.prepare("UPDATE mcp_proposals SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending' AND created_at > ?").run(decision, new Date(this.now()).toISOString(), by, id, fresh).changes === 1;
  }

  /** The client was told of the rejection: an identical call after this is a new proposal. */
  close(id: string): void {
    this.db.prepare("UPDATE mcp_proposals SET status = 'closed' WHERE id = ? AND status = 'rejected'").run(id);
  }

  /** An approval is used once: the call that claims it runs the step; any other identical call finds it gone. */
  claim(id: string): boolean {
    return this.db.prepare("UPDATE mcp_proposals SET status = 'ran' WHERE id = ? AND status = 'approved'").run(id).changes === 1;
  }

  /** The run the claimed approval became. */
  recordRun(id: string, runId: string): void {
    this.db.prepare("UPDATE mcp_proposals SET run_id = ? WHERE id = ? AND status = 'ran'").run(runId, id);
  }
}
