import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `total` items to render now: `first` at once, then `step` more each animation frame
 * until all are there. A 1,000-change plan paints its first screens in one frame instead of
 * blocking for every row; the rest follows within a few frames, as a transition (clicks and keys
 * stay responsive meanwhile), and every row ends up in the page (find-in-page, screen readers).
 */
export function useProgressiveCount(total: number, first = 100, step = 400): number {
  const [count, setCount] = useState(() => Math.min(total, first));
  useEffect(() => {
    if (count >= total) return;
    const frame = requestAnimationFrame(() => startTransition(() => setCount((shown) => Math.min(total, shown + step))));
    return () => cancelAnimationFrame(frame);
  }, [count, total, step]);
  return Math.min(count, total);
}
