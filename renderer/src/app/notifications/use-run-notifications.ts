import { useEffect } from 'react';
import { useAppPick } from '../store-context';
import { showSystemNotification } from './system-notification';

/** Listens for the end of runs while the app is open: a toast (RunToasts) and, out of focus, a system notification. */
export function useRunNotifications(): void {
  const { listenForRuns, openRunInHistory, navigate } = useAppPick('listenForRuns', 'openRunInHistory', 'navigate');
  useEffect(
    () => listenForRuns((notice) => showSystemNotification(notice, () => (notice.kind === 'needs-approval' ? navigate('plan') : openRunInHistory(notice.runId)))),
    [listenForRuns, openRunInHistory, navigate],
  );
}
