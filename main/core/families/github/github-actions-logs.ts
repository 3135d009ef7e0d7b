import { durationSeconds, durationText } from './github-actions-shapes';

// How a run's job logs are shown: the jobs that failed first (what "why did it fail?" asks about),
// each job's log cut to its last lines (where a failure is), under a header a terminal shows as is.

export const DEFAULT_LOG_LINES = 200;
export const MAX_LOG_LINES = 20_000;

/** Conclusions of a job that did not succeed because of itself: its log says why. */
const failed = new Set(['failure', 'timed_out', 'startup_failure']);

export interface LogJob {
  readonly id: number;
  readonly name: string;
  readonly status: string | null;
  readonly conclusion: string | null;
  readonly started_at?: string | null;
  readonly completed_at?: string | null;
}

/** 0 failed, 1 cancelled (stopped part-way, maybe by a failure elsewhere), 2 the rest. */
const rank = (job: LogJob): number => (failed.has(job.conclusion ?? '') ? 0 : job.conclusion === 'cancelled' ? 1 : 2);

/** The jobs in the order their logs are shown: failed ones first, then cancelled, then the rest; GitHub's order within each. */
export function orderJobsForLogs<J extends LogJob>(jobs: readonly J[]): J[] {
  return jobs.map((job, index) => ({ job, index })).sort((a, b) => rank(a.job) - rank(b.job) || a.index - b.index).map(({ job }) => job);
}

export const failedConclusion = (conclusion: string | null | undefined): boolean => failed.has(conclusion ?? '');
export const isFailedJob = (job: Pick<LogJob, 'conclusion'>): boolean => failedConclusion(job.conclusion);

/** The last `keep` lines of a log, how many it had, and how many were cut from its start. */
export function lastLines(text: string, keep: number): { lines: string[]; total: number; cut: number } {
  // GitHub's logs start with a byte order mark and end with a line break; neither is a line.
  const body = text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  const all = body === '' ? [] : body.split(/\r?\n/);
  const lines = all.length > keep ? all.slice(all.length - keep) : all;
  return { lines, total: all.length, cut: all.length - lines.length };
}

/** `==== build · failure · 2m 5s · job 399444496 ====`: what the log below it is of. */
export function jobHeader(job: LogJob): string {
  const outcome = job.conclusion ?? job.status ?? 'unknown';
  const took = durationText(durationSeconds(job.started_at, job.completed_at));
  return `==== ${job.name} · ${outcome}${took ? ` · ${took}` : ''} · job ${job.id} ====`;
}

/**
 * One job's block: its header, a note of what was cut (and how to see more), then its last lines.
 * `text` null means GitHub had no log for it, said with `missing` (why).
 */
export function jobLogBlock(job: LogJob, text: string | null, keep: number, missing = 'no log'): { block: string; total: number; shown: number; cut: number } {
  if (text === null) return { block: `${jobHeader(job)}\n(${missing})\n`, total: 0, shown: 0, cut: 0 };
  const { lines, total, cut } = lastLines(text, keep);
  const note = cut ? `(${cut} earlier line${cut === 1 ? '' : 's'} cut: showing the last ${lines.length} of ${total}; ask for more lines to see them)\n` : '';
  return { block: `${jobHeader(job)}\n${note}${lines.map((line) => `${line}\n`).join('')}${total ? '' : '(the log is empty)\n'}`, total, shown: lines.length, cut };
}

/** A log body as Octokit hands it over: text for text/plain, bytes for anything else. */
export function logText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return '';
}
