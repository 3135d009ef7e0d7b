import type { PolicyEngine, PolicyVerdict } from '../policy/policy-engine';
import type { RiskAssessment } from '../policy/risk';
import type { Target, ToolContext, ToolDefinition } from '../tools/tool-definition';

export interface StepClassification extends RiskAssessment {
  readonly target: Target;
  readonly verdict: PolicyVerdict;
}

/** Risk and target from the tool's own code, then the policy's verdict on them. */
export function classifyStep(tool: ToolDefinition, input: unknown, ctx: ToolContext, policy: PolicyEngine): StepClassification {
  const { risk, reasons } = tool.risk({ input, ctx });
  const target = tool.target({ input, ctx });
  return { risk, reasons, target, verdict: policy.decide(tool.name, risk, target) };
}
