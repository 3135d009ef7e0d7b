import { type EditorLanguage, type JsonSchema, languageForFile } from '../app/editor/document-kind';
import { fileBaseName } from '../app/file-names';
import type { CommandResponse } from '../../../preload/contract';
import type { Slice } from './slice-types';

/** Where a document came from, so a save goes back to the right place. */
export type DocumentOrigin = { readonly kind: 'scratch' } | { readonly kind: 'step'; readonly stepId: string; readonly planId?: string; readonly tool?: string };

/** Called with the edited text on Save; a rejection is shown to the person and keeps the edit. */
export type SaveHandler = (value: string) => void | Promise<void>;

export interface EditorDocument {
  readonly id: string;
  readonly title: string;
  readonly fileName: string;
  readonly language: EditorLanguage;
  /** The text as opened (or as last saved): what the diff view compares against. */
  readonly original: string;
  readonly value: string;
  readonly dirty: boolean;
  readonly origin: DocumentOrigin;
  /** JSON documents: the schema their text is validated against (a tool's input schema). */
  readonly jsonSchema?: JsonSchema;
  /** Whether a save handler was given when it was opened. */
  readonly canSave: boolean;
  readonly saving: boolean;
  readonly saveError: string | null;
}

export interface OpenDocumentRequest {
  /** Reopening an id brings its tab forward instead of opening a second copy. Default: a new id. */
  readonly id?: string;
  readonly fileName: string;
  readonly value: string;
  readonly title?: string;
  readonly language?: EditorLanguage;
  readonly origin?: DocumentOrigin;
  readonly jsonSchema?: JsonSchema;
  readonly onSave?: SaveHandler;
}

export interface EditorSlice {
  editor: {
    readonly documents: readonly EditorDocument[];
    readonly activeId: string | null;
    readonly view: 'edit' | 'diff';
  };
  /** Opens a document (or focuses it if its id is open; unedited text is then refreshed) and returns its id. */
  openDocument(request: OpenDocumentRequest): string;
  updateDocument(id: string, value: string): void;
  closeDocument(id: string): void;
  /** Runs the document's save handler; true when it saved. */
  saveDocument(id: string): Promise<boolean>;
  activateDocument(id: string): void;
  setEditorView(view: 'edit' | 'diff'): void;
  /** Checks a document of a kind a family knows (a GitHub workflow) in main, for the editor's markers. */
  checkDocument(kind: string, text: string, fileName: string): Promise<CommandResponse<'documents.check'>>;
}

export const createEditorSlice: Slice<EditorSlice> = (api) => (set, get) => {
  // Functions are not state: they stay here, per store, keyed by document id.
  const saveHandlers = new Map<string, SaveHandler>();
  let counter = 0;
  const patch = (id: string, change: (document: EditorDocument) => Partial<EditorDocument>): void =>
    set((state) => ({ editor: { ...state.editor, documents: state.editor.documents.map((document) => (document.id === id ? { ...document, ...change(document) } : document)) } }));

  return {
    editor: { documents: [], activeId: null, view: 'edit' },

    openDocument: (request) => {
      const id = request.id ?? `doc-${++counter}`;
      if (request.onSave) saveHandlers.set(id, request.onSave);
      const existing = get().editor.documents.find((document) => document.id === id);
      if (existing) {
        if (!existing.dirty) patch(id, () => ({ original: request.value, value: request.value, canSave: saveHandlers.has(id) }));
        set((state) => ({ editor: { ...state.editor, activeId: id } }));
        return id;
      }
      const document: EditorDocument = {
        id,
        title: request.title ?? fileBaseName(request.fileName),
        fileName: request.fileName,
        language: request.language ?? languageForFile(request.fileName),
        original: request.value,
        value: request.value,
        dirty: false,
        origin: request.origin ?? { kind: 'scratch' },
        ...(request.jsonSchema ? { jsonSchema: request.jsonSchema } : {}),
        canSave: saveHandlers.has(id),
        saving: false,
        saveError: null,
      };
      set((state) => ({ editor: { ...state.editor, documents: [...state.editor.documents, document], activeId: id } }));
      return id;
    },

    updateDocument: (id, value) => patch(id, (document) => ({ value, dirty: value !== document.original })),

    closeDocument: (id) => {
      saveHandlers.delete(id);
      set((state) => {
        const index = state.editor.documents.findIndex((document) => document.id === id);
        const documents = state.editor.documents.filter((document) => document.id !== id);
        // The neighbour takes focus, as tabs do elsewhere.
        const activeId = state.editor.activeId === id ? (documents[Math.min(index, documents.length - 1)]?.id ?? null) : state.editor.activeId;
        return { editor: { ...state.editor, documents, activeId } };
      });
    },

    saveDocument: async (id) => {
      const handler = saveHandlers.get(id);
      const document = get().editor.documents.find((candidate) => candidate.id === id);
      if (!handler || !document || document.saving) return false;
      const value = document.value;
      patch(id, () => ({ saving: true, saveError: null }));
      try {
        await handler(value);
        // Typing during the save keeps the document dirty against what was saved.
        patch(id, (current) => ({ saving: false, original: value, dirty: current.value !== value }));
        return true;
      } catch (error) {
        patch(id, () => ({ saving: false, saveError: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },

    activateDocument: (id) => set((state) => ({ editor: { ...state.editor, activeId: id } })),
    setEditorView: (view) => set((state) => ({ editor: { ...state.editor, view } })),
    checkDocument: (kind, text, fileName) => api.commands['documents.check']({ kind, text, fileName }),
  };
};

/** The document whose tab is active, if any. */
export const selectActiveDocument = (state: EditorSlice): EditorDocument | undefined => state.editor.documents.find((document) => document.id === state.editor.activeId);
