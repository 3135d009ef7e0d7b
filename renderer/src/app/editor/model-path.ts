import { fileBaseName } from '../file-names';
import type { YamlSchemaKind } from './document-kind';

/**
 * Models live under a folder named after their schema kind (see modelPath), so one glob per kind
 * selects the schema in monaco-yaml: the choice is made once, in yamlSchemaKind, not twice in two
 * glob dialects.
 */
export const schemaFolder = (kind: YamlSchemaKind | null): string => `reign/schema-${kind ?? 'none'}`;

/** The model's path: unique per document, with the file name last so Monaco and the YAML service see it. */
export function modelPath(documentId: string, fileName: string, kind: YamlSchemaKind | null): string {
  const name = fileBaseName(fileName) || 'untitled';
  return `/${schemaFolder(kind)}/${encodeURIComponent(documentId)}/${encodeURIComponent(name)}`;
}
