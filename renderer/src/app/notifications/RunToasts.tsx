import { useEffect } from 'react';
import type { RunNotice } from '../../state/notifications-slice';
import { StatusBadge, type BadgeStatus } from '../status/badges';
import { useAppPick, useAppStore } from '../store-context';
import './notifications.css';

/** How long a success stays on screen; failures and approvals stay until dismissed. */
const SUCCESS_SHOWN_MS = 6000;
const SHOWN = 4;

export const noticeStatus: Record<RunNotice['kind'], { status: BadgeStatus; word: string }> = {
  succeeded: { status: 'succeeded', word: 'succeeded' },
  failed: { status: 'failed', word: 'failed' },
  'rolled-back': { status: 'undone', word: 'rolled back' },
  'needs-approval': { status: 'needs-approval', word: 'needs approval' },
  ended: { status: 'unknown', word: 'ended' },
};

/** Notices of finished runs, stacked at the bottom right, newest nearest the corner. */
export function RunToasts() {
  const { items, open } = useAppStore((state) => state.notifications);
  const toasts = items.filter((item) => item.toast).slice(0, SHOWN).reverse();
  // With the list open, the same notices are in it: the toasts would only sit under it.
  if (!toasts.length || open) return null;
  return (
    <section className="run-toasts" aria-label="Run notifications" data-testid="run-toasts">
      {toasts.map((notice) => (
        <RunToast key={notice.id} notice={notice} />
      ))}
    </section>
  );
}

function RunToast({ notice }: { notice: RunNotice }) {
  const { dismissToast, openRunInHistory, navigate } = useAppPick('dismissToast', 'openRunInHistory', 'navigate');
  useEffect(() => {
    if (notice.kind !== 'succeeded') return;
    const timer = setTimeout(() => dismissToast(notice.id), SUCCESS_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice.id, notice.kind, dismissToast]);
  const { status, word } = noticeStatus[notice.kind];
  const urgent = notice.kind !== 'succeeded';
  return (
    <article className={`run-toast toast-${notice.kind}`} role={urgent ? 'alert' : 'status'} data-testid="run-toast" data-kind={notice.kind}>
      <header>
        <StatusBadge status={status} label={word} />
        <button type="button" className="toast-close" aria-label={`Dismiss: ${notice.title}`} title="Dismiss" onClick={() => dismissToast(notice.id)}>
          ×
        </button>
      </header>
      <p className="toast-title" data-testid="run-toast-title">{notice.title}</p>
      <p className="toast-detail">{notice.detail}</p>
      {notice.kind === 'needs-approval' ? (
        <button type="button" className="link" onClick={() => (dismissToast(notice.id), navigate('plan'))}>
          Decide in the Plan pane
        </button>
      ) : (
        <button type="button" className="link" data-testid="run-toast-open" onClick={() => (dismissToast(notice.id), openRunInHistory(notice.runId))}>
          Open the run in History
        </button>
      )}
    </article>
  );
}
