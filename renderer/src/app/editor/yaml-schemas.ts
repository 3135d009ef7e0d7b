import composeSchema from '../../../../resources/schemas/compose.schema.json';
import workflowSchema from '../../../../resources/schemas/github-workflow.schema.json';
import kubernetesSchema from '../../../../resources/schemas/kubernetes.schema.json';
import type { JsonSchema, YamlSchemaKind } from './document-kind';
import { schemaFolder } from './model-path';

/** The bundled schemas (resources/schemas/README.md says where each comes from and what it covers). */
export const yamlSchemas: Record<YamlSchemaKind, JsonSchema> = {
  compose: composeSchema,
  'github-workflow': workflowSchema,
  kubernetes: kubernetesSchema,
};

/** monaco-yaml's `schemas` option: no schema is ever fetched (enableSchemaRequest stays off). */
export function monacoYamlSchemas(): { uri: string; fileMatch: string[]; schema: JsonSchema }[] {
  return (Object.keys(yamlSchemas) as YamlSchemaKind[]).map((kind) => ({
    // The URI only names the schema in hovers; it must end in .json so it is never mistaken for a URL to load.
    uri: `https://reign.invalid/schemas/${kind}.schema.json`,
    fileMatch: [`**/${schemaFolder(kind)}/**`],
    schema: yamlSchemas[kind],
  }));
}
