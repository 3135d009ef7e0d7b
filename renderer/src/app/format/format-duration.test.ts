import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration (dashboard and History alike)', () => {
  it('rounds before splitting into minutes and seconds, so a minute never shows 60 s', () => {
    expect(formatDuration(119_600)).toBe('2 min');
    expect(formatDuration(59_600)).toBe('1 min');
    expect(formatDuration(400)).toBe('400 ms');
    expect(formatDuration(3_725_000)).toBe('1 h 2 min');
  });

  it('writes durations as a person would, without a unit rolling over at its edges', () => {
    expect([420, 1234, 14_400, 125_000, 3_780_000].map(formatDuration)).toEqual(['420 ms', '1.2 s', '14 s', '2 min 5 s', '1 h 3 min']);
    expect([999.6, 9_960, 3_599_600, 7_200_000].map(formatDuration)).toEqual(['1.0 s', '10 s', '1 h', '2 h']);
    expect([-1, Number.NaN].map(formatDuration)).toEqual(['–', '–']);
  });
});
