import type { Redactor } from '../audit/redactor';
import { classifyStep } from './classify-step';
import type { PolicyEngine } from '../policy/policy-engine';
import type { ToolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';

export interface ReadDependencies {
  readonly registry: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly redactor: Redactor;
}

/**
 * A read the person asks for directly (a container's logs or stats in the Resources pane or
 * `reign compose logs`): the registry's tool, still through the policy (a rule may deny reads of a
 * target), its output redacted. Not journaled as a run: nothing changes, and the pane polls.
 */
export async function readNow<O>(deps: ReadDependencies, toolName: string, input: Record<string, unknown>, ctx: ToolContext, signal: AbortSignal): Promise<O> {
  const tool = deps.registry.get(toolName);
  if (!tool) throw new Error(`There is no tool ${toolName}.`);
  const parsed = tool.input.parse(input);
  const { risk, verdict } = await classifyStep(tool, parsed, ctx, deps.policy, signal);
  if (risk !== 'read') throw new Error(`${toolName} is not a read (${risk}); it runs only as a plan step.`);
  if (verdict.decision !== 'allow') throw Object.assign(new Error(`Refused by policy (${verdict.reason}).`), { code: 'POLICY_DENIED' });
  const result = await tool.run({ input: parsed, ctx, signal, log: () => undefined, progress: () => undefined });
  if (!result.ok) throw Object.assign(new Error(deps.redactor.redact(result.error.message)), { code: result.error.code });
  return deps.redactor.redactValue(result.output) as O;
}
