import composeSchema from '../../../../resources/schemas/compose.schema.json';
import workflowSchema from '../../../../resources/schemas/github-workflow.schema.json';
import kubernetesSchema from '../../../../resources/schemas/kubernetes.schema.json';
import type { YamlSchemaKind } from './document-kind';

/** A JSON schema object as monaco-yaml and monaco's JSON service take it. */
export type JsonSchema = Record<string, unknown>;

/** The bundled schemas (resources/schemas/README.md says where each comes from and what it covers). */
export const yamlSchemas: Record<YamlSchemaKind, JsonSchema> = {
  compose: composeSchema,
  'github-workflow': workflowSchema,
  kubernetes: kubernetesSchema,
};

/**
 * Models live under a folder named after their schema kind (see modelPath), so one glob per kind
 * selects the schema: the choice is made once, in yamlSchemaKind, not twice in two glob dialects.
 */
export const schemaFolder = (kind: YamlSchemaKind | null): string => kind ?? 'plain';

/** monaco-yaml's `schemas` option: no schema is ever fetched (enableSchemaRequest stays off). */
export function monacoYamlSchemas(): { uri: string; fileMatch: string[]; schema: JsonSchema }[] {
  return (Object.keys(yamlSchemas) as YamlSchemaKind[]).map((kind) => ({
    // The URI only names the schema in hovers; it must end in .json so it is never mistaken for a URL to load.
    uri: `https://reign.invalid/schemas/${kind}.schema.json`,
    fileMatch: [`**/${schemaFolder(kind)}/**`],
    schema: yamlSchemas[kind],
  }));
}

/** The model's path: unique per document, with the file name last so Monaco and the YAML service see it. */
export function modelPath(documentId: string, fileName: string, kind: YamlSchemaKind | null): string {
  const name = fileName.replace(/\\/g, '/').split('/').pop() || 'untitled';
  return `/reign/${encodeURIComponent(documentId)}/${schemaFolder(kind)}/${encodeURIComponent(name)}`;
}
