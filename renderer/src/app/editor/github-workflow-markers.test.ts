import { describe, expect, it } from 'vitest';
import { workflowMarkers } from './github-workflow-markers';

const problem = (source: string, line: number, extra: Partial<{ severity: 'error' | 'warning' | 'info'; column: number; endColumn: number }> = {}) => ({
  severity: extra.severity ?? 'error',
  message: `${source} problem`,
  source,
  rule: source === 'risk' ? 'untrusted-input' : source,
  line,
  column: extra.column ?? 3,
  endLine: line,
  endColumn: extra.endColumn ?? 9,
});

describe('workflow problems from main as editor markers', () => {
  it('keeps severity, message, source and place', () => {
    expect(workflowMarkers([problem('risk', 12, { severity: 'warning' })], new Set())).toEqual([
      { severity: 4, message: 'risk problem', source: 'Reign risk check', code: 'untrusted-input', startLineNumber: 12, startColumn: 3, endLineNumber: 12, endColumn: 9 },
    ]);
    expect(workflowMarkers([problem('actionlint', 2, { severity: 'info' })], new Set())[0]).toMatchObject({ severity: 2, source: 'actionlint' });
  });

  it('leaves syntax errors, and schema problems on a line the editor already marks, to the editor\'s own YAML service', () => {
    const markers = workflowMarkers([problem('yaml', 1), problem('schema', 4), problem('schema', 6), problem('actionlint', 4)], new Set([4]));
    expect(markers.map((marker) => `${marker.source}:${marker.startLineNumber}`)).toEqual(['GitHub workflow schema:6', 'actionlint:4']);
  });

  it('gives a problem placed at one point a visible width', () => {
    expect(workflowMarkers([problem('actionlint', 3, { column: 5, endColumn: 5 })], new Set())[0]).toMatchObject({ startColumn: 5, endColumn: 6 });
  });
});
