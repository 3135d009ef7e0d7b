import { describe, expect, it } from 'vitest';
import { lastReadableLines, stepOf } from './github-view-run-detail';

describe('a run opened in the Resources pane', () => {
  it('shows each job and step by how it ended, with how long it took', () => {
    expect(stepOf({ name: 'test', status: 'completed', conclusion: 'failure', started_at: '2020-01-20T09:42:53.000-08:00', completed_at: '2020-01-20T09:44:59.000-08:00' })).toEqual({ name: 'test', status: 'failure', tone: 'bad', seconds: 126 });
    expect(stepOf({ name: 'lint', status: 'completed', conclusion: 'skipped', started_at: null, completed_at: null })).toEqual({ name: 'lint', status: 'skipped', tone: 'idle', seconds: null });
    // A step still running counts up from its start.
    expect(stepOf({ name: 'deploy', status: 'in_progress', conclusion: null, started_at: '2020-01-01T00:00:00Z' }, Date.parse('2020-01-01T00:01:30Z'))).toEqual({ name: 'deploy', status: 'in_progress', tone: 'warn', seconds: 90 });
  });

  it('keeps the last lines of a log, without GitHub\'s timestamps and terminal colours', () => {
    const log = ['2024-05-01T10:00:00.1234567Z ##[group]Run npm test', '2024-05-01T10:00:01.0000000Z \u001b[31mFAIL\u001b[0m src/a.test.ts', '2024-05-01T10:00:02.0000000Z ##[error]Process completed with exit code 1.', ''].join('\r\n');
    expect(lastReadableLines(log, 2)).toEqual({ lines: ['FAIL src/a.test.ts', '##[error]Process completed with exit code 1.'], truncated: true });
    expect(lastReadableLines(log, 10)).toEqual({ lines: ['##[group]Run npm test', 'FAIL src/a.test.ts', '##[error]Process completed with exit code 1.'], truncated: false });
    expect(lastReadableLines('', 10)).toEqual({ lines: [], truncated: false });
  });

  it('drops the partial first line of a tail cut from a long log', () => {
    expect(lastReadableLines('rt of a line\nwhole line\nlast', 10, true)).toEqual({ lines: ['whole line', 'last'], truncated: true });
  });
});
