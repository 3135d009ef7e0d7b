import { inputIssues } from '../tools/input-issues';
import { createHash } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AuditLog } from '../audit/audit-log';
import { canonicalJson } from '../audit/canonical-json';
import type { Redactor } from '../audit/redactor';
import { searchTools, FindToolsSchema, FIND_TOOLS } from '../agent/tool-sets';
import { compactSchema } from '../agent/agent-tools';
import type { OperationsService } from '../operations/operations-service';
import { classifyStep } from '../plan/classify-step';
import { readNow } from '../plan/read-now';
import type { PolicyEngine } from '../policy/policy-engine';
import type { ToolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import { previewText } from './mcp-server-preview';
import type { McpProposal, McpProposalStore } from './mcp-server-proposals';
import type { McpToolOffer } from './mcp-server-tool-offer';

export interface McpCallDependencies {
  readonly registry: ToolRegistry;
  /** The tools offered and callable, and what `find_tools` adds. */
  readonly offer: McpToolOffer;
  readonly policy: PolicyEngine;
  readonly redactor: Redactor;
  readonly audit: AuditLog;
  readonly operations: OperationsService;
  readonly proposals: McpProposalStore;
  /** The workspace the server was started in, the environment and the shell analyzer, for every step. */
  readonly ctx: ToolContext;
  /** How long a call waits for a person's decision before it answers "waiting for approval". */
  readonly approvalWaitMs: number;
  /** How often the wait looks at the proposal (another process decides it). */
  readonly pollMs?: number;
  /** How often a waiting call tells a client that asked for progress that it still waits (default 5 s). */
  readonly progressEveryMs?: number;
}

/** Tells the client the call is still waiting, when it gave a progress token (so it can extend its time limit). */
export type WaitProgress = (message: string) => void;

/** What one tools/call was, for the audit entry. */
interface CallRecord {
  readonly tool: string;
  readonly outcome: 'ran' | 'failed' | 'denied' | 'invalid' | 'proposed' | 'waiting' | 'rejected' | 'found';
  readonly risk?: string;
  readonly targetId?: string;
  readonly proposal?: string;
  /** Who approved or rejected it, as `reign approvals` recorded it (that process does not journal). */
  readonly decidedBy?: string;
  readonly runId?: string;
}

const text = (message: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text: message }] });

const success = (value: Record<string, unknown>): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value });

/** How much of a call's input a proposal keeps to show; a longer one cannot be approved (a person approves only what was shown in full). */
const INPUT_SHOWN = 64_000;
const shown = (value: string): string => (value.length > INPUT_SHOWN ? `${value.slice(0, INPUT_SHOWN)}… (${value.length - INPUT_SHOWN} more characters)` : value);


/**
 * One tools/call from an MCP client. A read runs at once through the policy (readNow), its output
 * redacted. Anything else is classified by Reign's code and becomes a proposal a person decides in
 * Reign: the call waits a bounded time for the decision, and an identical call after approval runs
 * the step as a one-step plan, approval bound to the target, risk and content hash the person saw.
 * The client can never approve; every call is journaled with the client's name.
 */
export async function callTool(deps: McpCallDependencies, client: string, name: string, args: Record<string, unknown>, signal: AbortSignal, progress: WaitProgress = () => undefined): Promise<CallToolResult> {
  if (deps.audit.problem) return text(`Reign cannot journal this call, so it does not run it: the audit log cannot be written (${deps.audit.problem}). Run \`reign audit verify\` in a terminal.`);
  // The input as a proposal shows it (cut, and redacted by the audit log), not the raw arguments.
  const journal = (record: CallRecord): void => void deps.audit.append('mcp.call', { client, ...record, input: shown(JSON.stringify(args)) }, record.runId ?? null);

  if (name === FIND_TOOLS) {
    const query = FindToolsSchema.safeParse(args);
    if (!query.success) return text(`Invalid arguments for ${FIND_TOOLS}: ${inputIssues(query.error)}.`);
    const { sets } = deps.offer;
    if (query.data.family && !sets.some((set) => set.id === query.data.family)) return text(`Reign has no family "${query.data.family}" turned on. Families: ${sets.map((set) => set.id).join(', ')}.`);
    const found = searchTools(sets, query.data.query, query.data.family);
    journal({ tool: name, outcome: 'found' });
    if (!found.length) return text(`No Reign tool matches "${query.data.query}". Try other words, or one of the families: ${sets.map((set) => `${set.id} (${set.title})`).join('; ')}.`);
    // Added to tools/list too, for clients that re-list when told the list changed.
    const loaded = deps.offer.load(found);
    return success({ loaded, tools: found.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: compactSchema(tool.input), examples: tool.examples ?? [] })) });
  }
  const tool = deps.offer.usable(name);
  if (!tool) return text(`Reign has no tool "${name}"${deps.registry.get(name) ? ' turned on (its family is turned off in Reign\'s settings)' : ''}. Call ${FIND_TOOLS} with words for what you want to do to find the right one.`);
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    journal({ tool: name, outcome: 'invalid' });
    return text(`Invalid arguments for ${name}: ${deps.redactor.redact(inputIssues(parsed.error))}.`);
  }
  const classified = await classifyStep(tool, parsed.data, deps.ctx, deps.policy, signal);
  const about = { tool: name, risk: classified.risk, targetId: classified.target.id };
  if (classified.verdict.decision === 'deny') {
    journal({ ...about, outcome: 'denied' });
    return text(`Refused by Reign's policy: ${name} is ${classified.risk} on ${classified.target.label} (${classified.verdict.reason}). Nothing was run.`);
  }

  // A read runs at once only where the policy lets it; a rule that asks for reads of a target makes it a proposal too.
  if (classified.risk === 'read' && classified.verdict.decision === 'allow' && !classified.verdict.confirmation) {
    try {
      const output = await readNow<Record<string, unknown>>(deps, name, args, deps.ctx, signal);
      journal({ ...about, outcome: 'ran' });
      return success(output);
    } catch (error) {
      const denied = (error as { code?: string }).code === 'POLICY_DENIED';
      journal({ ...about, outcome: denied ? 'denied' : 'failed' });
      return text(`${name} failed: ${deps.redactor.redact((error as Error).message)}`);
    }
  }

  const callHash = createHash('sha256').update(canonicalJson({ tool: name, input: parsed.data, workspace: deps.ctx.workspace })).digest('hex');
  let proposal = deps.proposals.openFor(callHash);
  const preview = proposal ? '' : await tool.preview({ input: parsed.data, ctx: deps.ctx }).then(previewText, (error: Error) => `(no preview: ${error.message})`);
  // Looked up again after the preview's await: an identical call made meanwhile may have proposed it.
  proposal ??= deps.proposals.openFor(callHash);
  if (!proposal) {
    proposal = deps.proposals.add({
      client,
      tool: name,
      callHash,
      inputShown: shown(deps.redactor.redact(JSON.stringify(args))),
      workspace: deps.ctx.workspace,
      risk: classified.risk,
      reasons: classified.reasons.map((reason) => deps.redactor.redact(reason)),
      targetId: classified.target.id,
      targetLabel: classified.target.label,
      contentHash: classified.contentHash ?? null,
      preview: deps.redactor.redact(preview),
      confirmation: classified.verdict.confirmation,
    });
    journal({ ...about, outcome: 'proposed', proposal: proposal.id });
  }
  const decided = await waitForDecision(deps, proposal, signal, progress);
  if (decided.status === 'rejected') {
    deps.proposals.close(decided.id);
    journal({ ...about, outcome: 'rejected', proposal: decided.id, decidedBy: decided.decidedBy ?? undefined });
    return text(`Rejected in Reign${decided.decidedBy ? ` by ${decided.decidedBy}` : ''}: ${name} ${decided.risk} on ${decided.targetLabel} (proposal ${decided.id}) was not run.`);
  }
  if (decided.status !== 'approved') {
    journal({ ...about, outcome: 'waiting', proposal: decided.id });
    return text(`Waiting for approval in Reign: ${name} ${decided.risk} on ${decided.targetLabel} (proposal ${decided.id}). Approve it in Reign, then call again.`);
  }
  return runApproved(deps, decided, args, about, journal, signal);
}

/** Polls the stored proposal until a person decides, the wait ends, or the client cancels. */
async function waitForDecision(deps: McpCallDependencies, proposal: McpProposal, signal: AbortSignal, progress: WaitProgress): Promise<McpProposal> {
  const until = Date.now() + deps.approvalWaitMs;
  const every = deps.progressEveryMs ?? 5_000;
  let told = Date.now();
  let current = proposal;
  while (current.status === 'pending' && Date.now() < until && !signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(deps.pollMs ?? 250, Math.max(0, until - Date.now()))));
    current = deps.proposals.get(proposal.id) ?? current;
    if (current.status === 'pending' && Date.now() - told >= every) {
      told = Date.now();
      progress(`Waiting for approval in Reign: ${current.tool} ${current.risk} on ${current.targetLabel} (proposal ${current.id}).`);
    }
  }
  return current;
}

/** The approved step as a one-step plan through the plan runner: classified again, and run only if the approval still covers it. */
async function runApproved(deps: McpCallDependencies, proposal: McpProposal, args: Record<string, unknown>, about: Pick<CallRecord, 'tool' | 'risk' | 'targetId'>, journal: (record: CallRecord) => void, signal: AbortSignal): Promise<CallToolResult> {
  if (!deps.proposals.claim(proposal.id)) return text(`${proposal.tool} (proposal ${proposal.id}) was already run by another identical call; its approval is used. Call again to propose it anew.`);
  const source = `${proposal.decidedBy ?? 'a person'} (MCP proposal ${proposal.id})`;
  const result = await deps.operations.run({
    plan: { name: `MCP ${proposal.client}: ${proposal.tool}`, steps: [{ id: 'mcp', tool: proposal.tool, input: args, dependsOn: [] }] },
    workspace: deps.ctx.workspace,
    env: deps.ctx.env,
    approveUpTo: null,
    decisions: new Map([['mcp', { decision: 'approve', source, targetId: proposal.targetId, risk: proposal.risk, contentHash: proposal.contentHash }]]),
    confirmations: proposal.confirmation ? [proposal.confirmation] : [],
    // The client going away (its call cancelled) stops the step, as cancelling a run in the app does.
    signal,
  });
  // Used once (claimed above), whatever came of it: a step that changed since it was approved is proposed anew on the next call.
  deps.proposals.recordRun(proposal.id, result.runId);
  const step = result.steps.get('mcp');
  if (step?.status === 'succeeded') {
    journal({ ...about, outcome: 'ran', proposal: proposal.id, decidedBy: proposal.decidedBy ?? undefined, runId: result.runId });
    return success(deps.redactor.redactValue({ ...(step.output ?? {}) }));
  }
  journal({ ...about, outcome: 'failed', proposal: proposal.id, decidedBy: proposal.decidedBy ?? undefined, runId: result.runId });
  const why = step?.error?.message ?? (step?.status === 'needs-approval' ? 'it changed since it was approved (target, risk or content), so the approval no longer covers it; call again to propose it anew' : `the step ended ${step?.status ?? 'unknown'}`);
  return text(`${proposal.tool} (proposal ${proposal.id}, run ${result.runId}) did not succeed: ${deps.redactor.redact(why)}`);
}
