import type { JsonSchema } from './document-kind';

/** The slice of Monaco's JSON defaults this registry needs (monaco-editor/languages/features/json/register). */
export interface JsonDiagnosticsTarget {
  readonly diagnosticsOptions: object;
  setDiagnosticsOptions(options: object): void;
}

/**
 * JSON schemas per open model. Monaco's JSON service takes one list of schemas for all models, so
 * each editor that validates a document (a plan step's input against its tool's schema) adds its
 * own entry, matched on that model's URI only, and removes it when it closes.
 */
export class JsonSchemaRegistry {
  private readonly byModel = new Map<string, JsonSchema>();

  constructor(private readonly json: JsonDiagnosticsTarget) {}

  /** Validates the model whose URI path is `modelPath` against `schema` until the returned disposer is called. */
  register(modelPath: string, schema: JsonSchema): () => void {
    this.byModel.set(modelPath, schema);
    this.apply();
    return () => {
      if (this.byModel.get(modelPath) !== schema) return;
      this.byModel.delete(modelPath);
      this.apply();
    };
  }

  private apply(): void {
    this.json.setDiagnosticsOptions({
      ...this.json.diagnosticsOptions,
      validate: true,
      enableSchemaRequest: false,
      schemas: [...this.byModel].map(([path, schema], index) => ({ uri: `https://reign.invalid/schemas/input-${index}.json`, fileMatch: [path], schema })),
    });
  }
}
