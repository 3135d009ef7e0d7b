import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

// Three bundles for Electron (main, preload, renderer) plus the `reign` CLI, which shares
// main's core and is built as a second entry of the main bundle.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          electron: resolve(root, 'main/electron/index.ts'),
          cli: resolve(root, 'main/cli/reign.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { preload: resolve(root, 'preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      // The contract (and zod) must be bundled in: a sandboxed preload cannot require packages.
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    resolve: {
      // monaco-yaml's worker reaches Monaco's worker bootstrap through this deep path, which
      // Monaco ≥0.56's `exports` map no longer resolves (it maps `./*` to `./esm/vs/*`).
      alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: resolve(root, 'node_modules/monaco-editor/esm/vs/$1') }],
    },
    // Monaco's workers are ES modules (`new Worker(url, { type: 'module' })`).
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified; `reign serve` sends it over HTTP and Monaco
      // alone is ~10 MB unminified, so minify (oxc, fast enough for every build).
      minify: true,
      // Monaco is one chunk of several MB by design (loaded once, from disk or loopback): the
      // 500 kB web default only adds a warning a reader of CI output takes for a failure.
      chunkSizeWarningLimit: 8192,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
