import type { PolicyEngine, PolicyVerdict } from '../policy/policy-engine';
import { type RiskAssessment, combine } from '../policy/risk';
import { shellCommandOf } from '../tools/shell-command-of';
import type { Target, ToolContext, ToolDefinition } from '../tools/tool-definition';

export interface StepClassification extends RiskAssessment {
  readonly target: Target;
  readonly verdict: PolicyVerdict;
  /** A hash of the content the step runs (a script, a Makefile), when the tool reads one: approvals are bound to it. */
  readonly contentHash?: string | null;
}

/** How long a tool's `inspect` may take, unless it says otherwise, before the step is classified without its facts. */
const INSPECT_TIME_LIMIT_MS = 15_000;

/**
 * Risk and target from the tool's own code (after its `inspect`, when it has one), then the
 * policy's verdict on them. An inspection that fails or runs out of time never lowers the risk:
 * the step is rated at least `write`, and says why.
 */
export async function classifyStep(tool: ToolDefinition, input: unknown, ctx: ToolContext, policy: PolicyEngine, signal?: AbortSignal, held: readonly string[] = []): Promise<StepClassification> {
  let facts: unknown;
  let problem: string | null = null;
  // Facts read with a stand-in value would be another object's: the step is classified without them now, and with them before it runs.
  if (tool.inspect && held.length) problem = `${held.join(', ')} ${held.length === 1 ? 'is an earlier step\'s output' : 'are earlier steps\' outputs'}, known when it runs (it is classified again then)`;
  else if (tool.inspect) {
    const limitMs = tool.inspectTimeoutMs ?? INSPECT_TIME_LIMIT_MS;
    const limit = AbortSignal.timeout(limitMs);
    const inspectSignal = signal ? AbortSignal.any([signal, limit]) : limit;
    try {
      facts = await abortable(tool.inspect({ input, ctx, signal: inspectSignal }), inspectSignal);
    } catch (error) {
      problem = limit.aborted ? `could not inspect within ${limitMs} ms` : `could not inspect: ${(error as Error).message}`;
    }
  }
  const args = { input, ctx, facts };
  const assessed = tool.risk(args);
  const { risk, reasons } = problem ? combine([assessed, { risk: 'write', reasons: [`${problem}, so it is rated at least write`] }]) : assessed;
  const target = tool.target(args);
  const contentHash = tool.contentHash ? tool.contentHash(problem ? undefined : facts) : null;
  return { risk, reasons, target, verdict: policy.decide(tool.name, risk, target, { command: shellCommandOf(tool, input) }), contentHash };
}

/** An inspection that ignores its signal still stops being waited for. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
