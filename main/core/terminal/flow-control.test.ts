import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowControl } from './flow-control';

function pty() {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

describe('FlowControl', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pauses above the high watermark and resumes only below the low one', () => {
    const target = pty();
    const flow = new FlowControl(target, { high: 100, low: 20 });
    flow.sent(60);
    flow.sent(40);
    expect(target.calls).toEqual([]); // at the mark is not above it
    flow.sent(1);
    expect(target.calls).toEqual(['pause']);
    flow.sent(50); // still paused: no second pause
    flow.ack(100);
    expect(target.calls).toEqual(['pause']); // 51 left: above low
    flow.ack(40);
    expect(target.calls).toEqual(['pause', 'resume']);
    expect(flow.isPaused).toBe(false);
    expect(flow.pending).toBe(11);
  });

  it('never counts below zero when two windows acknowledge the same output', () => {
    const flow = new FlowControl(pty(), { high: 100, low: 20 });
    flow.sent(50);
    flow.ack(50);
    flow.ack(50);
    expect(flow.pending).toBe(0);
  });

  it('resumes a shell whose output was never acknowledged (a dropped connection), but not while acks keep coming', () => {
    const target = pty();
    const flow = new FlowControl(target, { high: 100, low: 20, stallResetMs: 1000 });
    flow.sent(200);
    vi.advanceTimersByTime(900);
    flow.ack(10); // progress: the renderer is alive, just slow
    vi.advanceTimersByTime(900);
    expect(target.calls).toEqual(['pause']);
    vi.advanceTimersByTime(100);
    expect(target.calls).toEqual(['pause', 'resume']);
    expect(flow.pending).toBe(0);
  });

  it('refuses watermarks that could never resume', () => {
    expect(() => new FlowControl(pty(), { high: 10, low: 10 })).toThrow(/low watermark \(10\) must be below the high one \(10\)/);
  });
});
