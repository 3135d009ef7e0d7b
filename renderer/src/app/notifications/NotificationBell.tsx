import { useEffect, useRef, useState } from 'react';
import { StatusBadge } from '../status/badges';
import { useAppPick, useAppStore } from '../store-context';
import { noticeStatus } from './RunToasts';
import { askForSystemNotifications, canAskForSystemNotifications } from './system-notification';
import { relativeTime } from '../dashboard/time-words';
import './notifications.css';

/** The status bar's bell: how many run notices are unread, and the list of them. */
export function NotificationBell() {
  const { items, open } = useAppStore((state) => state.notifications);
  const { toggleNotifications, markNotificationsRead, openRunInHistory, navigate } = useAppPick('toggleNotifications', 'markNotificationsRead', 'openRunInHistory', 'navigate');
  const [canAsk, setCanAsk] = useState(canAskForSystemNotifications);
  const panel = useRef<HTMLDivElement>(null);
  const unread = items.filter((item) => !item.read).length;
  const words = unread ? `${unread} unread run notification${unread === 1 ? '' : 's'}` : 'Run notifications';

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') toggleNotifications(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Seen once the list closes: what was new stays marked while it is read.
      markNotificationsRead();
    };
  }, [open, toggleNotifications, markNotificationsRead]);

  return (
    <div className="notification-bell">
      <button type="button" className="status-item bell-button" data-testid="notifications-bell" aria-expanded={open} aria-label={words} title={words} onClick={() => toggleNotifications()}>
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="currentColor">
          <path d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2Zm5-5V7a5 5 0 0 0-4-4.9V1a1 1 0 1 0-2 0v1.1A5 5 0 0 0 3 7v4l-1.5 1.5V13h13v-.5L13 11Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notifications-unread">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="notifications-panel" role="dialog" aria-label="Run notifications" data-testid="notifications-panel" tabIndex={-1} ref={panel}>
          <header>
            <strong>Notifications</strong>
            <button type="button" className="link" disabled={!unread} onClick={markNotificationsRead}>
              Mark all read
            </button>
          </header>
          {canAsk && (
            <p className="muted">
              Reign can tell you when a run ends while its window is in the background.{' '}
              <button type="button" className="link" onClick={() => void askForSystemNotifications().then(() => setCanAsk(canAskForSystemNotifications()))}>
                Allow system notifications
              </button>
            </p>
          )}
          {!items.length ? (
            <p className="muted">No run has finished since the app opened. Finished and failed runs appear here.</p>
          ) : (
            <ul>
              {items.map((notice) => (
                <li key={notice.id} className={notice.read ? 'read' : 'unread'}>
                  <button
                    type="button"
                    data-testid="notification-item"
                    onClick={() => {
                      toggleNotifications(false);
                      if (notice.kind === 'needs-approval') navigate('plan');
                      else openRunInHistory(notice.runId);
                    }}
                  >
                    <StatusBadge status={noticeStatus[notice.kind].status} label={noticeStatus[notice.kind].word} />
                    <span className="notification-title">{notice.title}</span>
                    <span className="muted notification-time">{relativeTime(notice.at)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
