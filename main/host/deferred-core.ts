import type { Core } from '../core/bootstrap';

/**
 * How `reign serve` loads its core (≈0.5 s of modules, during which the event loop serves nothing)
 * without making the first page wait for it. The host listens first; then:
 * - the small imports (`warm`, ≤ 0.1 s each) run one by one while no page is being fetched: while
 *   the browser starts, and again once the page has its script;
 * - the big block (`load`: the families and the core) runs once the page's script has been sent,
 *   while the browser compiles and runs it, or after `latestMs` without any request;
 * - each step waits until no request is in flight and none ended in the last `quietMs`;
 * - a WebSocket upgrade (the page needs the core now) runs what is left at once.
 */
export interface DeferredCore {
  /** The core, now: the remaining steps run without waiting. */
  get(): Promise<Core>;
  /** Settles with the load; rejects if it fails or is cancelled first. Never hurries it. */
  readonly settled: Promise<Core>;
  /** Called once the host listens: loading before that would only delay the first listen. */
  start(): void;
  requestStarted(): void;
  requestEnded(sentScript: boolean): void;
  cancel(): void;
}

export interface DeferredCoreOptions {
  /** Imports done one at a time before `load`, each a block short enough for a request to wait out. */
  readonly warm?: readonly (() => Promise<unknown>)[];
  readonly quietMs?: number;
  readonly latestMs?: number;
}

export function deferredCore(load: () => Promise<Core>, { warm = [], quietMs = 10, latestMs = 1_000 }: DeferredCoreOptions = {}): DeferredCore {
  let inFlight = 0;
  let lastActivity = performance.now();
  let pageStarted = false;
  let scriptSent = false;
  let hurry = false;
  let cancelled = false;
  let waiting: { big: boolean; resume: () => void } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** Runs the waiting step if it may run now, else looks again when it might. */
  const poke = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!waiting) return;
    const now = performance.now();
    const quietAt = lastActivity + quietMs;
    const fallbackAt = lastActivity + latestMs;
    const pageAllows = waiting.big ? scriptSent : !pageStarted || scriptSent;
    const runs = hurry || cancelled || (inFlight === 0 && now >= quietAt && (pageAllows || now >= fallbackAt));
    if (runs) {
      const { resume } = waiting;
      waiting = null;
      return resume();
    }
    if (inFlight > 0) return; // requestEnded looks again
    timer = setTimeout(poke, Math.max(1, (now < quietAt ? quietAt : fallbackAt) - now));
  };
  const turn = (big: boolean): Promise<void> =>
    new Promise((resolve) => {
      waiting = { big, resume: resolve };
      // A timer, never at once: a request that arrived during the last block is read first.
      timer = setTimeout(poke, quietMs);
    });

  let begin!: () => void;
  const begun = new Promise<void>((resolve) => (begin = resolve));
  const settled = (async () => {
    await begun;
    for (const step of warm) {
      await turn(false);
      if (cancelled) break;
      // A package that fails to load here fails again, with its real error, in `load`.
      await step().catch(() => undefined);
    }
    await turn(true);
    if (cancelled) throw new Error('reign serve stopped before its core was loaded');
    return load();
  })();
  settled.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection here
  return {
    get: () => {
      hurry = true;
      begin();
      poke();
      return settled;
    },
    settled,
    start: () => begin(),
    requestStarted: () => {
      inFlight++;
      pageStarted = true;
      lastActivity = performance.now();
      if (timer) clearTimeout(timer);
      timer = null;
    },
    requestEnded: (sentScript) => {
      inFlight = Math.max(0, inFlight - 1);
      scriptSent ||= sentScript;
      lastActivity = performance.now();
      poke();
    },
    cancel: () => {
      cancelled = true;
      begin();
      poke();
    },
  };
}

/** A core already made, for hosts that have one (the tests, the desktop shell). */
export function readyCore(core: Core): DeferredCore {
  const ready = Promise.resolve(core);
  return { get: () => ready, settled: ready, start: () => undefined, requestStarted: () => undefined, requestEnded: () => undefined, cancel: () => undefined };
}
