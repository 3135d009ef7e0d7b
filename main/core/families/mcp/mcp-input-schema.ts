import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

// One validator per draft, compiled lazily; strict mode off because servers' schemas carry keywords
// (examples, custom annotations) that ajv would otherwise refuse. Formats (uri, email…) are left to
// the server, which checks its own input: ajv knows none without ajv-formats, not a dependency here.
let draft7: Ajv | null = null;
let draft2020: Ajv2020 | null = null;
const validatorFor = (schema: JsonSchema): Ajv | Ajv2020 =>
  String(schema.$schema ?? '').includes('2020-12') ? (draft2020 ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false })) : (draft7 ??= new Ajv({ strict: false, allErrors: true, validateFormats: false }));

const describe = (errors: readonly ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).slice(0, 5).map((error) => `${error.instancePath || '(input)'} ${error.message ?? 'is invalid'}${error.keyword === 'additionalProperties' ? `: ${String((error.params as { additionalProperty?: string }).additionalProperty)}` : ''}`);

/** A server's description of one field is kept to this many characters: it is the server's words, shown to the model. */
export const FIELD_DESCRIPTION_LIMIT = 300;

/** The schema as shown to the model, every `description` in it (at any depth) cut to FIELD_DESCRIPTION_LIMIT. */
function withShortDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withShortDescriptions);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'description' && typeof item === 'string' && item.length > FIELD_DESCRIPTION_LIMIT ? `${item.slice(0, FIELD_DESCRIPTION_LIMIT)}…` : withShortDescriptions(item)]),
  );
}

/**
 * A server tool's input as a zod schema: an object, checked at parse time with ajv against the
 * server's own JSON Schema (so a bad input is refused before any step is classified), and shown to
 * the model as that schema (its properties and required fields, through zod's metadata).
 */
export function inputSchemaFromServer(serverSchema: JsonSchema, toolLabel: string): z.ZodType<Record<string, unknown>> {
  // `id` is left out: zod's metadata treats it as a name for $defs, not as a schema keyword.
  const { $schema: _dialect, type: _type, id: _id, ...shown } = withShortDescriptions(serverSchema) as JsonSchema;
  let validate: ValidateFunction | null = null;
  let broken: string | null = null;
  try {
    validate = validatorFor(serverSchema).compile(serverSchema);
  } catch (error) {
    broken = `The MCP server's input schema for ${toolLabel} is not a valid JSON Schema (${(error as Error).message}); the tool cannot be called until the server fixes it.`;
  }
  return z
    .record(z.string(), z.unknown())
    .superRefine((input, ctx) => {
      if (broken) return void ctx.addIssue({ code: 'custom', message: broken });
      if (validate!(input)) return;
      for (const problem of describe(validate!.errors)) ctx.addIssue({ code: 'custom', message: `${problem} (the server's schema for ${toolLabel})` });
    })
    .meta(shown);
}
