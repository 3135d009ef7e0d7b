import type { RunEventView } from '../../../preload/contract';
import type { Slice } from './slice-types';

/** What became of a run, as a person is told: the four outcomes that need their attention or close a wait. */
export type RunNoticeKind = 'succeeded' | 'failed' | 'rolled-back' | 'needs-approval' | 'ended';

export interface RunNotice {
  readonly id: string;
  readonly runId: string;
  readonly kind: RunNoticeKind;
  readonly title: string;
  readonly detail: string;
  readonly at: string;
  readonly read: boolean;
  /** Still shown as a toast (bottom right) until dismissed, or for a success until it times out. */
  readonly toast: boolean;
}

export interface NotificationsSlice {
  notifications: { items: RunNotice[]; open: boolean };
  /** Turns a run event into a notice when it is one a person should hear about; returns it (or null). */
  noticeRunEvent(event: RunEventView, planName: string | null): RunNotice | null;
  dismissToast(id: string): void;
  markNotificationsRead(): void;
  toggleNotifications(open?: boolean): void;
  /**
   * Listens to the runs of every agent session: each notice is kept and handed to `onNotice` (for a
   * system notification), a finished run reads the dashboard again when it is shown, and the run
   * open in History is read again at once when something happens in it. Returns the unsubscribe.
   */
  listenForRuns(onNotice: (notice: RunNotice) => void): () => void;
}

/** The list keeps this many; older ones are in History anyway. */
const KEPT = 50;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The words of a notice for a run event, or null for events that are not one. Exported for its test. */
export function noticeFor(event: RunEventView, planName: string | null): Pick<RunNotice, 'kind' | 'title' | 'detail'> | null {
  const name = planName ? `“${planName}”` : 'A plan run';
  if (event.type === 'step.needs-approval' && (event as { waiting?: unknown }).waiting) {
    return { kind: 'needs-approval', title: `${name} needs your approval again`, detail: `Step ${event.step ?? ''} changed once its input was known: ${String((event as { why?: unknown }).why ?? 'decide in the Plan pane.')}` };
  }
  if (event.type !== 'run.finished') return null;
  const status = String((event as { status?: unknown }).status ?? '');
  const summary = ((event as { summary?: unknown }).summary ?? {}) as Record<string, number>;
  const failed = summary.failed ?? 0;
  const succeeded = summary.succeeded ?? 0;
  if (status === 'succeeded') return { kind: 'succeeded', title: `${name} succeeded`, detail: `${plural(succeeded, 'step')} done.` };
  if (status === 'failed') return { kind: 'failed', title: `${name} failed`, detail: `${plural(failed, 'step')} failed, ${succeeded} succeeded. Open it in History to read why.` };
  if (status === 'rolled-back') {
    const undone = summary.undone ?? 0;
    // Nothing ran before the failure: "rolled back" would suggest changes were made and taken back.
    const undoFailed = summary['undo-failed'] ?? 0;
    const leftInPlace = summary['left-in-place'] ?? 0;
    // Some changes are still there: a failure the person must look at, never "were undone".
    if (undoFailed || leftInPlace) {
      const parts = [
        ...(undone ? [`${plural(undone, 'step')} undone`] : []),
        ...(undoFailed ? [`${plural(undoFailed, 'step')} could not be undone`] : []),
        ...(leftInPlace ? [`${plural(leftInPlace, 'step')} left in place (no undo)`] : []),
      ];
      return { kind: 'failed', title: `${name} failed and was not fully rolled back`, detail: `${plural(failed, 'step')} failed; of the steps done before, ${parts.join(', ')}. Open it in History to see what is still changed.` };
    }
    if (!undone) return { kind: 'failed', title: `${name} failed`, detail: `${plural(failed, 'step')} failed before any change was made, so nothing had to be undone. Open it in History to read why.` };
    return { kind: 'rolled-back', title: `${name} failed and was rolled back`, detail: `${plural(failed, 'step')} failed; ${plural(undone, 'step')} done before ${undone === 1 ? 'was' : 'were'} undone.` };
  }
  return { kind: 'ended', title: `${name} ended: ${status || 'unknown'}`, detail: 'Open it in History to see which steps ran.' };
}

export const createNotificationsSlice: Slice<NotificationsSlice> = (api) => (set, get) => {
  const patch = (change: Partial<NotificationsSlice['notifications']>): void => set({ notifications: { ...get().notifications, ...change } });
  let next = 0;
  return {
    notifications: { items: [], open: false },
    noticeRunEvent: (event, planName) => {
      const words = noticeFor(event, planName);
      if (!words) return null;
      const notice: RunNotice = { ...words, id: `${event.runId}:${++next}`, runId: event.runId, at: new Date().toISOString(), read: false, toast: true };
      patch({ items: [notice, ...get().notifications.items].slice(0, KEPT) });
      return notice;
    },
    dismissToast: (id) => patch({ items: get().notifications.items.map((item) => (item.id === id ? { ...item, toast: false, read: true } : item)) }),
    markNotificationsRead: () => patch({ items: get().notifications.items.map((item) => (item.read ? item : { ...item, read: true })) }),
    toggleNotifications: (open) => patch({ open: open ?? !get().notifications.open }),
    listenForRuns: (onNotice) =>
      api.events['chat.event'](({ event }) => {
        if (event.type !== 'run_event') return;
        const run = event.event;
        const plan = get().plan.view;
        const name = plan?.runId === run.runId ? plan.summary : null;
        const notice = get().noticeRunEvent(run, name && name.length > 80 ? `${name.slice(0, 79)}…` : name);
        if (notice) onNotice(notice);
        if (run.type === 'run.finished' && get().activePane === 'home') void get().loadDashboard();
        // Output lines are many and the timeline does not show them: a step's start or end, an approval, the end of the run are.
        if (get().activePane === 'history' && get().history.selected?.run.id === run.runId && run.type !== 'step.output') {
          void get().selectRun(run.runId);
          if (run.type === 'run.finished') void get().loadHistory();
        }
      }),
  };
};
