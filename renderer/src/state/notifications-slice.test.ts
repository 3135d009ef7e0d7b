import { describe, expect, it } from 'vitest';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { createAppStore } from './app-store';
import { noticeFor } from './notifications-slice';

const finished = (status: string, summary: Record<string, number>) => ({ type: 'run.finished', runId: 'run-1', status, summary });

describe('run notices', () => {
  it('says what became of a run in words, for each outcome a person should hear about', () => {
    expect(noticeFor(finished('succeeded', { succeeded: 3 }), 'Deploy web')).toEqual({ kind: 'succeeded', title: '“Deploy web” succeeded', detail: '3 steps done.' });
    expect(noticeFor(finished('failed', { failed: 1, succeeded: 2 }), null)).toEqual({ kind: 'failed', title: 'A plan run failed', detail: '1 step failed, 2 succeeded. Open it in History to read why.' });
    expect(noticeFor(finished('rolled-back', { failed: 1, undone: 2 }), null)).toEqual({ kind: 'rolled-back', title: 'A plan run failed and was rolled back', detail: '1 step failed; 2 steps done before were undone.' });
    // Rolled back with nothing to undo: the person is told it failed, not that changes were taken back.
    expect(noticeFor(finished('rolled-back', { failed: 1 }), null)?.kind).toBe('failed');
    expect(noticeFor({ type: 'step.needs-approval', runId: 'run-1', step: 'apply', why: 'its target is production', waiting: {} }, 'Scale')).toEqual({ kind: 'needs-approval', title: '“Scale” needs your approval again', detail: 'Step apply changed once its input was known: its target is production' });
    // A step asking before the run starts is the plan itself, not a notice; other events are none either.
    expect(noticeFor({ type: 'step.needs-approval', runId: 'run-1', step: 'apply', why: 'x' }, null)).toBeNull();
    expect(noticeFor({ type: 'step.finished', runId: 'run-1', step: 'a' }, null)).toBeNull();
  });

  it('never says a rollback undid the changes when some could not be undone or were left in place, and keeps it as a failure', () => {
    const notice = noticeFor(finished('rolled-back', { failed: 1, undone: 1, 'undo-failed': 1, 'left-in-place': 2 }), 'Deploy web');
    expect(notice).toEqual({
      kind: 'failed',
      title: '“Deploy web” failed and was not fully rolled back',
      detail: '1 step failed; of the steps done before, 1 step undone, 1 step could not be undone, 2 steps left in place (no undo). Open it in History to see what is still changed.',
    });
    expect(noticeFor(finished('rolled-back', { failed: 1, 'left-in-place': 1 }), null)).toMatchObject({ kind: 'failed', detail: expect.stringContaining('1 step left in place') });
    expect(noticeFor(finished('rolled-back', { failed: 1, undone: 2, 'undo-failed': 1 }), null)?.detail).not.toMatch(/were undone/);
    // A failed notice stays a toast until the person dismisses it.
    const store = createAppStore(scriptedApi({}));
    const kept = store.getState().noticeRunEvent(finished('rolled-back', { failed: 1, 'undo-failed': 1 }), null)!;
    expect(kept).toMatchObject({ kind: 'failed', toast: true });
  });

  it('keeps notices newest first as unread toasts; dismissing one reads it, opening the list reads them all', () => {
    const store = createAppStore(scriptedApi({}));
    const first = store.getState().noticeRunEvent(finished('failed', { failed: 1 }), null)!;
    const second = store.getState().noticeRunEvent(finished('succeeded', { succeeded: 1 }), null)!;
    expect(store.getState().notifications.items.map((item) => [item.id, item.toast, item.read])).toEqual([
      [second.id, true, false],
      [first.id, true, false],
    ]);
    store.getState().dismissToast(first.id);
    expect(store.getState().notifications.items.map((item) => [item.toast, item.read])).toEqual([
      [true, false],
      [false, true],
    ]);
    store.getState().markNotificationsRead();
    expect(store.getState().notifications.items.every((item) => item.read)).toBe(true);
  });
});

describe('run events and History', () => {
  it('reads the run open in History again at once when something happens in it (not for output lines), and the list when it ends', async () => {
    const shown: string[] = [];
    let listed = 0;
    let emit: (payload: { event: unknown }) => void = () => undefined;
    const run = { id: 'run-1', planName: 'Deploy', status: 'running', startedAt: new Date().toISOString(), endedAt: null, steps: 1, targets: [] };
    const api = {
      ...scriptedApi({ 'runs.show': async ({ id }) => (shown.push(id), { run, steps: [], approvals: [] }), 'runs.list': async () => (listed++, { runs: [run], targets: [], statuses: [] }) }),
      events: { 'chat.event': (listener: typeof emit) => ((emit = listener), () => undefined) },
    } as unknown as Parameters<typeof createAppStore>[0];
    const store = createAppStore(api);
    await store.getState().selectRun('run-1');
    store.getState().navigate('history');
    store.getState().listenForRuns(() => undefined);
    const event = (type: string, runId = 'run-1') => emit({ event: { type: 'run_event', event: { type, runId, step: 'a' } } });
    shown.length = 0;
    event('step.output');
    event('step.started', 'another-run');
    expect(shown).toEqual([]);
    event('step.finished');
    expect(shown).toEqual(['run-1']);
    event('run.finished');
    expect(shown).toEqual(['run-1', 'run-1']);
    expect(listed).toBe(1);
  });
});

describe('dashboard slice', () => {
  it('reads the dashboard once however often it is asked at the same time', async () => {
    let calls = 0;
    const data = { targets: [], recentRuns: [], failedRuns: [], checkedAt: new Date().toISOString() };
    const store = createAppStore(scriptedApi({ 'dashboard.health': async () => (calls++, data) }));
    await Promise.all([store.getState().loadDashboard(), store.getState().loadDashboard()]);
    expect(calls).toBe(1);
    expect(store.getState().dashboard).toEqual({ data, loading: false, error: null });
  });

  it('opens a card\'s target in Resources, in its scope, and a run in History', async () => {
    const store = createAppStore(scriptedApi({ 'runs.show': async () => Promise.reject(new Error('no such run')) }));
    store.getState().openTargetResources({ family: 'kubernetes', open: { view: 'kubernetes.pods', scope: { context: 'reign-test', namespace: '*' } } });
    expect(store.getState().activePane).toBe('resources');
    expect(store.getState().resources.viewId).toBe('kubernetes.pods');
    expect(store.getState().resources.scopes.kubernetes).toEqual({ context: 'reign-test', namespace: '*' });
    store.getState().openRunInHistory('run-9');
    expect(store.getState().activePane).toBe('history');
  });
});
