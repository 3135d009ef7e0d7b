// monaco-yaml's language server. Imported through this file rather than by URL because Vite only
// bundles `new Worker(new URL(…))` for relative paths (monaco-yaml's README, "Why doesn't it work with Vite?").
import 'monaco-yaml/yaml.worker.js';
