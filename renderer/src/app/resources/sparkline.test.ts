import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

describe('sparklinePath', () => {
  it('spreads samples over the width and scales them to the height', () => {
    expect(sparklinePath([0, 50, 100], 100, 20, 100)).toBe('M0.0,20.0 L50.0,10.0 L100.0,0.0');
    expect(sparklinePath([200], 100, 20, 100)).toBe('M100.0,0.0'); // above the scale: the scale grows
    expect(sparklinePath([], 100, 20, 100)).toBe('');
  });
});
