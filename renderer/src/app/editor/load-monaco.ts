import type { EditorRuntime } from './monaco-setup';

export type { EditorRuntime };

let loading: Promise<EditorRuntime> | undefined;

/**
 * Monaco, loaded on first use. The dynamic import makes Vite put Monaco, its languages and
 * monaco-yaml in their own chunk; a failed load is not cached, so opening the editor again retries.
 */
export function loadMonaco(): Promise<EditorRuntime> {
  loading ??= import('./monaco-setup').then(
    (module) => module.runtime,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
