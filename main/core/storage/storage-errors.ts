/** The database cannot be used as it is; the message says why and what to do. Nothing was changed. */
export class StorageError extends Error {
  constructor(
    readonly code: 'DB_NEWER_VERSION' | 'DB_CORRUPT' | 'DB_UNOPENABLE' | 'DB_MIGRATION_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}
