import { describe, expect, it } from 'vitest';
import { checksLine, summariseChecks } from './github-checks';

const run = (name: string, status: string, conclusion: string | null = null) => ({ name, status, conclusion });

describe('the checks of a commit, from its statuses and check runs', () => {
  it('passes when every status and run passed; neutral and skipped runs count as passing, as GitHub shows them', () => {
    const checks = summariseChecks([{ context: 'ci/jenkins', state: 'success' }], [run('lint', 'completed', 'success'), run('docs', 'completed', 'neutral'), run('e2e', 'completed', 'skipped')]);
    expect(checks).toEqual({ state: 'success', passed: 4, failed: 0, pending: 0, failing: [], running: [] });
    expect(checksLine(checks)).toBe('4 passed');
  });

  it('fails when any failed, whatever still runs, and names them', () => {
    const checks = summariseChecks(
      [{ context: 'ci/jenkins', state: 'error' }, { context: 'security', state: 'pending' }],
      [run('lint', 'completed', 'failure'), run('build', 'completed', 'timed_out'), run('test', 'in_progress'), run('ok', 'completed', 'success'), run('gate', 'completed', 'action_required')],
    );
    expect(checks).toEqual({ state: 'failure', passed: 1, failed: 4, pending: 2, failing: ['ci/jenkins', 'lint', 'build', 'gate'], running: ['security', 'test'] });
    expect(checksLine(checks)).toBe('4 failing (ci/jenkins, lint, build and gate), 2 not finished (security and test), 1 passed');
  });

  it('is pending while one has not finished, and says when there are none', () => {
    expect(summariseChecks([], [run('test', 'queued'), run('lint', 'completed', 'success')])).toMatchObject({ state: 'pending', pending: 1, passed: 1, running: ['test'] });
    const none = summariseChecks([], []);
    expect(none.state).toBe('none');
    expect(checksLine(none)).toBe('no checks');
  });
});
