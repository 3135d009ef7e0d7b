import { z } from 'zod';
import { RiskSchema } from './chat';
import { defineCommand, defineEvent } from './define';

/**
 * A step an MCP client (Claude Desktop, Cursor…) asked Reign for through `reign mcp`, waiting for
 * a person in the app, or decided a short while ago. Input and preview are as stored: redacted.
 */
export const McpInboxProposalSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** The client's own name for itself: shown, never trusted. */
  client: z.string(),
  tool: z.string(),
  risk: RiskSchema,
  reasons: z.array(z.string()),
  targetId: z.string(),
  targetLabel: z.string(),
  workspace: z.string(),
  inputShown: z.string(),
  preview: z.string(),
  /** A production target's name to type to approve, or null. */
  confirmation: z.string().nullable(),
  /** ran: approved and run by the client's call; closed: rejected and the client told. */
  status: z.enum(['pending', 'approved', 'rejected', 'ran', 'closed']),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  runId: z.string().nullable(),
  /** The run's status once it ran (succeeded, failed…), or null. */
  runStatus: z.string().nullable(),
  /** False when its input or preview was too long to keep whole: it can only be rejected. */
  approvable: z.boolean(),
});
export type McpInboxProposalView = z.infer<typeof McpInboxProposalSchema>;

const ProposalList = z.object({ proposals: z.array(McpInboxProposalSchema) });

export const mcpInboxCommands = {
  'mcp.proposals.list': defineCommand({
    description: 'The steps MCP clients proposed that wait for a person (fresh: an hour), and those decided in the last minutes with their outcome.',
    request: z.object({}).strict(),
    response: ProposalList,
  }),
  'mcp.proposals.decide': defineCommand({
    description: 'Approve or reject an MCP client\'s proposal; a production target needs its typed name. Journaled as mcp.decision; the waiting MCP call then returns.',
    request: z
      .object({
        id: z.string().trim().min(1).max(100),
        decision: z.enum(['approve', 'reject']),
        /** The production target's name as the person typed it. */
        confirmation: z.string().max(500).optional(),
      })
      .strict(),
    response: z.object({ proposal: McpInboxProposalSchema }),
  }),
} as const;

export const mcpInboxEvents = {
  'mcp.proposals.changed': defineEvent({
    description: 'An MCP client proposed a step, or one was decided, ran, was told or lapsed: the inbox as it now is.',
    payload: ProposalList,
  }),
} as const;

/**
 * An MCP client's words (its name, the input, a file's content) never move a terminal's cursor,
 * recolour it, or hide or reorder text (bidi controls, zero-width characters): each becomes `?`,
 * in the terminal and in the app alike.
 */
export const visibleText = (value: string): string => value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '?');
