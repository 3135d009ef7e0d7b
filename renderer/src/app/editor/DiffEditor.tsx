import type * as Monaco from 'monaco-editor/editor';
import { useEffect, useRef, useState } from 'react';
import { type EditorLanguage, languageForFile } from './document-kind';
import { useMonaco } from './use-monaco';

export interface DiffEditorProps {
  /** The text before: what was proposed, or what is on disk. */
  original: string;
  /** The text after: the edited version. */
  modified: string;
  /** Chooses the language for highlighting (see CodeEditor). */
  fileName?: string;
  language?: EditorLanguage;
  /** Side by side (default) or inline. */
  sideBySide?: boolean;
  /** Whether the modified side can be typed in (default: read-only, a review). */
  editable?: boolean;
  /** Typing on the modified side, when editable. */
  onChange?: (modified: string) => void;
  className?: string;
}

/** Monaco's diff view of two versions of a document, loaded lazily like CodeEditor. */
export function DiffEditor({ original, modified, fileName = 'untitled.txt', language, sideBySide = true, editable = false, onChange, className }: DiffEditorProps) {
  const { runtime, error } = useMonaco();
  const host = useRef<HTMLDivElement>(null);
  const [diff, setDiff] = useState<Monaco.editor.IStandaloneDiffEditor | null>(null);
  const effectiveLanguage = language ?? languageForFile(fileName);
  const latest = useRef({ original, modified, onChange });
  latest.current = { original, modified, onChange };

  useEffect(() => {
    if (!runtime || !host.current) return;
    const { monaco } = runtime;
    // Models without a URI: a diff never carries schema validation, so it must not share a path with the edited document.
    const originalModel = monaco.editor.createModel(latest.current.original, effectiveLanguage);
    const modifiedModel = monaco.editor.createModel(latest.current.modified, effectiveLanguage);
    const created = monaco.editor.createDiffEditor(host.current, { automaticLayout: true, minimap: { enabled: false }, scrollBeyondLastLine: false, originalEditable: false, renderSideBySide: true });
    created.setModel({ original: originalModel, modified: modifiedModel });
    const subscription = modifiedModel.onDidChangeContent(() => latest.current.onChange?.(modifiedModel.getValue()));
    setDiff(created);
    return () => {
      subscription.dispose();
      setDiff(null);
      created.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
    };
  }, [runtime, effectiveLanguage]);

  useEffect(() => {
    const model = diff?.getModel();
    if (!model) return;
    if (model.original.getValue() !== original) model.original.setValue(original);
    if (model.modified.getValue() !== modified) model.modified.setValue(modified);
  }, [diff, original, modified]);

  useEffect(() => diff?.updateOptions({ renderSideBySide: sideBySide, readOnly: !editable }), [diff, sideBySide, editable]);

  return (
    <div className={`code-editor ${className ?? ''}`} data-testid="editor-diff" data-language={effectiveLanguage} data-ready={diff ? 'true' : 'false'} aria-busy={!diff}>
      {error ? (
        <p className="error" role="alert">
          The diff view could not load: {error}
        </p>
      ) : (
        !diff && <p className="muted code-editor-loading">Loading diff…</p>
      )}
      <div ref={host} className="code-editor-host" />
    </div>
  );
}
