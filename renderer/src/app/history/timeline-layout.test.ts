import { describe, expect, it } from 'vitest';
import { layoutTimeline, overlap, type TimelineStep } from './timeline-layout';

const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + seconds * 1000).toISOString();
const step = (id: string, start: number | null, end: number | null, extra: Partial<TimelineStep> = {}): TimelineStep => ({
  id,
  tool: 'shell.exec',
  status: end === null ? 'running' : 'succeeded',
  startedAt: start === null ? null : at(start),
  endedAt: end === null ? null : at(end),
  attempts: start === null ? 0 : 1,
  waits: [],
  ...extra,
});

describe('layoutTimeline', () => {
  it('draws each step from its start to its end on one axis, parallel steps overlapping and the next after both', () => {
    const layout = layoutTimeline({ startedAt: at(0), endedAt: at(3.2) }, [step('after', 2, 3), step('left', 0.2, 2), step('right', 0.2, 1.5)], Date.parse(at(100)));
    expect(layout.rows.map((row) => row.step.id)).toEqual(['left', 'right', 'after']); // in the order they started
    const [left, right, after] = layout.rows.map((row) => row.run!);
    expect(left!.durationMs).toBe(1800);
    expect(right!.durationMs).toBe(1300);
    expect(overlap(left!, right!)).toBe(true);
    expect(overlap(left!, after!)).toBe(false);
    // The axis ends on a round 4 s: 3.2 s of run, ticks every second.
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['0', '1 s', '2 s', '3 s', '4 s']);
    expect(left!.left).toBeCloseTo(5);
    expect(left!.width).toBeCloseTo(45);
    expect(after!.left + after!.width).toBeCloseTo(75);
    expect(layout.spanMs).toBe(3200);
  });

  it('runs a step that has not finished up to now while the run is in progress', () => {
    const now = Date.parse(at(10));
    const layout = layoutTimeline({ startedAt: at(0), endedAt: null }, [step('done', 0, 4), step('going', 4, null)], now);
    const going = layout.rows[1]!.run!;
    expect(going).toMatchObject({ open: true, endMs: now, durationMs: 6000 });
    expect(going.left + going.width).toBeCloseTo(100); // 10 s of a 10 s axis
    expect(layout.spanMs).toBe(10_000);
  });

  it('ends an unfinished step where the run ended when the run stopped without it', () => {
    const layout = layoutTimeline({ startedAt: at(0), endedAt: at(5) }, [step('cut', 1, null, { status: 'unknown' })], Date.parse(at(500)));
    expect(layout.rows[0]!.run).toMatchObject({ open: true, durationMs: 4000 });
    expect(layout.spanMs).toBe(5000);
  });

  it('keeps waiting for approval apart from running, and lists steps that never ran last without a bar', () => {
    const layout = layoutTimeline(
      { startedAt: at(0), endedAt: at(8) },
      [step('skipped', null, null, { status: 'skipped' }), step('gated', 5, 7, { waits: [{ from: at(1), to: at(5) }] })],
      Date.parse(at(100)),
    );
    expect(layout.rows.map((row) => row.step.id)).toEqual(['gated', 'skipped']);
    const gated = layout.rows[0]!;
    expect(gated.waits).toMatchObject([{ durationMs: 4000, open: false }]);
    expect(gated.run).toMatchObject({ durationMs: 2000 });
    expect(gated.waits[0]!.left + gated.waits[0]!.width).toBeCloseTo(gated.run!.left);
    expect(layout.rows[1]!.run).toBeNull();
  });
});
