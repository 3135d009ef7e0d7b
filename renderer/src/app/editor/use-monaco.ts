import { useEffect, useState } from 'react';
import { type EditorRuntime, loadMonaco } from './load-monaco';

/** Monaco once it has loaded, or why it could not; null while loading. */
export function useMonaco(): { runtime: EditorRuntime | null; error: string | null } {
  const [state, setState] = useState<{ runtime: EditorRuntime | null; error: string | null }>({ runtime: null, error: null });
  useEffect(() => {
    let live = true;
    loadMonaco().then(
      (runtime) => live && setState({ runtime, error: null }),
      (error: unknown) => live && setState({ runtime: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
