/** The log cannot be appended to (a table is missing, the chain key cannot be had, the database refuses writes); the message says what to do. */
export class AuditUnavailableError extends Error {
  readonly code = 'AUDIT_UNAVAILABLE';
  constructor(message: string, cause?: unknown) {
    super(`The audit log cannot be written: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'AuditUnavailableError';
  }
}
