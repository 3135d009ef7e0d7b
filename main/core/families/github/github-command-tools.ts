import { z } from 'zod';
import type { ToolDefinition } from '../../tools/tool-definition';
import type { Call } from '../tool-call-command';

// `reign github NOUN VERB [ARGUMENT] [--field value …]` for every tool of the family: the command
// line is the tool's input, read from its own schema (so a new tool is a command at once, and its
// schema's messages are the command's). `--generate-notes` is the field generateNotes, lists repeat
// or take commas (`--label bug,ui`), and ARGUMENT fills the field a person names first (a PR's
// number, a branch, a tag, a secret's name…). Reads print YAML unless the family prints a table.

type Values = Readonly<Record<string, unknown>>;
type Property = { type?: string | string[]; items?: Property; anyOf?: Property[]; oneOf?: Property[]; properties?: Record<string, Property> };
type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean };

/** The fields an ARGUMENT fills, first match wins: what a person writes after the verb. */
const ARGUMENT_FIELDS = ['number', 'branch', 'tag', 'release', 'run', 'job', 'artifact', 'workflow', 'name', 'path', 'repo'] as const;

/** Options every command already has (`reign --help`): a field of the same name is given as the ARGUMENT or not at all. */
const GLOBAL = new Set(['help', 'version', 'json', 'port', 'open', 'stdin', 'approve', 'concurrency', 'no-rollback', 'workspace', 'allow-critical', 'confirm', 'step-timeout', 'rerun', 'assume-done', 'reject', 'provider', 'model', 'base-url', 'transcript', 'conversation', 'run', 'family']);

const kebab = (field: string): string => field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const propertiesOf = (tool: ToolDefinition): Record<string, Property> => {
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Property & { allOf?: Property[] };
  return schema.properties ?? {};
};

const typesOf = (property: Property): string[] => {
  const alternatives = property.anyOf ?? property.oneOf;
  if (alternatives) return alternatives.flatMap(typesOf);
  return property.type === undefined ? ['object'] : [property.type].flat();
};

/** The secret value's source, given as `--from-env NAME` or `--from-keychain ENTRY` rather than JSON. */
const SOURCE_OPTIONS: Record<string, OptionSpec> = { 'from-env': { type: 'string' }, 'from-keychain': { type: 'string' } };

/** The options of every field of these tools; a field that is boolean in every tool is a flag. */
export function optionsOf(tools: readonly ToolDefinition[]): Record<string, OptionSpec> {
  const kinds = new Map<string, Set<string>>();
  for (const tool of tools)
    for (const [field, property] of Object.entries(propertiesOf(tool))) {
      const option = kebab(field);
      if (GLOBAL.has(option)) continue;
      const seen = kinds.get(option) ?? new Set<string>();
      for (const type of typesOf(property)) seen.add(type);
      kinds.set(option, seen);
    }
  const options: Record<string, OptionSpec> = { ...SOURCE_OPTIONS };
  for (const [option, types] of kinds) options[option] = types.size === 1 && types.has('boolean') ? { type: 'boolean' } : types.has('array') ? { type: 'string', multiple: true } : { type: 'string' };
  return options;
}

/** One option's text as the field's value, or what is wrong with it. */
function valueOf(option: string, property: Property, given: unknown): unknown {
  const types = typesOf(property);
  const texts = [given].flat().flatMap((text) => (typeof text === 'string' ? text.split(',').map((part) => part.trim()).filter(Boolean) : [text]));
  const scalar = (text: unknown, kinds: string[]): unknown => {
    if (typeof text !== 'string') return text;
    if ((kinds.includes('integer') || kinds.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (kinds.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
    if (kinds.includes('object') && !kinds.includes('string')) {
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`--${option} takes JSON here (${text} is not)`);
      }
    }
    return text;
  };
  if (types.includes('array')) return texts.map((text) => scalar(text, typesOf(property.items ?? property.anyOf?.find((one) => one.type === 'array')?.items ?? {})));
  if (Array.isArray(given)) return scalar(given.at(-1), types);
  return scalar(given, types);
}

/** The tool call of `reign github NOUN VERB …` for a tool of the family, or what is wrong with the line. */
export function toolCall(tool: ToolDefinition, argument: string | undefined, extra: readonly string[], values: Values): Call | string {
  const line = `reign github ${tool.name.split('.').slice(1).join(' ')}`;
  if (extra.length) return `${line}: one argument at most (got ${[argument, ...extra].join(' ')}); give the rest as --options.`;
  const properties = propertiesOf(tool);
  const input: Record<string, unknown> = {};
  try {
    for (const [field, property] of Object.entries(properties)) {
      const option = kebab(field);
      if (!GLOBAL.has(option) && values[option] !== undefined) input[field] = valueOf(option, property, values[option]);
    }
  } catch (error) {
    return `${line}: ${(error as Error).message}.`;
  }
  const source = values['from-env'] ?? values['from-keychain'];
  if (source !== undefined) {
    if (!properties.value) return `${line}: --from-env and --from-keychain are for secrets (reign github secret set NAME --from-env VARIABLE).`;
    input.value = values['from-env'] !== undefined ? { from: 'env', variable: values['from-env'] } : { from: 'keychain', name: values['from-keychain'] };
  }
  if (argument !== undefined) {
    const field = ARGUMENT_FIELDS.find((name) => properties[name] && input[name] === undefined);
    if (!field) return `${line}: takes no argument (${argument}); give it as an --option.`;
    input[field] = valueOf(kebab(field), properties[field]!, argument);
  }
  const unknown = Object.keys(values).filter((option) => !GLOBAL.has(option) && !(option in SOURCE_OPTIONS) && values[option] !== undefined && !Object.keys(properties).some((field) => kebab(field) === option));
  if (unknown.length) return `${line}: has no ${unknown.map((option) => `--${option}`).join(', ')} (it takes ${Object.keys(properties).map((field) => `--${kebab(field)}`).join(', ')}).`;
  return { tool: tool.name, input, read: isReadTool(tool) };
}

/** A tool made by defineReadTool: printed at once rather than run as a one-step plan. */
const isReadTool = (tool: ToolDefinition): boolean => !tool.inspect && !tool.undo && tool.idempotent && tool.describeChange(undefined) === 'nothing (read only)';
