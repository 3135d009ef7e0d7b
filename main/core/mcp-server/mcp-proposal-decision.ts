import type { AuditLog } from '../audit/audit-log';
import { isCut } from './mcp-server-preview';
import type { McpProposal, McpProposalStore } from './mcp-server-proposals';

export type ProposalDecision = 'approved' | 'rejected';

/** Why a decision was not taken: each front end words its own hint (a flag in the terminal, a field in the app). */
export type DecisionProblem = 'not-found' | 'not-waiting' | 'lapsed' | 'not-shown-whole' | 'unconfirmed' | 'person-refused' | 'decided-meanwhile' | 'audit-unavailable';

export type DecisionOutcome = { readonly ok: true; readonly proposal: McpProposal } | { readonly ok: false; readonly problem: DecisionProblem; readonly message: string; readonly proposal?: McpProposal };

export interface DecisionRequest {
  readonly id: string;
  readonly decision: ProposalDecision;
  /** Who decided, as journaled and as the MCP client is told: `reign approvals (ada)`, `app (desktop)`. */
  readonly by: string;
  /** What the person typed to confirm a production target (any of them may match). */
  readonly confirmations: readonly string[];
  /**
   * The front end's own proof that a person decides, asked only once every other check passed
   * (the terminal asks for the typed id). Why not, or null when they did.
   */
  readonly askPerson?: (proposal: McpProposal) => Promise<string | null>;
}

/**
 * The one way a person's decision on an MCP proposal is taken, from the terminal or the app: it
 * must still wait and be fresh (an hour: what it acts on may have changed since), an approval must
 * have been shown whole and carry a production target's typed name, and it is journaled as
 * `mcp.decision` with who decided. Nothing is decided if it cannot be journaled.
 */
export async function decideProposal(deps: { readonly proposals: McpProposalStore; readonly audit: AuditLog }, request: DecisionRequest): Promise<DecisionOutcome> {
  const { id, decision, by } = request;
  const proposal = deps.proposals.get(id);
  if (!proposal) return { ok: false, problem: 'not-found', message: `There is no proposal ${id}.` };
  const refuse = (problem: DecisionProblem, message: string): DecisionOutcome => ({ ok: false, problem, message, proposal });
  if (proposal.status !== 'pending') return refuse('not-waiting', `Proposal ${id} is not waiting (it is ${proposal.status})${proposal.decidedBy ? `: decided by ${proposal.decidedBy}` : ''}.`);
  if (deps.proposals.expired(proposal)) return refuse('lapsed', `Proposal ${id} waited more than an hour and lapsed: what it would act on may have changed. The client proposes it anew when it calls again.`);
  if (deps.audit.problem) return refuse('audit-unavailable', `Reign cannot journal this decision, so it does not take it: the audit log cannot be written (${deps.audit.problem}). Run \`reign audit verify\` in a terminal.`);
  if (decision === 'approved') {
    if (isCut(proposal.inputShown) || isCut(proposal.preview)) return refuse('not-shown-whole', `Proposal ${id} is too long to show in full, and a step is approved only as it was shown: reject it, and do this from a plan you can read whole.`);
    if (proposal.confirmation && !request.confirmations.includes(proposal.confirmation)) return refuse('unconfirmed', `${proposal.targetLabel} is marked production: confirm it by typing its name (${proposal.confirmation}).`);
    const refused = await request.askPerson?.(proposal);
    if (refused) return refuse('person-refused', refused);
  }
  if (!deps.proposals.decide(id, decision, by)) return refuse('decided-meanwhile', `Proposal ${id} was decided meanwhile (or lapsed).`);
  deps.audit.append('mcp.decision', { proposal: id, decision, by, client: proposal.client, tool: proposal.tool, risk: proposal.risk, targetId: proposal.targetId }, null);
  return { ok: true, proposal: deps.proposals.get(id)! };
}
