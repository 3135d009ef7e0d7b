import { describe, expect, it } from 'vitest';
import { problemsFromMarkers } from './problems';

const marker = (severity: number, line: number, message: string) => ({ severity, message, startLineNumber: line, startColumn: 3, endLineNumber: line, endColumn: 9 });

describe('problemsFromMarkers', () => {
  it('names severities and lists errors first, then by line', () => {
    const problems = problemsFromMarkers([marker(4, 1, 'deprecated'), marker(8, 7, 'later error'), marker(8, 2, 'first error'), marker(1, 1, 'hint')]);
    expect(problems.map((problem) => `${problem.severity}:${problem.line}:${problem.message}`)).toEqual(['error:2:first error', 'error:7:later error', 'warning:1:deprecated', 'hint:1:hint']);
  });

  it('keeps the range and the source', () => {
    expect(problemsFromMarkers([{ ...marker(2, 4, 'note'), source: 'yaml-schema: compose' }])).toEqual([
      { severity: 'info', message: 'note', line: 4, column: 3, endLine: 4, endColumn: 9, source: 'yaml-schema: compose' },
    ]);
  });
});
