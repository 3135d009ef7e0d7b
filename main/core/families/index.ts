import { composeFamily } from './compose';
import { dockerFamily } from './docker';
import type { Family } from './family';
import { filesFamily } from './files';
import { githubFamily } from './github';
import { helmFamily } from './helm';
import { httpFamily } from './http';
import { kubernetesFamily } from './kubernetes';
import { shellFamily } from './shell';
import { terraformFamily } from './terraform';

/** Every executor family, in the order their doctor checks and tool sets are shown. Adding one is one line here. */
export const families: readonly Family[] = [shellFamily, filesFamily, httpFamily, dockerFamily, composeFamily, kubernetesFamily, helmFamily, terraformFamily, githubFamily];

/**
 * Families made at start from the user's configuration: one per MCP server (`mcp/`), started before
 * the core, which lists their tools. Loaded on use: without a configured server nothing is started
 * and no SDK is loaded.
 */
export async function startConfiguredFamilies(where: { readonly env: NodeJS.ProcessEnv }): Promise<{ readonly families: readonly Family[]; dispose(): Promise<void> }> {
  return (await import('./mcp/mcp-start')).startMcpFamilies(where);
}
