import { describe, expect, it } from 'vitest';
import { summariseChecks } from './github-checks';
import { boundedMap } from './github-bounded-map';
import { checksCell } from './github-view-pr-checks';

describe('open pull requests with their checks', () => {
  it('reads checks a few at a time, keeping the pull requests\' order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await boundedMap([5, 1, 4, 2, 3, 0, 6, 7], 3, async (delay) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delay * 3));
      inFlight--;
      return delay * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60, 70]);
    expect(most).toBe(3);
    expect(await boundedMap([], 3, async () => 1)).toEqual([]);
  });

  it('says in the Checks cell how many failed, run and passed', () => {
    const runs = [
      { name: 'lint', status: 'completed', conclusion: 'failure' },
      { name: 'build', status: 'in_progress', conclusion: null },
      { name: 'test', status: 'completed', conclusion: 'success' },
      { name: 'docs', status: 'completed', conclusion: 'skipped' },
    ];
    expect(checksCell(summariseChecks([], runs))).toBe('✕ 1 · ● 1 · ✓ 2');
    expect(checksCell(summariseChecks([], runs.slice(2)))).toBe('✓ 2');
    expect(checksCell(summariseChecks([], []))).toBe('no checks');
    expect(checksCell(null)).toBe('unknown');
  });
});
