import { describe, expect, it } from 'vitest';
import { FOLLOW_FIRST_MS, FOLLOW_LONGEST_MS, type FollowHost, followRun } from './run-follower';

/** A page whose timers run only when the test says and whose visibility the test sets. */
function fakePage() {
  let visible = true;
  const listeners = new Set<() => void>();
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const host: FollowHost = {
    visible: () => visible,
    onVisibilityChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    setTimer: (run, ms) => (timers.set(++next, { run, ms }), next),
    clearTimer: (handle) => timers.delete(handle as number),
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    host,
    listeners,
    /** The waits now pending, in ms. */
    pending: () => [...timers.values()].map((timer) => timer.ms),
    /** Lets the pending timer fire and the read after it finish. */
    fire: async () => {
      const [id, timer] = [...timers.entries()][0]!;
      timers.delete(id);
      timer.run();
      await settle();
    },
    setVisible: async (value: boolean) => {
      visible = value;
      for (const listener of listeners) listener();
      await settle();
    },
  };
}

describe('following a run in progress in History', () => {
  it('waits longer after each read that changed nothing, up to 30 s, and comes back to 2 s on a change', async () => {
    const page = fakePage();
    let reads = 0;
    const follower = followRun(async () => void reads++, page.host);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      waits.push(...page.pending());
      await page.fire();
    }
    expect(reads).toBe(6);
    expect(waits).toEqual([FOLLOW_FIRST_MS, 4000, 8000, 16_000, FOLLOW_LONGEST_MS, FOLLOW_LONGEST_MS]);
    follower.sawChange(); // a step finished, or a run event came
    expect(page.pending()).toEqual([FOLLOW_FIRST_MS]);
    follower.stop();
  });

  it('reads nothing while the window is hidden, and reads at once when it is shown again', async () => {
    const page = fakePage();
    let reads = 0;
    const follower = followRun(async () => void reads++, page.host);
    await page.setVisible(false);
    expect(page.pending()).toEqual([]);
    expect(reads).toBe(0);
    await page.setVisible(true);
    expect(reads).toBe(1);
    expect(page.pending()).toHaveLength(1);
    follower.stop();
    expect(page.pending()).toEqual([]);
    expect(page.listeners.size).toBe(0);
  });

  it('does not start a timer for a page that opens hidden', () => {
    const page = fakePage();
    void page.setVisible(false);
    const follower = followRun(async () => undefined, page.host);
    expect(page.pending()).toEqual([]);
    follower.stop();
  });
});
