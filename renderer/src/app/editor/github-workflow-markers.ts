import type * as Monaco from 'monaco-editor/editor';
import { useEffect, useState } from 'react';
import type { CommandResponse } from '../../../../preload/contract';
import type { EditorRuntime } from './load-monaco';

// A GitHub Actions workflow open in the editor is checked in main (`documents.check`: GitHub's
// schema, actionlint, risky patterns) shortly after each edit; its problems become Monaco markers
// of their own owner beside the YAML service's, so the Problems list and the squiggles show both.

export type WorkflowCheck = CommandResponse<'documents.check'>;
type Problem = WorkflowCheck['problems'][number];
export type CheckDocument = (kind: string, text: string, fileName: string) => Promise<WorkflowCheck>;

/** The markers' owner: replaced as a whole on every check. */
export const WORKFLOW_MARKER_OWNER = 'reign-github-workflow';
/** Quiet time after the last keystroke before the file is checked (actionlint is a process per check). */
export const CHECK_DELAY_MS = 600;

const sourceLabel: Record<string, string> = { actionlint: 'actionlint', risk: 'Reign risk check', schema: 'GitHub workflow schema', yaml: 'YAML' };

/** A marker as Monaco takes it (severity numbers are monaco.MarkerSeverity's: Error 8, Warning 4, Info 2). */
export interface WorkflowMarker {
  readonly severity: number;
  readonly message: string;
  readonly source: string;
  readonly code: string;
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/**
 * Markers for the problems main found. The YAML service in the editor already reports syntax errors
 * and checks a (smaller) workflow schema as one types: main's syntax errors are left out, and so is
 * a schema problem on a line where the editor's own service already marks one, so one mistake is
 * not underlined twice.
 */
export function workflowMarkers(problems: readonly Problem[], linesMarkedByEditor: ReadonlySet<number>): WorkflowMarker[] {
  return problems
    .filter((problem) => problem.source !== 'yaml' && !(problem.source === 'schema' && linesMarkedByEditor.has(problem.line)))
    .map((problem) => ({
      severity: problem.severity === 'error' ? 8 : problem.severity === 'warning' ? 4 : 2,
      message: problem.message,
      source: sourceLabel[problem.source] ?? problem.source,
      code: problem.rule,
      startLineNumber: problem.line,
      startColumn: problem.column,
      // Monaco draws nothing for an empty range: a problem placed at one point gets its word at least.
      endLineNumber: problem.endLine,
      endColumn: problem.endLine === problem.line && problem.endColumn <= problem.column ? problem.column + 1 : problem.endColumn,
    }));
}

/**
 * Checks the model in main after each pause in typing and keeps its markers current; answers for
 * a text that has changed since are dropped. Returns what the check could not do (no actionlint).
 */
export function useWorkflowMarkers(runtime: EditorRuntime | null, editor: Monaco.editor.IStandaloneCodeEditor | null, enabled: boolean, fileName: string, check: CheckDocument | undefined): string[] {
  const [notes, setNotes] = useState<string[]>([]);
  useEffect(() => {
    const model = editor?.getModel();
    if (!runtime || !model || !enabled || !check) return;
    const { monaco } = runtime;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    let problems: readonly Problem[] = [];
    let applied = '';
    const apply = (): void => {
      const editorLines = new Set(monaco.editor.getModelMarkers({ resource: model.uri }).filter((marker) => marker.owner !== WORKFLOW_MARKER_OWNER).map((marker) => marker.startLineNumber));
      const markers = workflowMarkers(problems, editorLines);
      const key = JSON.stringify(markers);
      // Setting markers fires onDidChangeMarkers: only a change is applied, so this never loops.
      if (key === applied) return;
      applied = key;
      monaco.editor.setModelMarkers(model, WORKFLOW_MARKER_OWNER, markers as Monaco.editor.IMarkerData[]);
    };
    const run = (): void => {
      const version = model.getVersionId();
      check('github-workflow', model.getValue(), fileName).then(
        (result) => {
          if (!live || model.isDisposed() || model.getVersionId() !== version) return;
          problems = result.problems;
          setNotes(result.notes);
          apply();
        },
        (error: Error) => {
          if (!live || model.isDisposed()) return;
          setNotes([`The workflow could not be checked: ${error.message}`]);
        },
      );
    };
    const later = (): void => {
      clearTimeout(timer);
      timer = setTimeout(run, CHECK_DELAY_MS);
    };
    const subscriptions = [model.onDidChangeContent(later), monaco.editor.onDidChangeMarkers((uris) => uris.some((uri) => uri.toString() === model.uri.toString()) && apply())];
    run();
    return () => {
      live = false;
      clearTimeout(timer);
      subscriptions.forEach((subscription) => subscription.dispose());
      if (!model.isDisposed()) monaco.editor.setModelMarkers(model, WORKFLOW_MARKER_OWNER, []);
      setNotes([]);
    };
  }, [runtime, editor, enabled, fileName, check]);
  return notes;
}
