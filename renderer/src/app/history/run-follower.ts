/** A run that just changed is read again this soon… */
export const FOLLOW_FIRST_MS = 2000;
/** …and one that keeps not changing (waiting hours for an approval) no more often than this. */
export const FOLLOW_LONGEST_MS = 30_000;

/** The wait before the next read: doubled after every read that found nothing new, up to FOLLOW_LONGEST_MS. */
export const nextFollowDelay = (delayMs: number): number => Math.min(FOLLOW_LONGEST_MS, delayMs * 2);

/** What the follower needs of the page; the document's by default, a stand-in in tests. */
export interface FollowHost {
  visible(): boolean;
  onVisibilityChange(listener: () => void): () => void;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const documentHost: FollowHost = {
  visible: () => document.visibilityState === 'visible',
  onVisibilityChange: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RunFollower {
  /** What was read differed from before (or a run event came): read again soon, not after the backed-off wait. */
  sawChange(): void;
  stop(): void;
}

/**
 * Reads a run in progress again and again, only while the page is visible (a hidden window asks
 * nothing, and reads at once when shown again), waiting longer after each read that changed nothing.
 */
export function followRun(read: () => Promise<unknown>, host: FollowHost = documentHost): RunFollower {
  let delayMs = FOLLOW_FIRST_MS;
  let timer: unknown = null;
  let stopped = false;
  const clear = (): void => {
    if (timer !== null) host.clearTimer(timer);
    timer = null;
  };
  const schedule = (): void => {
    clear();
    if (!stopped && host.visible()) timer = host.setTimer(tick, delayMs);
  };
  const tick = async (): Promise<void> => {
    timer = null;
    // Backed off first: a read that finds a change calls sawChange, which brings the wait back down.
    delayMs = nextFollowDelay(delayMs);
    await read().catch(() => undefined);
    if (timer === null) schedule();
  };
  const unlisten = host.onVisibilityChange(() => {
    if (!host.visible()) return clear();
    delayMs = FOLLOW_FIRST_MS;
    void tick();
  });
  schedule();
  return {
    sawChange: () => {
      delayMs = FOLLOW_FIRST_MS;
      if (timer !== null) schedule();
    },
    stop: () => {
      stopped = true;
      clear();
      unlisten();
    },
  };
}
