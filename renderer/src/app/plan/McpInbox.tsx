import { type McpInboxProposalView, visibleText } from '../../../../preload/contract';
import { keptMcpProposals, waitingMcpProposals } from '../../state/mcp-inbox-slice';
import { useAppPick, useAppStore } from '../store-context';
import { type BadgeStatus, RiskBadge, StatusBadge } from '../status/badges';
import './mcp-inbox.css';

/** The input as JSON laid out to read; as kept when it is not whole JSON (cut because it was long). */
function readable(input: string): string {
  try {
    return JSON.stringify(JSON.parse(input), null, 2);
  } catch {
    return input;
  }
}

const shortRun = (runId: string | null): string => (runId ? runId.slice(0, 8) : '…');

/** What became of a proposal, in the step-status colour of the nearest plan-step status. */
function outcome(proposal: McpInboxProposalView): { text: string; status: BadgeStatus } {
  const by = proposal.decidedBy ? ` by ${proposal.decidedBy}` : '';
  switch (proposal.status) {
    case 'pending':
      return { text: 'Waits for your decision; the client\'s call is waiting.', status: 'needs-approval' };
    case 'approved':
      return { text: `Approved${by}; it runs when the client's call picks it up.`, status: 'running' };
    case 'ran':
      if (!proposal.runStatus || proposal.runStatus === 'running') return { text: `Approved${by}; running (run ${shortRun(proposal.runId)}).`, status: 'running' };
      return { text: `Approved${by}; ran: ${proposal.runStatus} (run ${shortRun(proposal.runId)}, in History). The client got the result.`, status: proposal.runStatus === 'succeeded' ? 'succeeded' : 'failed' };
    case 'rejected':
      return { text: `Rejected${by}; the client is being told.`, status: 'rejected' };
    case 'closed':
      return { text: `Rejected${by}; the client was told it was not run.`, status: 'rejected' };
  }
}

/** One MCP client's step: who asked, what it does (redacted input and preview), its risk, and the decision on it. */
function McpProposalCard({ proposal }: { proposal: McpInboxProposalView }) {
  const { decideMcpProposal, setMcpConfirmation, dismissMcpProposal } = useAppPick('decideMcpProposal', 'setMcpConfirmation', 'dismissMcpProposal');
  const typed = useAppStore((state) => state.mcpInbox.confirmations[proposal.id] ?? '');
  const deciding = useAppStore((state) => state.mcpInbox.deciding[proposal.id] ?? false);
  const error = useAppStore((state) => state.mcpInbox.errors[proposal.id]);
  const over = useAppStore((state) => state.mcpInbox.over[proposal.id] ?? false);
  const waiting = proposal.status === 'pending' && !over;
  // Main said it can no longer be decided, and the window has not yet heard what became of it.
  const { text, status } = proposal.status === 'pending' && over ? { text: 'No longer waiting for a decision here.', status: 'rejected' as const } : outcome(proposal);
  const came = new Date(proposal.createdAt);
  return (
    <article className={`mcp-proposal risk-${proposal.risk}`} data-testid={`mcp-proposal-${proposal.id}`} data-status={proposal.status} data-over={over || undefined} data-risk={proposal.risk} aria-label={`Proposal ${proposal.id} from MCP client ${visibleText(proposal.client)}`}>
      <header className="mcp-proposal-head">
        <h3>From MCP client <span className="mcp-client" data-testid="mcp-proposal-client">{visibleText(proposal.client)}</span></h3>
        <RiskBadge risk={proposal.risk} testId="mcp-proposal-risk" />
      </header>
      <p className="muted mcp-proposal-meta">
        <code className="step-tool">{proposal.tool}</code> on <strong title={proposal.targetId}>{visibleText(proposal.targetLabel)}</strong>
        {/* The workspace is the target of the file tools: said once. */}
        {proposal.workspace !== proposal.targetLabel && <> · in <span title={proposal.workspace}>{visibleText(proposal.workspace)}</span></>} · proposed at{' '}
        <time dateTime={proposal.createdAt} title={proposal.createdAt}>{came.toLocaleTimeString()}</time> · proposal {proposal.id}
      </p>
      {proposal.reasons.length > 0 && (
        <ul className="reasons">
          {proposal.reasons.map((reason) => <li key={reason}>{visibleText(reason)}</li>)}
        </ul>
      )}
      <h4>Input (redacted)</h4>
      <pre className="step-preview" data-testid="mcp-proposal-input">{visibleText(readable(proposal.inputShown))}</pre>
      <h4>Preview</h4>
      <pre className="step-preview" data-testid="mcp-proposal-preview">{visibleText(proposal.preview)}</pre>
      {waiting && proposal.confirmation && (
        <label className="confirm">
          {visibleText(proposal.targetLabel)} is marked production. Type <code>{proposal.confirmation}</code> to approve:{' '}
          <input value={typed} onChange={(event) => setMcpConfirmation(proposal.id, event.target.value)} data-testid="mcp-proposal-confirm" aria-invalid={typed !== '' && typed !== proposal.confirmation} />
        </label>
      )}
      {waiting && !proposal.approvable && <p className="muted">Too long to show in full, and a step is approved only as it was shown: reject it, and do this from a plan you can read whole.</p>}
      <StatusBadge as="p" status={status} label={text} testId="mcp-proposal-outcome" />
      {error && <p className="error" role="alert" data-testid="mcp-proposal-error">{error}</p>}
      <div className="row">
        {waiting ? (
          <>
            <button type="button" className="primary" disabled={deciding || !proposal.approvable} onClick={() => void decideMcpProposal(proposal.id, 'approve')} data-testid="mcp-proposal-approve">Approve</button>
            <button type="button" disabled={deciding} onClick={() => void decideMcpProposal(proposal.id, 'reject')} data-testid="mcp-proposal-reject">Reject</button>
            {deciding && <span className="muted">Sending…</span>}
          </>
        ) : null}
        {!waiting && <button type="button" onClick={() => dismissMcpProposal(proposal.id)} data-testid="mcp-proposal-dismiss">Dismiss</button>}
      </div>
    </article>
  );
}

/**
 * Steps MCP clients (Claude Desktop, Cursor…) asked Reign for through `reign mcp`, in the plan area:
 * the client's call waits until the person decides here (or with `reign approvals` in a terminal).
 */
export function McpInbox() {
  const proposals = useAppStore((state) => state.mcpInbox.proposals);
  const dismissed = useAppStore((state) => state.mcpInbox.dismissed);
  const loadError = useAppStore((state) => state.mcpInbox.loadError);
  const kept = keptMcpProposals({ proposals, dismissed });
  // What waits for the person first, then what was decided (each oldest first), so a new one is never below the fold.
  const shown = [...kept.filter((proposal) => proposal.status === 'pending'), ...kept.filter((proposal) => proposal.status !== 'pending')];
  if (!shown.length && !loadError) return null;
  const waiting = waitingMcpProposals(shown);
  return (
    <section className="mcp-inbox" aria-labelledby="mcp-inbox-title" data-testid="mcp-inbox">
      <h2 id="mcp-inbox-title">
        Proposed by MCP clients{waiting > 0 && <span className="badge warning" data-testid="mcp-inbox-waiting">{waiting} waiting</span>}
      </h2>
      {loadError && <p className="error" role="alert">The approvals inbox could not be read: {loadError}</p>}
      <div className="mcp-inbox-cards">
        {shown.map((proposal) => <McpProposalCard key={proposal.id} proposal={proposal} />)}
      </div>
    </section>
  );
}
