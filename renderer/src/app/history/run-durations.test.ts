import { describe, expect, it } from 'vitest';
import { layoutDurations } from './run-durations';

const run = (id: string, start: number, seconds: number | null, status = 'succeeded') => ({
  id,
  planName: id,
  status,
  startedAt: new Date(start * 1000).toISOString(),
  endedAt: seconds === null ? null : new Date((start + seconds) * 1000).toISOString(),
});

describe('layoutDurations', () => {
  it('shows the last runs oldest first, each as tall as it took on a round axis; a run in progress so far', () => {
    const runs = [run('newest', 300, null, 'running'), run('slow', 200, 45, 'failed'), run('quick', 100, 9)];
    const layout = layoutDurations(runs, 320_000);
    expect(layout.bars.map((bar) => bar.run.id)).toEqual(['quick', 'slow', 'newest']);
    expect(layout.top).toBe(50_000); // 45 s rounds up to a 50 s axis: ticks of 10 s
    expect(layout.ticks.map((tick) => tick.label)).toEqual(['0', '10 s', '20 s', '30 s', '40 s', '50 s']);
    expect(layout.bars.map((bar) => bar.height)).toEqual([0.18, 0.9, 0.4]);
    expect(layout.bars[2]).toMatchObject({ open: true, durationMs: 20_000 });
  });

  it('keeps only the newest runs when there are more than it shows', () => {
    const runs = Array.from({ length: 40 }, (_, i) => run(`r${i}`, i * 100, 1));
    expect(layoutDurations(runs, 0, 30).bars.map((bar) => bar.run.id)).toEqual(runs.slice(10).map((r) => r.id));
  });
});
