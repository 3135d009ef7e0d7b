import { useEffect, useRef, useState } from 'react';
import { selectActiveDocument } from '../../state/editor-slice';
import { CodeEditor, type CodeEditorHandle } from '../editor/CodeEditor';
import { DiffEditor } from '../editor/DiffEditor';
import { EditorTabs } from '../editor/EditorTabs';
import { NewFileForm } from '../editor/NewFileForm';
import type { EditorProblem } from '../editor/problems';
import { ProblemsList } from '../editor/ProblemsList';
import { useAppStore } from '../store-context';

/** Open documents (plan-step inputs, generated files, scratch drafts) in Monaco, with their problems and a diff against what was opened. */
export function EditorPane() {
  const documents = useAppStore((state) => state.editor.documents);
  const activeId = useAppStore((state) => state.editor.activeId);
  const view = useAppStore((state) => state.editor.view);
  const active = useAppStore(selectActiveDocument);
  const openDocument = useAppStore((state) => state.openDocument);
  const updateDocument = useAppStore((state) => state.updateDocument);
  const closeDocument = useAppStore((state) => state.closeDocument);
  const saveDocument = useAppStore((state) => state.saveDocument);
  const activateDocument = useAppStore((state) => state.activateDocument);
  const setEditorView = useAppStore((state) => state.setEditorView);
  const checkDocument = useAppStore((state) => state.checkDocument);
  const [problems, setProblems] = useState<EditorProblem[]>([]);
  const editor = useRef<CodeEditorHandle>(null);

  useEffect(() => setProblems([]), [activeId]);

  // Ctrl/Cmd+S saves the active document when it has somewhere to go.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's' && active) {
        event.preventDefault();
        if (active.canSave) void saveDocument(active.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, saveDocument]);

  const close = (id: string, dirty: boolean, title: string): void => {
    if (!dirty || window.confirm(`Discard your changes to ${title}?`)) closeDocument(id);
  };
  const reveal = (problem: EditorProblem): void => {
    if (view !== 'edit') setEditorView('edit');
    // After a switch from the diff the editor mounts first; the handle is there on the next frame.
    requestAnimationFrame(() => editor.current?.revealPosition(problem.line, problem.column));
  };

  return (
    <section className="pane editor-pane" data-testid="pane-editor" aria-labelledby="pane-title-editor">
      <h1 id="pane-title-editor">Editor</h1>
      <p className="purpose">Generated compose files, manifests, charts, HCL and workflows, checked against their schema as you type, to edit before they are used.</p>
      <NewFileForm onCreate={(fileName) => openDocument({ fileName, value: '' })} />
      <EditorTabs documents={documents} activeId={activeId} onActivate={activateDocument} onClose={(document) => close(document.id, document.dirty, document.title)} />
      {active ? (
        <>
          <div className="row">
            <span className="muted">
              {active.fileName} · {active.language}
              {active.origin.kind === 'step' ? ` · step ${active.origin.stepId}` : ' · scratch'}
            </span>
            <button type="button" data-testid="editor-diff-toggle" aria-pressed={view === 'diff'} onClick={() => setEditorView(view === 'diff' ? 'edit' : 'diff')}>
              {view === 'diff' ? 'Back to editing' : 'Compare with original'}
            </button>
            <button type="button" data-testid="editor-save" disabled={!active.canSave || !active.dirty || active.saving} title={active.canSave ? 'Save (Ctrl+S)' : 'This document has nowhere to be saved'} onClick={() => void saveDocument(active.id)}>
              {active.saving ? 'Saving…' : 'Save'}
            </button>
          </div>
          {active.saveError && (
            <p className="error" role="alert" data-testid="editor-save-error">
              Not saved: {active.saveError}
            </p>
          )}
          {view === 'diff' ? (
            <DiffEditor key={active.id} original={active.original} modified={active.value} fileName={active.fileName} language={active.language} />
          ) : (
            <CodeEditor
              key={active.id}
              ref={editor}
              documentId={active.id}
              value={active.value}
              fileName={active.fileName}
              language={active.language}
              jsonSchema={active.jsonSchema}
              onChange={(value) => updateDocument(active.id, value)}
              onProblems={setProblems}
              checkDocument={checkDocument}
            />
          )}
          <ProblemsList problems={problems} onSelect={reveal} />
        </>
      ) : (
        <p className="muted">No document open. Draft one by name above, or open a plan step's input from the Plan pane.</p>
      )}
    </section>
  );
}
