import { z } from 'zod';
import { runSummary, type RunLike, trimRun } from './github-shapes';

// What the Actions tools return: the fields a person reads about a workflow, a run, its jobs and
// their steps, and an artifact; never GitHub's whole objects (API URLs, runner internals). The
// inputs are structural, so Octokit's types and the description's examples both fit them.

export const workflowSummary = z.object({
  id: z.number(),
  name: z.string(),
  path: z.string().describe('Its file in the repository (.github/workflows/deploy.yml)'),
  state: z.string().describe('active, disabled_manually, disabled_inactivity, disabled_fork or deleted'),
});
export type WorkflowSummary = z.infer<typeof workflowSummary>;

export interface WorkflowLike {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly state: string;
}

export const trimWorkflow = (workflow: WorkflowLike): WorkflowSummary => ({ id: workflow.id, name: workflow.name, path: workflow.path, state: workflow.state });

/** Whole seconds from start to end, or null while either is unknown (a queued step, a job still running). */
export function durationSeconds(startedAt: string | null | undefined, completedAt: string | null | undefined): number | null {
  if (!startedAt || !completedAt) return null;
  const seconds = Math.round((Date.parse(completedAt) - Date.parse(startedAt)) / 1000);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** 125 → "2m 5s", 3725 → "1h 2m 5s", null → "" (unknown). */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return [hours && `${hours}h`, (hours || minutes) && `${minutes}m`, `${rest}s`].filter(Boolean).join(' ');
}

const timing = {
  status: z.string().nullable().describe('queued, in_progress, completed…'),
  conclusion: z.string().nullable().describe('success, failure, cancelled, skipped… once completed'),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  durationSeconds: z.number().nullable().describe('null until it has started and completed'),
};

export const stepSummary = z.object({ number: z.number(), name: z.string(), ...timing });
export const jobSummary = z.object({ id: z.number(), name: z.string(), ...timing, steps: z.array(stepSummary) });
export type JobSummary = z.infer<typeof jobSummary>;

export interface StepLike {
  readonly number: number;
  readonly name: string;
  readonly status: string | null;
  readonly conclusion: string | null;
  readonly started_at?: string | null;
  readonly completed_at?: string | null;
}

export interface JobLike extends Omit<StepLike, 'number'> {
  readonly id: number;
  readonly steps?: readonly StepLike[];
}

export function trimJob(job: JobLike): JobSummary {
  const times = (item: Omit<StepLike, 'number' | 'name'>) => ({ status: item.status, conclusion: item.conclusion, startedAt: item.started_at ?? null, completedAt: item.completed_at ?? null, durationSeconds: durationSeconds(item.started_at, item.completed_at) });
  return { id: job.id, name: job.name, ...times(job), steps: (job.steps ?? []).map((step) => ({ number: step.number, name: step.name, ...times(step) })) };
}

export const runDetail = runSummary.extend({
  attempt: z.number().describe('Which attempt this is: 1, then one more for each re-run'),
  startedAt: z.string().nullable().describe('When this attempt started'),
  updatedAt: z.string().nullable(),
  workflowPath: z.string().nullable(),
});
export type RunDetail = z.infer<typeof runDetail>;

export interface RunDetailLike extends RunLike {
  readonly run_attempt?: number;
  readonly run_started_at?: string;
  readonly updated_at?: string;
  readonly path?: string;
}

export const trimRunDetail = (run: RunDetailLike): RunDetail => ({ ...trimRun(run), attempt: run.run_attempt ?? 1, startedAt: run.run_started_at ?? null, updatedAt: run.updated_at ?? null, workflowPath: run.path ?? null });

export const artifactSummary = z.object({
  id: z.number().describe('For github.artifact.download'),
  name: z.string(),
  sizeBytes: z.number(),
  expired: z.boolean().describe('An expired artifact can no longer be downloaded'),
  createdAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ArtifactSummary = z.infer<typeof artifactSummary>;

export interface ArtifactLike {
  readonly id: number;
  readonly name: string;
  readonly size_in_bytes: number;
  readonly expired: boolean;
  readonly created_at: string | null;
  readonly expires_at: string | null;
}

export const trimArtifact = (artifact: ArtifactLike): ArtifactSummary => ({ id: artifact.id, name: artifact.name, sizeBytes: artifact.size_in_bytes, expired: artifact.expired, createdAt: artifact.created_at, expiresAt: artifact.expires_at });

/** 556 → "556 B", 2_400_000 → "2.3 MB". */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
