import type { Core } from '../bootstrap';
import { toolContext } from '../tools/tool-definition';
import type { McpCallDependencies } from './mcp-server-call';
import { McpProposalStore } from './mcp-server-proposals';
import { McpToolOffer } from './mcp-server-tool-offer';
import type { AgentToolSets } from '../agent/tool-sets';

/** What `reign mcp` serves from: the core's registry, policy, redactor, audit and runner, in one workspace. */
export async function mcpDependencies(core: Core, options: { workspace: string; env: NodeJS.ProcessEnv; approvalWaitMs: number; pollMs?: number; progressEveryMs?: number; toolSets?: AgentToolSets }): Promise<McpCallDependencies> {
  // As the chat: the families turned on, and those present here (per the doctor's probes) listed at once.
  const { sets, initial } = options.toolSets ?? (await core.agentToolSets());
  return {
    registry: core.tools,
    offer: new McpToolOffer(sets, initial),
    policy: core.policy,
    redactor: core.redactor,
    audit: core.audit,
    operations: core.operations,
    proposals: new McpProposalStore(core.db),
    ctx: toolContext(options.workspace, options.env, await core.shell(), core.operations.secret),
    approvalWaitMs: options.approvalWaitMs,
    pollMs: options.pollMs,
    progressEveryMs: options.progressEveryMs,
  };
}
