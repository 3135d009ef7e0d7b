/** What found a problem in a workflow file. */
export type WorkflowProblemSource = 'yaml' | 'schema' | 'actionlint' | 'risk';

/** `error` refuses the file (nothing is committed); `warning` and `info` are shown, not refused. */
export type WorkflowProblemSeverity = 'error' | 'warning' | 'info';

/**
 * One problem, placed for an editor marker: lines and columns start at 1 (Monaco's convention),
 * and the end is exclusive, as Monaco's `endColumn` is.
 */
export interface WorkflowProblem {
  readonly source: WorkflowProblemSource;
  /** A stable name for the check: `schema`, `yaml`, `actionlint:<kind>`, or a risk's name such as `untrusted-input`. */
  readonly rule: string;
  readonly severity: WorkflowProblemSeverity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface WorkflowRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Problems in reading order, errors first on a line, so a list and an editor agree. */
export function sortProblems(problems: readonly WorkflowProblem[]): WorkflowProblem[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity] || a.source.localeCompare(b.source));
}
