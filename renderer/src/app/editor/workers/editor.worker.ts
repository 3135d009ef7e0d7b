// Monaco's own worker (diffs, word-based suggestions, links), bundled by Vite as a module worker.
import 'monaco-editor/editor/editor.worker';
