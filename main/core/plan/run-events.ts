import type { RunStepStatus } from '../../../preload/contract';
import type { Risk } from '../policy/risk';
import type { Preview, Target } from '../tools/tool-definition';

/** Declared once in the contract, which the renderer's plan view shares. */
export type StepStatus = RunStepStatus;

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled' | 'incomplete' | 'interrupted' | 'undone';

/** Everything that happens in a run, in order. The audit log stores these; `--json` prints them. */
export type RunEvent =
  | { type: 'run.started'; runId: string; planId: string; workspace: string; steps: number }
  | { type: 'step.classified'; runId: string; step: string; tool: string; risk: Risk; reasons: readonly string[]; target: Target; decision: string; policy: string }
  /** The resolved input classified differently from what was approved (risk, target, rule or confirmation). */
  | { type: 'step.reclassified'; runId: string; step: string; risk: Risk; reasons: readonly string[]; target: Target; decision: string; policy: string; before: { risk: Risk; targetId: string } }
  | { type: 'step.approval'; runId: string; step: string; decision: 'approve' | 'reject' | 'edit'; source: string; at: string; targetId: string }
  /** `waiting`: the run goes on and the person is asked now, about the step as it is with its resolved input. */
  | { type: 'step.needs-approval'; runId: string; step: string; risk: Risk; why: string; waiting?: { reasons: readonly string[]; target: Target; confirmation: string | null; preview: Preview } }
  | { type: 'step.denied'; runId: string; step: string; why: string }
  | { type: 'step.started'; runId: string; step: string; attempt: number }
  | { type: 'step.output'; runId: string; step: string; stream: 'stdout' | 'stderr' | 'info'; text: string }
  | { type: 'step.finished'; runId: string; step: string; status: 'succeeded' | 'failed'; ms: number; error?: { code: string; message: string } }
  | { type: 'step.skipped'; runId: string; step: string; because: string }
  | { type: 'rollback.started'; runId: string; steps: readonly string[] }
  /** `waitsForApproval`: the undo is planned, and a person approves it (a Terraform destroy), so it is not done yet. */
  | { type: 'step.undone'; runId: string; step: string; ok: boolean; error?: string; waitsForApproval?: boolean }
  | { type: 'step.left-in-place'; runId: string; step: string; change: string }
  | { type: 'run.finished'; runId: string; status: RunStatus; summary: Record<string, number> };

export type RunEventSink = (event: RunEvent) => void;
