import { useEffect } from 'react';

/** Often enough to notice a cluster going away; rarely enough that an open, idle app costs next to nothing. */
export const DASHBOARD_REFRESH_MS = 60_000;

/**
 * Reads the dashboard when it opens, then on a timer only while it is shown and the window is
 * visible (a hidden tab or minimized window asks nothing), and at once when it becomes visible again.
 */
export function useDashboardRefresh(load: () => Promise<void>): void {
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = (): void => {
      if (!timer && document.visibilityState === 'visible') timer = setInterval(() => void load(), DASHBOARD_REFRESH_MS);
    };
    const stop = (): void => {
      if (timer) clearInterval(timer);
      timer = null;
    };
    const onVisibility = (): void => {
      if (document.visibilityState !== 'visible') return stop();
      void load();
      start();
    };
    void load();
    start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [load]);
}
