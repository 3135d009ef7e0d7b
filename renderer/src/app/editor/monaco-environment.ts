import type * as Monaco from 'monaco-editor/editor';

/**
 * Where Monaco's workers come from: files Vite bundles next to the app (worker-src 'self'), so the
 * CSP needs no 'unsafe-eval' and no data: URLs, and they load from http:// (reign serve) and from
 * file:// in Electron alike. Labels are the ones Monaco and monaco-yaml ask for.
 */
export function installWorkerEnvironment(): void {
  globalThis.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker {
      switch (label) {
        case 'json':
          return new Worker(new URL('./workers/json.worker.ts', import.meta.url), { type: 'module', name: 'json' });
        case 'yaml':
          return new Worker(new URL('./workers/yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' });
        default:
          return new Worker(new URL('./workers/editor.worker.ts', import.meta.url), { type: 'module', name: label });
      }
    },
  };
}

type CreateWebWorker = typeof Monaco.editor.createWebWorker;
interface LegacyWorkerOptions {
  readonly moduleId?: string;
  readonly label?: string;
  readonly createData?: unknown;
  readonly host?: Record<string, unknown>;
  readonly keepIdleModels?: boolean;
}

/**
 * Monaco ≥0.53 wants `createWebWorker({ worker })`; monaco-yaml (through monaco-worker-manager)
 * still calls it with `{ moduleId, label, createData }` and gets no worker ("Could not create web
 * worker(s)", monaco-yaml #272). This hands monaco-yaml a Monaco whose createWebWorker starts the
 * worker from MonacoEnvironment and sends the two messages the worker's bootstrap expects (a wake-up,
 * then createData), as Monaco's own language services do. The real Monaco is left untouched.
 */
export function withLegacyWorkerOptions(monaco: typeof Monaco): typeof Monaco {
  const create: CreateWebWorker = monaco.editor.createWebWorker;
  const createWebWorker = (options: Parameters<CreateWebWorker>[0] | LegacyWorkerOptions) => {
    if ('worker' in options) return create(options);
    const legacy = options as LegacyWorkerOptions;
    const worker = globalThis.MonacoEnvironment!.getWorker!(legacy.moduleId ?? 'workerMain.js', legacy.label ?? 'worker') as Worker;
    worker.postMessage('ignore');
    worker.postMessage(legacy.createData);
    return create({ worker, host: legacy.host, keepIdleModels: legacy.keepIdleModels } as Parameters<CreateWebWorker>[0]);
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } } as typeof Monaco;
}
