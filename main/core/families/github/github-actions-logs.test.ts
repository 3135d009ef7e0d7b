import { describe, expect, it } from 'vitest';
import { jobHeader, jobLogBlock, lastLines, logText, orderJobsForLogs } from './github-actions-logs';

const job = (id: number, name: string, conclusion: string | null, status = 'completed') => ({ id, name, status, conclusion, started_at: '2020-01-20T17:42:40Z', completed_at: '2020-01-20T17:44:45Z' });

describe('the order job logs are shown in', () => {
  it('failed jobs first (failure, timed out, startup failure), then cancelled, then the rest, in GitHub’s order within each', () => {
    const jobs = [job(1, 'lint', 'success'), job(2, 'build', 'cancelled'), job(3, 'test', 'failure'), job(4, 'docs', 'skipped'), job(5, 'e2e', 'timed_out'), job(6, 'deploy', null, 'in_progress')];
    expect(orderJobsForLogs(jobs).map((entry) => entry.name)).toEqual(['test', 'e2e', 'build', 'lint', 'docs', 'deploy']);
  });

  it('leaves a run without failures in GitHub’s order', () => {
    const jobs = [job(1, 'a', 'success'), job(2, 'b', 'success')];
    expect(orderJobsForLogs(jobs)).toEqual(jobs);
  });
});

describe('trimming a log to its last lines', () => {
  const log = '\uFEFF' + Array.from({ length: 500 }, (_, index) => `2020-01-20T17:42:40.0000000Z line ${index + 1}`).join('\r\n') + '\r\n';

  it('keeps the last N lines and says how many were cut, without the byte order mark or the final line break as a line', () => {
    const { lines, total, cut } = lastLines(log, 200);
    expect(total).toBe(500);
    expect(cut).toBe(300);
    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('2020-01-20T17:42:40.0000000Z line 301');
    expect(lines.at(-1)).toBe('2020-01-20T17:42:40.0000000Z line 500');
  });

  it('cuts nothing from a short log, and an empty log has no lines', () => {
    expect(lastLines('one\ntwo\n', 200)).toEqual({ lines: ['one', 'two'], total: 2, cut: 0 });
    expect(lastLines('', 200)).toEqual({ lines: [], total: 0, cut: 0 });
  });

  it('a job’s block: a header naming the job, its outcome and time, a note of what was cut, then the lines', () => {
    const { block, shown, cut } = jobLogBlock(job(3, 'test', 'failure'), log, 2);
    expect({ shown, cut }).toEqual({ shown: 2, cut: 498 });
    expect(block).toBe('==== test · failure · 2m 5s · job 3 ====\n(498 earlier lines cut: showing the last 2 of 500; ask for more lines to see them)\n2020-01-20T17:42:40.0000000Z line 499\n2020-01-20T17:42:40.0000000Z line 500\n');
  });

  it('a job without a log says why, and a job still running has no duration', () => {
    expect(jobLogBlock(job(4, 'docs', 'skipped'), null, 200, 'skipped: it did not run').block).toBe('==== docs · skipped · 2m 5s · job 4 ====\n(skipped: it did not run)\n');
    expect(jobHeader({ id: 6, name: 'deploy', status: 'in_progress', conclusion: null, started_at: '2020-01-20T17:42:40Z', completed_at: null })).toBe('==== deploy · in_progress · job 6 ====');
  });

  it('reads a log body whether Octokit gave text or bytes', () => {
    expect(logText('text')).toBe('text');
    expect(logText(new TextEncoder().encode('bytes').buffer)).toBe('bytes');
  });
});
