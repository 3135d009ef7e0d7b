import { describe, expect, it } from 'vitest';
import { fractionOf, niceScale } from './chart-scale';

describe('niceScale', () => {
  it('rounds the top of an axis up to a figure a person would write, with even ticks', () => {
    expect(niceScale(87.4)).toEqual({ top: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceScale(1234)).toEqual({ top: 1250, ticks: [0, 250, 500, 750, 1000, 1250] });
    expect(niceScale(2006).top).toBe(2500); // just above a round figure: not a third of the axis empty
    expect(niceScale(0.3)).toEqual({ top: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceScale(100)).toEqual({ top: 100, ticks: [0, 20, 40, 60, 80, 100] });
  });

  it('still gives an axis when there is nothing to show', () => {
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
  });
});

describe('fractionOf', () => {
  it('places a value between the bottom and top of the axis, never outside', () => {
    expect(fractionOf(25, 100)).toBe(0.25);
    expect(fractionOf(250, 100)).toBe(1);
    expect(fractionOf(-1, 100)).toBe(0);
    expect(fractionOf(5, 0)).toBe(0);
  });
});
