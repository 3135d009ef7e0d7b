import type { Risk } from '../policy/risk';
import type { Preview, Target, ToolContext, ToolDefinition } from '../tools/tool-definition';
import type { StepClassification } from './classify-step';
import type { StepDecision } from './step-gate';

// A step whose resolved input the approval no longer covers (the saved plan an apply applies is
// known only now, a namespace from an earlier output turned out to be production) is put to the
// person again while the run goes on, with what it is now: its risk, its target and a fresh
// preview. Their answer is bound to exactly that, as any approval is; a caller that cannot ask
// (reign plan run) leaves the step waiting, as before.

export interface Reapproval {
  readonly runId: string;
  readonly step: string;
  readonly tool: string;
  readonly why: string;
  readonly risk: Risk;
  readonly reasons: readonly string[];
  readonly target: Target;
  readonly confirmation: string | null;
  readonly contentHash: string | null;
  readonly preview: Preview;
}

export type ReapprovalAnswer = { readonly decision: 'approve'; readonly source: string; readonly confirmation?: string } | { readonly decision: 'reject'; readonly source: string };

export type AskAgain = (question: Reapproval) => Promise<ReapprovalAnswer>;

/** The question for a step, with the preview of its resolved input (a preview that fails says why instead). */
export async function reapprovalOf(runId: string, stepId: string, tool: ToolDefinition, input: unknown, ctx: ToolContext, classification: StepClassification, why: string): Promise<Reapproval> {
  const preview = await tool.preview({ input, ctx }).catch((problem: Error): Preview => ({ kind: 'text', text: `No preview: ${problem.message}` }));
  const { risk, reasons, target, verdict, contentHash } = classification;
  return { runId, step: stepId, tool: tool.name, why, risk, reasons, target, confirmation: verdict.confirmation, contentHash: contentHash ?? null, preview };
}

/** The answer as a decision on the step, bound to what the question showed. */
export function decisionOf(question: Reapproval, answer: ReapprovalAnswer): StepDecision {
  return answer.decision === 'approve' ? { decision: 'approve', source: answer.source, targetId: question.target.id, risk: question.risk, contentHash: question.contentHash } : { decision: 'reject', source: answer.source };
}

/** Waits for the answer, or a rejection when the run is cancelled first. */
export function answerOrCancel(ask: AskAgain, question: Reapproval, signal: AbortSignal): Promise<ReapprovalAnswer> {
  if (signal.aborted) return Promise.resolve({ decision: 'reject', source: 'the run was cancelled' });
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve({ decision: 'reject', source: 'the run was cancelled' });
    signal.addEventListener('abort', onAbort, { once: true });
    ask(question).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
