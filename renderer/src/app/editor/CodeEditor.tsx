import type * as Monaco from 'monaco-editor/editor';
import { type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { type EditorLanguage, type JsonSchema, languageForFile, yamlSchemaKind } from './document-kind';
import { modelPath } from './model-path';
import { type CheckDocument, useWorkflowMarkers } from './github-workflow-markers';
import { type EditorProblem, problemsFromMarkers } from './problems';
import { useMonaco } from './use-monaco';

/** What a parent can do to a mounted CodeEditor (the Problems list moves the cursor with it). */
export interface CodeEditorHandle {
  /** Puts the cursor at a 1-based line and column, scrolls it into view and focuses the editor. */
  revealPosition(line: number, column: number): void;
  focus(): void;
}

export interface CodeEditorProps {
  /** The text. The editor follows changes to it; typing reports through onChange. */
  value: string;
  /** Chooses the language (compose.yaml → YAML, main.tf → HCL…) and, for YAML, the schema. */
  fileName?: string;
  /** Overrides the language chosen from fileName. */
  language?: EditorLanguage;
  /** For JSON documents: validate against this JSON Schema (a tool's input schema for a plan step). */
  jsonSchema?: JsonSchema;
  readOnly?: boolean;
  onChange?: (value: string) => void;
  /** Called with the document's problems whenever they change (schema, syntax), errors first. */
  onProblems?: (problems: EditorProblem[]) => void;
  /** Checks a document in main (a GitHub Actions workflow: schema, actionlint, risky patterns); its problems become markers. */
  checkDocument?: CheckDocument;
  /** Keeps the model's identity stable across remounts, e.g. a document or step id. */
  documentId?: string;
  ariaLabel?: string;
  className?: string;
  ref?: Ref<CodeEditorHandle>;
}

/**
 * Monaco editing one document, loaded lazily (a "Loading editor…" note until then). YAML files are
 * validated against the Compose, GitHub workflow or Kubernetes schema their name calls for; JSON
 * against `jsonSchema`. The theme follows the app's light/dark setting.
 */
export function CodeEditor({ value, fileName = 'untitled.txt', language, jsonSchema, readOnly = false, onChange, onProblems, checkDocument, documentId, ariaLabel, className, ref }: CodeEditorProps) {
  const { runtime, error } = useMonaco();
  const generatedId = useId();
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const effectiveLanguage = language ?? languageForFile(fileName);
  // Handlers change every render; the editor's listeners read the latest through refs.
  const latest = useRef({ onChange, onProblems, value });
  latest.current = { onChange, onProblems, value };

  // One model per (document, file name, language): created with the editor, disposed with it.
  useEffect(() => {
    if (!runtime || !host.current) return;
    const { monaco } = runtime;
    const kind = effectiveLanguage === 'yaml' ? yamlSchemaKind(fileName, latest.current.value) : null;
    const uri = monaco.Uri.file(modelPath(documentId ?? generatedId, fileName, kind));
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(latest.current.value, effectiveLanguage, uri);
    const created = monaco.editor.create(host.current, { model, automaticLayout: true, minimap: { enabled: false }, scrollBeyondLastLine: false, fixedOverflowWidgets: true, tabSize: 2, ariaLabel: ariaLabel ?? fileName });
    const reportProblems = (): void => latest.current.onProblems?.(problemsFromMarkers(monaco.editor.getModelMarkers({ resource: uri })));
    const subscriptions = [
      model.onDidChangeContent(() => latest.current.onChange?.(model.getValue())),
      monaco.editor.onDidChangeMarkers((uris) => uris.some((changed) => changed.toString() === uri.toString()) && reportProblems()),
    ];
    reportProblems();
    setEditor(created);
    return () => {
      subscriptions.forEach((subscription) => subscription.dispose());
      setEditor(null);
      created.dispose();
      model.dispose();
    };
    // The model is rebuilt only when what identifies it changes; value is followed below.
  }, [runtime, fileName, effectiveLanguage, documentId, generatedId, ariaLabel]);

  // Outside changes to `value` (a reverted edit, a new proposal) replace the text, as one undo step.
  useEffect(() => {
    const model = editor?.getModel();
    if (model && model.getValue() !== value) {
      editor!.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      editor!.pushUndoStop();
    }
  }, [editor, value]);

  useEffect(() => editor?.updateOptions({ readOnly }), [editor, readOnly]);

  useEffect(() => {
    // The JSON service globs `fileMatch` against the decoded URI, so the path (not the encoded URI) matches exactly this model.
    const path = editor?.getModel()?.uri.path;
    if (!runtime || !path || !jsonSchema || effectiveLanguage !== 'json') return;
    return runtime.jsonSchemas.register(path, jsonSchema);
  }, [runtime, editor, jsonSchema, effectiveLanguage]);

  const checkNotes = useWorkflowMarkers(runtime, editor, effectiveLanguage === 'yaml' && yamlSchemaKind(fileName) === 'github-workflow', fileName, checkDocument);

  useImperativeHandle(
    ref,
    () => ({
      revealPosition(line, column) {
        editor?.setPosition({ lineNumber: line, column });
        editor?.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
        editor?.focus();
      },
      focus: () => editor?.focus(),
    }),
    [editor],
  );

  return (
    <div className={`code-editor ${className ?? ''}`} data-testid="editor" data-language={effectiveLanguage} data-ready={editor ? 'true' : 'false'} aria-busy={!editor}>
      {error ? (
        <p className="error" role="alert">
          The editor could not load: {error}
        </p>
      ) : (
        !editor && <p className="muted code-editor-loading">Loading editor…</p>
      )}
      <div ref={host} className="code-editor-host" />
      {checkNotes.length > 0 && (
        <p className="muted" data-testid="editor-check-notes">
          {checkNotes.join(' ')}
        </p>
      )}
    </div>
  );
}
