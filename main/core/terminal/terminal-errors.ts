/** A terminal request that cannot be met; the code and message reach the user as they are. */
export class TerminalError extends Error {
  constructor(
    readonly code: 'INVALID_CWD' | 'NOT_FOUND' | 'TERMINAL_EXITED' | 'TOO_MANY_TERMINALS' | 'PTY_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'TerminalError';
  }
}
