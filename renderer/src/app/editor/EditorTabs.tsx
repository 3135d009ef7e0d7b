import type { EditorDocument } from '../../state/editor-slice';

/** One tab per open document; a dot marks unsaved edits. */
export function EditorTabs({ documents, activeId, onActivate, onClose }: { documents: readonly EditorDocument[]; activeId: string | null; onActivate: (id: string) => void; onClose: (document: EditorDocument) => void }) {
  return (
    <div className="editor-tabs" role="tablist" aria-label="Open documents" data-testid="editor-tabs">
      {documents.map((document) => (
        <div key={document.id} className="editor-tab" data-testid={`editor-tab-${document.id}`} data-dirty={document.dirty} aria-selected={document.id === activeId}>
          <button type="button" role="tab" aria-selected={document.id === activeId} title={document.fileName} onClick={() => onActivate(document.id)}>
            {document.title}
            {document.dirty && <span aria-label="unsaved"> ●</span>}
          </button>
          <button type="button" className="editor-tab-close" aria-label={`Close ${document.title}`} onClick={() => onClose(document)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
