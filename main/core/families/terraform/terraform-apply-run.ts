import { type RunArgs, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { diagnosticText, parseJsonLines, type UiMessage } from './terraform-messages';
import { fileSha256, resolvePlanFile } from './terraform-plan-file';
import { readOutputs } from './terraform-outputs';
import type { TerraformPlace } from './terraform-place';

export interface AppliedPlan {
  readonly plan: string;
  readonly sha256: string;
  /** What terraform reported done, resource by resource. */
  readonly applied: readonly { readonly address: string; readonly action: string }[];
  readonly summary: { readonly add: number; readonly change: number; readonly remove: number };
  /**
   * The workspace's output values after the apply, by name, so later steps can take them:
   * `${steps.apply.output.outputs.namespace}`. Sensitive ones are not there (terraform.output lists
   * them masked). Empty when they could not be read.
   */
  readonly outputs: Readonly<Record<string, unknown>>;
}

const hooks = (messages: readonly UiMessage[], type: string): { address: string; action: string }[] =>
  messages.filter((message) => message.type === type && message.hook?.resource).map((message) => ({ address: message.hook!.resource!.addr, action: message.hook!.action ?? 'apply' }));

const PAST: Record<string, string> = { create: 'created', update: 'updated', delete: 'destroyed', replace: 'replaced', read: 'read' };

/** "created a, b; destroyed c" */
export function appliedText(applied: readonly { address: string; action: string }[]): string {
  const byAction = new Map<string, string[]>();
  for (const { address, action } of applied) byAction.set(action, [...(byAction.get(action) ?? []), address]);
  return [...byAction].map(([action, addresses]) => `${PAST[action] ?? action} ${addresses.join(', ')}`).join('; ');
}

/**
 * `terraform apply PLAN` of a saved plan, never of a fresh one: terraform applies exactly the
 * changes in the file, and refuses a plan whose state changed since it was made ("stale").
 * A failure says what was applied before it stopped, from terraform's own progress messages.
 */
export async function applySavedPlan(ctx: ToolContext, place: TerraformPlace, plan: string, { signal, log }: Pick<RunArgs<unknown>, 'signal' | 'log'>): Promise<ToolResult<AppliedPlan>> {
  if (place.problem) return toolFailure('NOT_FOUND', place.problem);
  const file = resolvePlanFile(place, plan);
  if ('problem' in file) return toolFailure('NOT_FOUND', file.problem);
  const sha256 = fileSha256(file.path);
  const result = await runTerraform(ctx, place.dir, ['apply', '-input=false', '-no-color', '-json', '-lock-timeout=30s', file.relative], { signal, log, jsonLines: true, workspace: place.workspace, timeoutMs: 2 * 60 * 60_000, answerExitCodes: [1] });
  if (!result.ok) return toolFailure(result.error.code, `terraform apply of ${file.relative} ${result.error.code === 'CANCELLED' ? 'was cancelled' : 'failed'}: ${result.error.message}. Plan again (terraform.plan) to see what it left.`, result.error.detail);
  const messages = parseJsonLines(result.output.stdout);
  const applied = hooks(messages, 'apply_complete');
  if (result.output.exitCode === 0) {
    const summary = messages.find((message) => message.type === 'change_summary')?.changes;
    const outputs = await readOutputs(ctx, place, signal);
    if (!outputs.ok) log('stderr', `applied, but its outputs could not be read: ${outputs.error.message}\n`);
    // Sensitive outputs are left out, not masked: a later step that takes one fails as not known instead of using the mask as a value.
    const byName = Object.fromEntries((outputs.ok ? outputs.output : []).filter((output) => !output.sensitive).map((output) => [output.name, output.value]));
    return { ok: true, output: { plan: file.relative, sha256, applied, summary: { add: summary?.add ?? 0, change: summary?.change ?? 0, remove: summary?.remove ?? 0 }, outputs: byName } };
  }
  const errors = messages.flatMap((message) => (message.type === 'diagnostic' && message.diagnostic?.severity === 'error' ? [message.diagnostic] : []));
  const why = errors.map(diagnosticText).join('; ') || result.output.stderr.trim().split('\n').at(-1) || 'terraform apply exited with code 1';
  if (errors.some((error) => /Saved plan is stale/i.test(error.summary))) {
    return toolFailure('PLAN_STALE', `The saved plan ${file.relative} is stale: the state of ${place.target.label} changed after the plan was made (another apply ran), so Terraform refused it and nothing was applied. Plan again (terraform.plan) and approve the new plan.`);
  }
  const failed = hooks(messages, 'apply_errored').map((entry) => entry.address);
  const done = applied.length ? `Applied before it stopped: ${appliedText(applied)}.` : 'Nothing was applied.';
  const broken = failed.length ? ` Failed: ${failed.join(', ')} (a resource that failed while being created is kept in the state as tainted and replaced by the next apply).` : '';
  return {
    ok: false,
    error: { code: 'APPLY_FAILED', message: `terraform apply of ${file.relative} failed: ${why}. ${done}${broken} The state records what was applied; plan again (terraform.plan) to see what is left.`, detail: { applied, failed } },
  };
}
