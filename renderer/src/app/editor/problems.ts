/** One problem in a document, as the Problems list shows it (1-based lines and columns, as Monaco). */
export interface EditorProblem {
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Who reported it: "YAML", "json", a schema's name… */
  readonly source?: string;
}

/** The fields of Monaco's IMarker this module reads (kept structural so it is testable without Monaco). */
export interface MarkerLike {
  readonly severity: number;
  readonly message: string;
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly source?: string;
}

// monaco.MarkerSeverity: Hint = 1, Info = 2, Warning = 4, Error = 8.
const severityOf = (value: number): EditorProblem['severity'] => (value >= 8 ? 'error' : value >= 4 ? 'warning' : value >= 2 ? 'info' : 'hint');
const rank = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Markers as problems: errors first, then by position, so the first thing in the list is the worst. */
export function problemsFromMarkers(markers: readonly MarkerLike[]): EditorProblem[] {
  return markers
    .map((marker) => ({
      severity: severityOf(marker.severity),
      message: marker.message,
      line: marker.startLineNumber,
      column: marker.startColumn,
      endLine: marker.endLineNumber,
      endColumn: marker.endColumn,
      ...(marker.source ? { source: marker.source } : {}),
    }))
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line || a.column - b.column);
}
