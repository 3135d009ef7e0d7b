import { classifyStep } from '../plan/classify-step';
import { heldReference, parseHeldOrThrow } from '../plan/held-references';
import type { PlanStep } from '../plan/plan-schema';
import type { PolicyEngine } from '../policy/policy-engine';
import type { Risk } from '../policy/risk';
import { shellCommandOf } from '../tools/shell-command-of';
import type { Preview, Target, ToolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';

export interface ProposedStep {
  readonly id: string;
  readonly tool: string;
  readonly input: Record<string, unknown>;
  readonly dependsOn: readonly string[];
  readonly risk: Risk;
  readonly reasons: readonly string[];
  readonly target: Target;
  readonly decision: string;
  /** The verdict came from one of the person's rules, not the default for the risk. */
  readonly byRule?: boolean;
  /** The production target's name to type before this step may run; null when none is needed. */
  readonly confirmation: string | null;
  readonly preview: Preview;
  readonly undoable: boolean;
  readonly name?: string;
  /** The shell command it runs, for tools whose input is one: "Allow again" scopes a rule to its verb. */
  readonly shellCommand?: string | null;
  /** What the step runs, hashed (see StepClassification.contentHash): the approval carries it back. */
  readonly contentHash?: string | null;
}

/**
 * A (valid) plan step as the person reviews it: risk, target and reasons from the tool's code, the
 * policy's verdict, and the tool's preview. Used for a proposal and again for an edited step.
 */
export async function describeStep(registry: ToolRegistry, step: Pick<PlanStep, 'id' | 'tool' | 'input' | 'name'> & { readonly dependsOn: readonly string[] }, ctx: ToolContext, policy: PolicyEngine): Promise<ProposedStep> {
  const tool = registry.get(step.tool)!;
  const { data: input, held } = parseHeldOrThrow(tool, step.input);
  const { risk, reasons, target, verdict, contentHash } = await classifyStep(tool, input, ctx, policy, undefined, held);
  const preview: Preview = held.length
    ? { kind: 'text', text: `${held.join(', ')} ${held.length === 1 ? 'is the output of an earlier step' : 'are outputs of earlier steps'} (${held.map((path) => heldReference(step.input, path)).join(', ')}): it is classified again with ${held.length === 1 ? 'that value' : 'those values'} before it runs, and waits for you again if its risk, its target or what it acts on is then other than approved.` }
    : await tool.preview({ input, ctx }).catch((problem: Error) => ({ kind: 'text' as const, text: `No preview: ${problem.message}` }));
  return { id: step.id, tool: step.tool, input: step.input, dependsOn: step.dependsOn, risk, reasons, target, decision: verdict.decision, ...(verdict.rule ? { byRule: true } : {}), confirmation: verdict.confirmation, preview, undoable: Boolean(tool.undo), shellCommand: shellCommandOf(tool, input), contentHash: contentHash ?? null, ...(step.name ? { name: step.name } : {}) };
}
