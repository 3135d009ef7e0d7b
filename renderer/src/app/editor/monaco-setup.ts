// Monaco, set up once. Only loaded through load-monaco.ts (a dynamic import), so Monaco and its
// languages are a separate chunk and the app's first paint never waits for them.
import * as monaco from 'monaco-editor/editor';
// Editor features, chosen for editing configuration files; the full set adds ~2 MB for little here.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
// Languages: Monarch grammars for highlighting; JSON and YAML also get a language service worker.
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/hcl/register';
import 'monaco-editor/languages/definitions/ini/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/yaml/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { configureMonacoYaml } from 'monaco-yaml';
import { JsonSchemaRegistry } from './json-schemas';
import { installWorkerEnvironment, withLegacyWorkerOptions } from './monaco-environment';
import { followAppTheme } from './theme';
import { monacoYamlSchemas } from './yaml-schemas';

installWorkerEnvironment();
configureMonacoYaml(withLegacyWorkerOptions(monaco), {
  enableSchemaRequest: false,
  validate: true,
  hover: true,
  completion: true,
  schemas: monacoYamlSchemas(),
});
followAppTheme(monaco);

/** What the editor components need from the loaded Monaco. */
export interface EditorRuntime {
  readonly monaco: typeof monaco;
  readonly jsonSchemas: JsonSchemaRegistry;
}

export const runtime: EditorRuntime = { monaco, jsonSchemas: new JsonSchemaRegistry(jsonDefaults) };
