// The Editor capability's public surface: what other panes (the plan graph) use.
export { CodeEditor, type CodeEditorHandle, type CodeEditorProps } from './CodeEditor';
export { DiffEditor, type DiffEditorProps } from './DiffEditor';
export { type EditorLanguage, languageForFile, yamlSchemaKind, type YamlSchemaKind } from './document-kind';
export type { EditorProblem } from './problems';
export type { JsonSchema } from './document-kind';
