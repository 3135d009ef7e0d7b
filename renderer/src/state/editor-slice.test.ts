import { describe, expect, it } from 'vitest';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { createAppStore } from './app-store';
import { selectActiveDocument } from './editor-slice';

// The editor slice makes no contract calls: any would fail here.
const store = () => createAppStore(scriptedApi({}));

describe('editor slice', () => {
  it('opens a document as the active tab with its language from the file name, clean', () => {
    const app = store();
    const id = app.getState().openDocument({ fileName: 'deploy/compose.yaml', value: 'services: {}\n' });
    const document = selectActiveDocument(app.getState())!;
    expect(document).toMatchObject({ id, title: 'compose.yaml', language: 'yaml', original: 'services: {}\n', value: 'services: {}\n', dirty: false, origin: { kind: 'scratch' }, canSave: false });
  });

  it('is dirty while the text differs from what was opened, and clean again when typed back', () => {
    const app = store();
    const id = app.getState().openDocument({ fileName: 'main.tf', value: 'a' });
    app.getState().updateDocument(id, 'ab');
    expect(selectActiveDocument(app.getState())).toMatchObject({ value: 'ab', original: 'a', dirty: true, language: 'hcl' });
    app.getState().updateDocument(id, 'a');
    expect(selectActiveDocument(app.getState())!.dirty).toBe(false);
  });

  it('saves through the handler given at open, which becomes the new original', async () => {
    const app = store();
    const saved: string[] = [];
    const id = app.getState().openDocument({ id: 'step-3', fileName: 'input.json', value: '{}', origin: { kind: 'step', stepId: '3' }, jsonSchema: { type: 'object' }, onSave: (value) => void saved.push(value) });
    app.getState().updateDocument(id, '{"force":true}');
    expect(await app.getState().saveDocument(id)).toBe(true);
    expect(saved).toEqual(['{"force":true}']);
    expect(selectActiveDocument(app.getState())).toMatchObject({ original: '{"force":true}', dirty: false, canSave: true, saving: false, jsonSchema: { type: 'object' } });
    expect(JSON.parse(JSON.stringify(app.getState().editor))).toEqual(app.getState().editor);
  });

  it('keeps the edit and says why when the save handler refuses it', async () => {
    const app = store();
    const id = app.getState().openDocument({ fileName: 'input.json', value: '{}', onSave: async () => Promise.reject(new Error('input.id is required')) });
    app.getState().updateDocument(id, '[]');
    expect(await app.getState().saveDocument(id)).toBe(false);
    expect(selectActiveDocument(app.getState())).toMatchObject({ value: '[]', dirty: true, saveError: 'input.id is required', saving: false });
  });

  it('cannot save a document opened without a handler', async () => {
    const app = store();
    const id = app.getState().openDocument({ fileName: 'compose.yaml', value: '' });
    app.getState().updateDocument(id, 'services: {}');
    expect(await app.getState().saveDocument(id)).toBe(false);
    expect(selectActiveDocument(app.getState())!.dirty).toBe(true);
  });

  it('reopening an id focuses its tab, refreshing the text only when it was not edited', () => {
    const app = store();
    const a = app.getState().openDocument({ id: 'step-1', fileName: 'a.yaml', value: 'v1' });
    app.getState().openDocument({ fileName: 'b.yaml', value: '' });
    app.getState().openDocument({ id: a, fileName: 'a.yaml', value: 'v2' });
    expect(app.getState().editor.documents).toHaveLength(2);
    expect(selectActiveDocument(app.getState())).toMatchObject({ id: a, value: 'v2', original: 'v2' });
    app.getState().updateDocument(a, 'mine');
    app.getState().openDocument({ id: a, fileName: 'a.yaml', value: 'v3' });
    expect(selectActiveDocument(app.getState())).toMatchObject({ value: 'mine', original: 'v2', dirty: true });
  });

  it('closing the active tab activates its neighbour and forgets the save handler', async () => {
    const app = store();
    const a = app.getState().openDocument({ fileName: 'a.yaml', value: '' });
    const b = app.getState().openDocument({ id: 'b', fileName: 'b.yaml', value: '', onSave: () => {} });
    const c = app.getState().openDocument({ fileName: 'c.yaml', value: '' });
    app.getState().activateDocument(b);
    app.getState().closeDocument(b);
    expect(app.getState().editor.activeId).toBe(c);
    app.getState().closeDocument(c);
    expect(app.getState().editor.activeId).toBe(a);
    app.getState().closeDocument(a);
    expect(app.getState().editor.activeId).toBeNull();
    app.getState().openDocument({ id: 'b', fileName: 'b.yaml', value: '' });
    expect(selectActiveDocument(app.getState())!.canSave).toBe(false);
  });

  it('switches between editing and the diff view', () => {
    const app = store();
    expect(app.getState().editor.view).toBe('edit');
    app.getState().setEditorView('diff');
    expect(app.getState().editor.view).toBe('diff');
  });
});
