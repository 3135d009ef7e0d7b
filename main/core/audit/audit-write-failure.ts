import { AuditUnavailableError } from './audit-unavailable';

/**
 * At most this many appendBatched events wait in memory: past it they are committed at once, so
 * one tick of very chatty output cannot hold an unbounded transaction, and a log that cannot be
 * written stops taking events rather than growing until Reign runs out of memory.
 */
export const MAX_QUEUED_ROWS = 5_000;

const causeOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The database refused the events queued for it: what was lost, why, and what to do. */
export function queuedWriteFailed(queued: number, error: unknown): AuditUnavailableError {
  return new AuditUnavailableError(
    `${queued} queued event${queued === 1 ? '' : 's'} (step output) could not be committed to the database (${causeOf(error)}). ` +
      'Nothing more is journaled, and whatever must be journaled first does not go ahead, until they are: free disk space or fix the permissions of reign.db (and check that no other program holds it locked); the next append retries them.',
    error,
  );
}

/** A synchronous append that failed with nothing queued before it: only its own events are lost. */
export function appendFailed(error: unknown): AuditUnavailableError {
  return new AuditUnavailableError(`the event could not be committed to the database (${causeOf(error)}); free disk space or fix the permissions of reign.db, then try again`, error);
}

/** Why the signed head file could not be rewritten; the rows themselves are committed. */
export function headWriteProblem(headFile: string, coveredThrough: number, error: unknown): string {
  return `the head file ${headFile} could not be written (${causeOf(error)}): it covers the log only through row ${coveredThrough}, so rows removed from the end after it would not be caught; free disk space or fix the permissions of its folder (Reign retries on the next append)`;
}
