import { fileBaseName } from '../file-names';

/** The Monaco languages Reign registers (see monaco-setup.ts); anything else opens as plain text. */
export const editorLanguages = ['yaml', 'json', 'hcl', 'dockerfile', 'shell', 'ini', 'markdown', 'plaintext'] as const;
export type EditorLanguage = (typeof editorLanguages)[number];

/** A JSON schema object as monaco-yaml and Monaco's JSON service take it. */
export type JsonSchema = Record<string, unknown>;

/** Which bundled JSON schema validates a YAML document (resources/schemas/). */
export type YamlSchemaKind = 'compose' | 'github-workflow' | 'kubernetes';

const baseName = (fileName: string): string => fileBaseName(fileName).toLowerCase();

/** The language for a file, by name: what people call these files, not only their extension. */
export function languageForFile(fileName: string): EditorLanguage {
  const name = baseName(fileName);
  if (/\.(ya?ml)$/.test(name)) return 'yaml';
  if (/\.(json|jsonc)$/.test(name) || name === '.terraform.lock.json') return 'json';
  if (/\.(tf|tfvars|hcl)$/.test(name)) return 'hcl';
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile') || name === 'containerfile') return 'dockerfile';
  if (/\.(sh|bash|zsh)$/.test(name) || name === '.bashrc' || name === '.profile') return 'shell';
  if (name === '.env' || name.startsWith('.env.') || /\.(env|ini|cfg|conf)$/.test(name)) return 'ini';
  if (/\.(md|markdown)$/.test(name)) return 'markdown';
  return 'plaintext';
}

// A manifest names its API and kind in the first lines, at the top level of a document.
const kubernetesShape = /^apiVersion:\s*\S+[\s\S]*^kind:\s*\S+|^kind:\s*\S+[\s\S]*^apiVersion:\s*\S+/m;

/**
 * Which schema a YAML document is checked against: by file name first (the conventions of Docker
 * Compose, GitHub Actions and Kubernetes repositories), then, for other names, by content.
 */
export function yamlSchemaKind(fileName: string, text = ''): YamlSchemaKind | null {
  if (languageForFile(fileName) !== 'yaml') return null;
  const path = fileName.replace(/\\/g, '/').toLowerCase();
  const name = baseName(fileName);
  if (/^(docker-)?compose(\.[\w-]+)*\.ya?ml$/.test(name)) return 'compose';
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'github-workflow';
  if (/\.k8s\.ya?ml$/.test(name) || /(^|\/)(k8s|manifests)\//.test(path)) return 'kubernetes';
  // Helm values files and charts' own files are not manifests, whatever they contain.
  if (/^(values|chart)(\.[\w-]+)*\.ya?ml$/.test(name) || /(^|\/)templates\//.test(path)) return null;
  return kubernetesShape.test(text) ? 'kubernetes' : null;
}
