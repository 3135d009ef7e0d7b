import { assess, type RiskAssessment } from '../../policy/risk';

/** What a server says about one of its tools; untrusted (MCP specification: "annotations … should be considered untrusted"). */
export interface ServerToolHints {
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
}

/**
 * A server tool's risk. Reign cannot see what a server does, so every call is a write by default.
 * The server's words may only raise it (destructiveHint → destructive); readOnlyHint never lowers
 * it, since a hostile or careless server can say anything. Only the person's config (`readOnly`)
 * makes a tool a read.
 */
export function mcpToolRisk(server: string, tool: string, hints: ServerToolHints | undefined, readOnlyByUser: readonly string[]): RiskAssessment {
  if (hints?.destructiveHint === true) return assess('destructive', `MCP server "${server}" says ${tool} may destroy data`);
  if (readOnlyByUser.includes(tool)) return assess('read', `${tool} of MCP server "${server}" is marked read-only in your MCP config`);
  const claim = hints?.readOnlyHint === true ? ' (the server says it only reads; a server cannot lower a risk)' : '';
  return assess('write', `calls ${tool} on MCP server "${server}", which can do anything the server can${claim}`);
}
