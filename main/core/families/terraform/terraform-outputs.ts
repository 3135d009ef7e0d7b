import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { runTerraformJson } from './terraform-exec';
import type { TerraformPlace } from './terraform-place';
import { SENSITIVE } from './terraform-sensitive';

export interface OutputValue {
  readonly name: string;
  readonly sensitive: boolean;
  readonly type: unknown;
  readonly value: unknown;
}

/** `terraform output -json` of a place's state, every sensitive value masked before it leaves this function. */
export async function readOutputs(ctx: ToolContext, place: TerraformPlace, signal: AbortSignal): Promise<ToolResult<OutputValue[]>> {
  const result = await runTerraformJson<Record<string, { sensitive: boolean; type: unknown; value: unknown }>>(ctx, place.dir, ['output', '-json', '-no-color'], { signal, workspace: place.workspace, timeoutMs: 120_000 });
  if (!result.ok) return result;
  return { ok: true, output: Object.entries(result.output ?? {}).map(([name, output]) => ({ name, sensitive: output.sensitive, type: output.type, value: output.sensitive ? SENSITIVE : output.value })) };
}
