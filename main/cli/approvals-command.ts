import type { Core } from '../core/bootstrap';
import { isCut } from '../core/mcp-server/mcp-server-preview';
import { type McpProposal, McpProposalStore } from '../core/mcp-server/mcp-server-proposals';
import type { CliIo } from './cli-io';

/**
 * An MCP client's words (its name, the input, a file's content) never move the person's cursor,
 * recolour the terminal, or hide or reorder text (bidi controls, zero-width characters).
 */
const printable = (value: string): string => value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '?');

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
  const proposal = proposals.get(id);
  if (!proposal) {
    io.stderr(`reign: there is no proposal ${id}. See \`reign approvals list\`.\n`);
    return 1;
  }
  if (proposal.status !== 'pending') {
    io.stderr(`reign: proposal ${id} is not waiting (it is ${proposal.status}).\n`);
    return 1;
  }
  if (proposals.expired(proposal)) {
    io.stderr(`reign: proposal ${id} waited more than an hour and lapsed: what it would act on may have changed. The client proposes it anew when it calls again.\n`);
    return 1;
  }
  if (action === 'approve' && proposal.confirmation && !options.confirm.includes(proposal.confirmation)) {
    io.stderr(`reign: ${proposal.targetLabel} is marked production: confirm it by typing its name (--confirm ${proposal.confirmation}).\n`);
    return 2;
  }
  if (action === 'approve') {
    const refused = await askPerson(io, proposal);
    if (refused) {
      io.stderr(`reign: ${refused}\n`);
      return 2;
    }
  }
  const by = `reign approvals (${io.env.USER ?? 'terminal'})`;
  const decision = action === 'approve' ? 'approved' : 'rejected';
  if (!proposals.decide(id, decision, by)) {
    io.stderr(`reign: proposal ${id} was decided meanwhile.\n`);
    return 1;
  }
  core.audit.append('mcp.decision', { proposal: id, decision, by, client: proposal.client, tool: proposal.tool, risk: proposal.risk, targetId: proposal.targetId }, null);
  io.stdout(`${decision === 'approved' ? 'Approved' : 'Rejected'} ${proposal.tool} ${proposal.risk} on ${proposal.targetLabel} (proposal ${id}).${decision === 'approved' ? ' It runs when the MCP client calls it again.' : ''}\n`);
  return 0;
}

/** A proposal as a person reads it before deciding: everything kept of its input and preview. */
function show(io: CliIo, proposal: McpProposal): void {
  io.stdout(`${proposal.id}  ${proposal.tool}  ${proposal.risk} on ${printable(proposal.targetLabel)}  in ${printable(proposal.workspace)}  from ${printable(proposal.client)}  since ${proposal.createdAt}\n`);
  io.stdout(`    input: ${printable(proposal.inputShown)}\n    why: ${printable(proposal.reasons.join('; '))}\n`);
  if (proposal.confirmation) io.stdout(`    production target: approve with --confirm ${proposal.confirmation}\n`);
  io.stdout(`${proposal.preview.split('\n').map((line) => `    | ${printable(line)}`).join('\n')}\n`);
}

/**
 * Only a person approves: at a terminal (an MCP client, a script or an agent's shell has none),
 * after seeing the whole proposal, by typing its id. Why not, or null when they did.
 */
async function askPerson(io: CliIo, proposal: McpProposal): Promise<string | null> {
  if (isCut(proposal.inputShown) || isCut(proposal.preview)) return `proposal ${proposal.id} is too long to show in full here, and a step is approved only as it was shown: reject it, and do this from a plan you can read whole.`;
  const noTerminal = 'approving needs a person at a terminal (stdin and stdout a TTY): an MCP client, a script or an agent cannot approve a step, its own or another. Run `reign approvals approve ID` in a terminal.';
  if (!io.ask) return noTerminal;
  show(io, proposal);
  const asked = await io.ask(`Type ${proposal.id} to approve it (anything else does not): `);
  if (asked === null) return noTerminal;
  if (asked.trim() !== proposal.id) return `not approved: ${asked.trim() ? `"${printable(asked.trim())}" is not ${proposal.id}` : 'nothing was typed'}.`;
  return null;
}
