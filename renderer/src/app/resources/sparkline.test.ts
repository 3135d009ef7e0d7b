import { describe, expect, it } from 'vitest';
import { areaPath, linePath, seriesPoints, sparklinePath } from './sparkline';

describe('sparklinePath', () => {
  it('spreads samples over the width and scales them to the height', () => {
    expect(sparklinePath([0, 50, 100], 100, 20, 100)).toBe('M0.0,20.0 L50.0,10.0 L100.0,0.0');
    expect(sparklinePath([200], 100, 20, 100)).toBe('M100.0,0.0'); // above the scale: the scale grows
    expect(sparklinePath([], 100, 20, 100)).toBe('');
  });
});

describe('seriesPoints', () => {
  it('puts the newest sample at the right edge and older ones a slot each to the left, scaled to the axis top', () => {
    expect(seriesPoints([0, 50, 100], 5, 100, 20, 100)).toEqual([[50, 20], [75, 10], [100, 0]]);
    // Only the last `slots` samples; a value above the top stays at the top.
    expect(seriesPoints([1, 2, 300], 2, 100, 20, 100)).toEqual([[0, 19.6], [100, 0]]);
  });

  it('draws a line, a visible stroke for one sample, and the area under a line', () => {
    expect(linePath([[50, 20], [100, 0]])).toBe('M50.0,20.0 L100.0,0.0');
    expect(linePath([[100, 10]])).toBe('M97.0,10.0 L100.0,10.0');
    expect(areaPath([[50, 20], [100, 0]], 20)).toBe('M50.0,20.0 L100.0,0.0 L100.0,20.0 L50.0,20.0 Z');
  });
});
