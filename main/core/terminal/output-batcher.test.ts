import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './output-batcher';

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces reads that arrive within the delay into one event, in order', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher({ flush: (data) => sent.push(data), delayMs: 5, maxChars: 100 });
    batcher.push('a');
    batcher.push('b');
    vi.advanceTimersByTime(4);
    batcher.push('c');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['abc']);
    batcher.push('d');
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(['abc', 'd']);
  });

  it('sends at once when the size limit is reached, and never more than the limit per event', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher({ flush: (data) => sent.push(data), delayMs: 5, maxChars: 4 });
    batcher.push('abc');
    batcher.push('defghij');
    expect(sent).toEqual(['abcd', 'efgh', 'ij']);
    vi.advanceTimersByTime(10);
    expect(sent).toHaveLength(3);
  });

  it('does not split a surrogate pair across events', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher({ flush: (data) => sent.push(data), maxChars: 4 });
    batcher.push('abc😀de');
    expect(sent[0]).toBe('abc');
    expect(sent.join('')).toBe('abc😀de');
  });

  it('sends nothing after dispose', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher({ flush: (data) => sent.push(data) });
    batcher.push('late');
    batcher.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
  });
});
