import { describe, expect, it } from 'vitest';
import { selectorMatches, selectorQuery } from './kube-selectors';

describe('label selectors', () => {
  const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }] };

  it('become the labelSelector query the server takes', () => {
    expect(selectorQuery(selector)).toBe('app=web,tier in (a,b),!canary');
    expect(selectorQuery({ matchExpressions: [{ key: 'x', operator: 'Exists' }, { key: 'y', operator: 'NotIn', values: ['1'] }] })).toBe('x,y notin (1)');
    expect(selectorQuery(undefined)).toBe('');
  });

  it('match labels as the API does: empty matches all, absent matches none', () => {
    expect(selectorMatches(selector, { app: 'web', tier: 'a' })).toBe(true);
    expect(selectorMatches(selector, { app: 'web', tier: 'c' })).toBe(false);
    expect(selectorMatches(selector, { app: 'web', tier: 'a', canary: 'yes' })).toBe(false);
    expect(selectorMatches({}, { anything: 'x' })).toBe(true);
    expect(selectorMatches(undefined, { app: 'web' })).toBe(false);
  });
});
