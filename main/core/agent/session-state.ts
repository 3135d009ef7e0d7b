export const sessionStates = ['idle', 'thinking', 'streaming', 'waiting-for-approval', 'waiting-for-user', 'running-plan', 'done', 'failed', 'cancelled'] as const;
export type SessionState = (typeof sessionStates)[number];

const finished = new Set<SessionState>(['done', 'failed', 'cancelled']);

/** Doing something or waiting for the person: a new request must wait, a delete is refused. */
export const isWorking = (state: SessionState): boolean => state !== 'idle' && !finished.has(state);

/** Which state may follow which; anything else is a bug and throws. Cancel is allowed from every live state. */
const allowed: Record<SessionState, readonly SessionState[]> = {
  idle: ['thinking'],
  thinking: ['streaming', 'waiting-for-user', 'waiting-for-approval', 'running-plan', 'done', 'failed'],
  streaming: ['thinking', 'waiting-for-user', 'waiting-for-approval', 'running-plan', 'done', 'failed'],
  'waiting-for-approval': ['running-plan', 'thinking', 'failed'],
  'waiting-for-user': ['thinking', 'failed'],
  'running-plan': ['thinking', 'failed'],
  done: ['thinking'],
  failed: ['thinking'],
  cancelled: ['thinking'],
};

/** The session's state, with an attempt id so a late event from a cancelled attempt cannot change a newer one. */
export class SessionStateMachine {
  private current: SessionState = 'idle';
  private attemptId = 0;

  constructor(private readonly onChange: (state: SessionState, attempt: number) => void) {}

  get state(): SessionState {
    return this.current;
  }

  get attempt(): number {
    return this.attemptId;
  }

  /** A new request: a new attempt id. */
  begin(): number {
    this.attemptId += 1;
    this.to('thinking', this.attemptId);
    return this.attemptId;
  }

  to(next: SessionState, attempt: number): void {
    if (attempt !== this.attemptId) return; // a stale attempt: ignore
    if (next === this.current) return;
    if (next === 'cancelled') {
      if (finished.has(this.current) && this.current !== 'thinking') return;
    } else if (!allowed[this.current].includes(next)) {
      throw new Error(`session cannot go from ${this.current} to ${next}`);
    }
    this.current = next;
    this.onChange(next, attempt);
  }
}
