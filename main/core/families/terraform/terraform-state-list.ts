import { type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { terraformError } from './terraform-messages';
import type { TerraformPlace } from './terraform-place';

/** "a, b, c and 4 more" */
export const addressList = (addresses: readonly string[], shown = 5): string => (addresses.length > shown ? `${addresses.slice(0, shown).join(', ')} and ${addresses.length - shown} more` : addresses.join(', '));

/**
 * `terraform state list [-id=ID] [ADDRESS…]`: the resource instances of the workspace's state,
 * those under the given addresses only when there are some (a module address lists everything in it).
 */
export async function listState(ctx: ToolContext, place: TerraformPlace, addresses: readonly string[], options: { id?: string; signal?: AbortSignal } = {}): Promise<ToolResult<string[]>> {
  // Exit code 1 is also how terraform says there is nothing to list: read stderr to tell which.
  const result = await runTerraform(ctx, place.dir, ['state', 'list', '-no-color', ...(options.id ? [`-id=${options.id}`] : []), ...addresses], { signal: options.signal, workspace: place.workspace, timeoutMs: 120_000, maxBufferBytes: 64 * 1024 * 1024, answerExitCodes: [1] });
  if (!result.ok) return result;
  if (result.output.exitCode !== 0) {
    // A workspace nothing was applied to has no state file yet, and an address with nothing at it is an error to terraform: both list nothing.
    if (/No state file was found|Unknown (resource|module)/.test(result.output.stderr)) return { ok: true, output: [] };
    return toolFailure('TERRAFORM_FAILED', terraformError(result.output.stdout, result.output.stderr) ?? 'terraform state list exited with code 1', { exitCode: 1 });
  }
  return { ok: true, output: result.output.stdout.split('\n').map((line) => line.trim()).filter(Boolean) };
}
