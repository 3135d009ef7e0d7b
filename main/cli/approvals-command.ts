import type { Core } from '../core/bootstrap';
import { McpProposalStore } from '../core/mcp-server/mcp-server-proposals';
import type { CliIo } from './cli-io';

/** An MCP client's words (its name, the input, a file's content) never move the person's cursor or recolour the terminal. */
const printable = (value: string): string => value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');

const usage = 'Usage: reign approvals list [--json] | reign approvals approve ID [--confirm NAME] | reign approvals reject ID';

/**
 * `reign approvals`: the steps MCP clients proposed, for a person at a terminal to list, approve
 * or reject. The client then calls again and the approved step runs (bound to what was shown here).
 */
export function approvalsCommand(core: Core, io: CliIo, words: readonly string[], options: { json: boolean; confirm: readonly string[] }): number {
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
    for (const proposal of pending) {
      io.stdout(`${proposal.id}  ${proposal.tool}  ${proposal.risk} on ${printable(proposal.targetLabel)}  from ${printable(proposal.client)}  since ${proposal.createdAt}\n`);
      io.stdout(`    input: ${printable(proposal.inputShown)}\n    why: ${printable(proposal.reasons.join('; '))}\n`);
      if (proposal.confirmation) io.stdout(`    production target: approve with --confirm ${proposal.confirmation}\n`);
      io.stdout(`${proposal.preview.split('\n').map((line) => `    | ${printable(line)}`).join('\n')}\n`);
    }
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
  if (action === 'approve' && proposal.confirmation && !options.confirm.includes(proposal.confirmation)) {
    io.stderr(`reign: ${proposal.targetLabel} is marked production: confirm it by typing its name (--confirm ${proposal.confirmation}).\n`);
    return 2;
  }
  const by = `reign approvals (${io.env.USER ?? 'terminal'})`;
  const decision = action === 'approve' ? 'approved' : 'rejected';
  if (!proposals.decide(id, decision, by)) {
    io.stderr(`reign: proposal ${id} was decided meanwhile.\n`);
    return 1;
  }
  // Journaled by the `reign mcp` process when it acts on the decision (with who decided), not here:
  // the audit log has one writer per data folder at a time, and that process holds it.
  io.stdout(`${decision === 'approved' ? 'Approved' : 'Rejected'} ${proposal.tool} ${proposal.risk} on ${proposal.targetLabel} (proposal ${id}).${decision === 'approved' ? ' It runs when the MCP client calls it again.' : ''}\n`);
  return 0;
}
