import type { RunNotice } from '../../state/notifications-slice';

/** The Web Notification API, in Electron's renderer as in a browser tab (absent in some embedded views). */
const api = (): typeof Notification | null => (typeof Notification === 'undefined' ? null : Notification);

/** Whether the person can still be asked (a browser asks once; Electron grants it). */
export const canAskForSystemNotifications = (): boolean => api()?.permission === 'default';
export const systemNotificationsAllowed = (): boolean => api()?.permission === 'granted';

export async function askForSystemNotifications(): Promise<boolean> {
  const Api = api();
  if (!Api) return false;
  return (await Api.requestPermission()) === 'granted';
}

/**
 * A system notification for a notice, only when the window is not the one in front (a person
 * looking at the app already sees the toast) and they allowed it. A click brings the app forward.
 */
export function showSystemNotification(notice: RunNotice, onClick: () => void): boolean {
  const Api = api();
  if (!Api || Api.permission !== 'granted' || document.hasFocus()) return false;
  const shown = new Api(notice.title, { body: notice.detail, tag: notice.id });
  shown.onclick = () => {
    window.focus();
    onClick();
    shown.close();
  };
  return true;
}
