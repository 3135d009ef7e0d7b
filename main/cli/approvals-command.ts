import { visibleText } from '../../preload/contract';
import type { Core } from '../core/bootstrap';
import { type DecisionOutcome, decideProposal } from '../core/mcp-server/mcp-proposal-decision';
import { type McpProposal, McpProposalStore } from '../core/mcp-server/mcp-server-proposals';
import type { CliIo } from './cli-io';

/** An MCP client's words never move the person's cursor or hide text (see visibleText). */

const usage = 'Usage: reign approvals list [--json] | reign approvals approve ID [--confirm NAME] | reign approvals reject ID';

/**
 * `reign approvals`: the steps MCP clients proposed, for a person at a terminal to list, approve
 * or reject. The client then calls again and the approved step runs (bound to what was shown here).
 */
export async function approvalsCommand(core: Core, io: CliIo, words: readonly string[], options: { json: boolean; confirm: readonly string[] }): Promise<number> {
  const proposals = new McpProposalStore(core.db);
  const [action = 'list', id, ...extra] = words;
  if (extra.length || (action === 'list' && id)) {
    io.stderr(`reign: unexpected argument "${extra[0] ?? id}".\n${usage}\n`);
    return 2;
  }
  if (action === 'list') {
    const pending = proposals.list('pending');
    if (options.json) {
      io.stdout(`${JSON.stringify({ proposals: pending })}\n`);
      return 0;
    }
    if (!pending.length) io.stdout('No steps wait for approval.\n');
    for (const proposal of pending) show(io, proposal);
    return 0;
  }
  if ((action !== 'approve' && action !== 'reject') || !id) {
    io.stderr(`reign: ${id ? `unknown action "${action}"` : `which proposal? Give its id (see \`reign approvals list\`)`}.\n${usage}\n`);
    return 2;
  }
  const decision = action === 'approve' ? 'approved' : 'rejected';
  const by = `reign approvals (${io.env.USER ?? 'terminal'})`;
  const outcome = await decideProposal({ proposals, audit: core.audit }, { id, decision, by, confirmations: options.confirm, askPerson: (proposal) => askPerson(io, proposal) });
  if (!outcome.ok) {
    io.stderr(`reign: ${visibleText(cliWording(outcome, id))}\n`);
    // 2: the person's part is missing (a confirmation, a terminal, a proposal shown whole); 1: the proposal moved on.
    return outcome.problem === 'unconfirmed' || outcome.problem === 'person-refused' || outcome.problem === 'not-shown-whole' ? 2 : 1;
  }
  const { proposal } = outcome;
  io.stdout(`${decision === 'approved' ? 'Approved' : 'Rejected'} ${proposal.tool} ${proposal.risk} on ${proposal.targetLabel} (proposal ${id}).${decision === 'approved' ? ' It runs when the MCP client calls it again.' : ''}\n`);
  return 0;
}

/** The decision's refusal in a terminal's words: how to find a proposal, how to confirm a production target. */
function cliWording(outcome: Extract<DecisionOutcome, { ok: false }>, id: string): string {
  if (outcome.problem === 'not-found') return `there is no proposal ${id}. See \`reign approvals list\`.`;
  if (outcome.problem === 'unconfirmed' && outcome.proposal) return `${outcome.proposal.targetLabel} is marked production: confirm it by typing its name (--confirm ${outcome.proposal.confirmation}).`;
  return outcome.message;
}

/** A proposal as a person reads it before deciding: everything kept of its input and preview. */
function show(io: CliIo, proposal: McpProposal): void {
  io.stdout(`${proposal.id}  ${proposal.tool}  ${proposal.risk} on ${visibleText(proposal.targetLabel)}  in ${visibleText(proposal.workspace)}  from ${visibleText(proposal.client)}  since ${proposal.createdAt}\n`);
  io.stdout(`    input: ${visibleText(proposal.inputShown)}\n    why: ${visibleText(proposal.reasons.join('; '))}\n`);
  if (proposal.confirmation) io.stdout(`    production target: approve with --confirm ${proposal.confirmation}\n`);
  io.stdout(`${proposal.preview.split('\n').map((line) => `    | ${visibleText(line)}`).join('\n')}\n`);
}

/**
 * Only a person approves: at a terminal (an MCP client, a script or an agent's shell has none),
 * after seeing the whole proposal, by typing its id. Why not, or null when they did.
 */
async function askPerson(io: CliIo, proposal: McpProposal): Promise<string | null> {
  const noTerminal = 'approving needs a person at a terminal (stdin and stdout a TTY): an MCP client, a script or an agent cannot approve a step, its own or another. Run `reign approvals approve ID` in a terminal.';
  if (!io.ask) return noTerminal;
  show(io, proposal);
  const asked = await io.ask(`Type ${proposal.id} to approve it (anything else does not): `);
  if (asked === null) return noTerminal;
  if (asked.trim() !== proposal.id) return `not approved: ${asked.trim() ? `"${visibleText(asked.trim())}" is not ${proposal.id}` : 'nothing was typed'}.`;
  return null;
}
