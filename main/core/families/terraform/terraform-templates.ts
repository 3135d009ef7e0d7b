import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { findAssetDir } from '../../resources';
import { resolveInWorkspace } from '../../tools/workspace-paths';

// The Terraform module library Reign ships (`templates/terraform/<id>/`, described by
// templates.json). Everything a person is shown about a template (its variables, their types,
// defaults and descriptions, its outputs) is read from the module's own files, so the list can
// never disagree with what `terraform plan` will ask for.

export type TerraformCloud = 'aws' | 'azure' | 'gcp';

export interface TerraformVariable {
  readonly name: string;
  /** The type constraint as written (`string`, `map(string)`, `object({…})`), whitespace collapsed; null when untyped. */
  readonly type: string | null;
  readonly description: string | null;
  /** The default as HCL text; null when there is none (then the variable is required) or it is `null`. */
  readonly default: string | null;
  readonly required: boolean;
  readonly sensitive: boolean;
}

export interface TerraformOutput {
  readonly name: string;
  readonly description: string | null;
  readonly sensitive: boolean;
}

export interface TerraformTemplate {
  readonly id: string;
  readonly cloud: TerraformCloud;
  readonly title: string;
  readonly description: string;
  /** The template's folder on disk. */
  readonly folder: string;
  /** Files of the module, relative to its folder, sorted. */
  readonly files: readonly string[];
  readonly variables: readonly TerraformVariable[];
  readonly outputs: readonly TerraformOutput[];
}

/** A value a variable can be given: what terraform.tfvars can hold. */
export type TerraformValue = string | number | boolean | null | readonly TerraformValue[] | { readonly [key: string]: TerraformValue };

export interface RenderedTerraformTemplate {
  readonly template: TerraformTemplate;
  /** The module's files, then terraform.tfvars with the values given. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
  /** Required variables no value was given for: terraform plan will ask for them. */
  readonly missing: readonly string[];
}

const catalogue = z.array(
  z
    .object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lower-case words joined by dashes, the name of its folder'),
      cloud: z.enum(['aws', 'azure', 'gcp']),
      title: z.string().min(1),
      description: z.string().min(1),
    })
    .strict(),
);

/** The folder holding templates.json and one folder per template. */
export const terraformTemplatesRoot = (): string => join(findAssetDir('templates'), 'terraform');

/** Every template, in the order templates.json lists them. `root` is for tests. */
export function terraformTemplates(root = terraformTemplatesRoot()): TerraformTemplate[] {
  const listing = join(root, 'templates.json');
  if (!existsSync(listing)) throw new Error(`The Terraform templates' catalogue ${listing} is missing; the installation is incomplete.`);
  const parsed = catalogue.safeParse(JSON.parse(readFileSync(listing, 'utf8')));
  if (!parsed.success) throw new Error(`${listing} is not a list of { id, cloud, title, description }: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`);
  return parsed.data.map((entry) => {
    const folder = join(root, entry.id);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`${listing} lists "${entry.id}", but there is no folder ${folder}.`);
    const hcl = moduleText(folder);
    return { ...entry, folder, files: filesUnder(folder), variables: variablesOf(hcl), outputs: outputsOf(hcl) };
  });
}

export function terraformTemplate(id: string, root = terraformTemplatesRoot()): TerraformTemplate {
  const templates = terraformTemplates(root);
  const template = templates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`There is no Terraform template "${id}"; templates: ${templates.map((candidate) => candidate.id).join(', ')}.`);
  return template;
}

/**
 * The template's files plus a terraform.tfvars with the values given. Values are checked against
 * the variables' names and types first, so a typo is an error naming the variable rather than a
 * plan that silently ignores it. Sensitive variables are refused: a file in the workspace is no
 * place for a secret.
 */
export function renderTerraformTemplate(id: string, values: Readonly<Record<string, TerraformValue>> = {}, root = terraformTemplatesRoot()): RenderedTerraformTemplate {
  const template = terraformTemplate(id, root);
  const byName = new Map(template.variables.map((variable) => [variable.name, variable]));
  const unknown = Object.keys(values).filter((name) => !byName.has(name));
  if (unknown.length) throw new Error(`The ${id} template has no variable ${unknown.join(', ')}; its variables are ${template.variables.map((variable) => variable.name).join(', ')}.`);
  for (const [name, value] of Object.entries(values)) {
    const variable = byName.get(name)!;
    if (variable.sensitive) throw new Error(`${name} is sensitive, so Reign does not write it into terraform.tfvars; set it in the environment as TF_VAR_${name} instead.`);
    const problem = typeProblem(variable.type, value);
    if (problem) throw new Error(`The ${id} template's variable ${name} (${variable.type}) ${problem}.`);
  }
  const missing = template.variables.filter((variable) => variable.required && !(variable.name in values)).map((variable) => variable.name);
  const files = template.files.map((path) => ({ path, content: readFileSync(join(template.folder, path), 'utf8') }));
  return { template, files: [...files.filter((file) => file.path !== 'terraform.tfvars'), { path: 'terraform.tfvars', content: tfvars(template, values, missing) }], missing };
}

/**
 * Writes a rendered template into `folder` (relative to the workspace), which must not exist or
 * be empty: copying over someone's configuration would mix two modules into one.
 */
export async function copyTerraformTemplate(options: { readonly template: string; readonly workspace: string; readonly folder: string; readonly values?: Readonly<Record<string, TerraformValue>>; readonly root?: string }): Promise<{ readonly folder: string; readonly files: readonly string[]; readonly missing: readonly string[] }> {
  const rendered = renderTerraformTemplate(options.template, options.values, options.root);
  const folder = options.folder.replace(/\/+$/, '');
  const target = resolveInWorkspace(options.workspace, folder);
  const present = await readdir(target).catch(() => null);
  if (present?.length) throw new Error(`${folder}/ already exists and is not empty; pick another folder for the ${options.template} template, or empty it first.`);
  const written: string[] = [];
  for (const file of rendered.files) {
    const absolute = resolveInWorkspace(options.workspace, `${folder}/${file.path}`);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, file.content, { flag: 'wx' });
    written.push(`${folder}/${file.path}`);
  }
  return { folder, files: written, missing: rendered.missing };
}

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split(sep).join('/')];
    })
    .sort();
}

/** The module's .tf files (the top folder only, as Terraform reads a module), joined. */
function moduleText(folder: string): string {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.tf'))
    .sort()
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('\n');
}

// ---- A small reader for the top-level blocks of HCL: enough for variable and output blocks. ----

/**
 * The text with comments blanked and, when `strings` is set, the contents of quoted strings and
 * heredocs too (interpolations stay), same length and line breaks, so braces and `=` can be found
 * by position without being fooled by a `{` inside a description.
 */
export function maskHcl(text: string, strings: boolean): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let index = from; index < to && index < out.length; index++) if (out[index] !== '\n') out[index] = ' ';
  };
  let at = 0;
  const expression = (insideInterpolation: boolean): void => {
    let depth = 0;
    while (at < text.length) {
      const char = text[at]!;
      const next = text[at + 1];
      if (char === '#' || (char === '/' && next === '/')) {
        const end = text.indexOf('\n', at);
        const stop = end < 0 ? text.length : end;
        blank(at, stop);
        at = stop;
      } else if (char === '/' && next === '*') {
        const end = text.indexOf('*/', at + 2);
        const stop = end < 0 ? text.length : end + 2;
        blank(at, stop);
        at = stop;
      } else if (char === '"') {
        at++;
        quoted();
      } else if (char === '<' && next === '<' && heredoc()) {
        // heredoc() moved past the closing marker
      } else {
        if (char === '{') depth++;
        if (char === '}') {
          if (insideInterpolation && depth === 0) {
            at++;
            return;
          }
          depth--;
        }
        at++;
      }
    }
  };
  const quoted = (): void => {
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"' || char === '\n') {
        at++;
        return;
      }
      if (char === '\\') {
        if (strings) blank(at, at + 2);
        at += 2;
      } else if ((char === '$' || char === '%') && text[at + 1] === char && text[at + 2] === '{') {
        if (strings) blank(at, at + 3); // $${ and %%{ are literal text, not interpolations
        at += 3;
      } else if ((char === '$' || char === '%') && text[at + 1] === '{') {
        at += 2;
        expression(true);
      } else {
        if (strings) out[at] = '_';
        at++;
      }
    }
  };
  const heredoc = (): boolean => {
    const opening = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(at, at + 120));
    if (!opening) return false;
    const bodyStart = at + opening[0].length;
    const closing = new RegExp(`^[ \\t]*${opening[1]}[ \\t]*$`, 'm');
    const match = closing.exec(text.slice(bodyStart));
    const bodyEnd = match ? bodyStart + match.index : text.length;
    if (strings) blank(bodyStart, bodyEnd);
    at = match ? bodyEnd + match[0].length : text.length;
    return true;
  };
  expression(false);
  return out.join('');
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  /** The text between the block's braces. */
  readonly body: string;
  /** 1-based line of the block's header. */
  readonly line: number;
}

/** The blocks at the top level of a file (resource, variable, output, locals…), nested ones not split out. */
export function topLevelBlocks(text: string): HclBlock[] {
  const masked = maskHcl(text, true);
  const header = /[ \t]*([A-Za-z_][\w-]*)(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/y;
  const blocks: HclBlock[] = [];
  let depth = 0;
  for (let at = 0; at < masked.length; at++) {
    if (depth === 0 && (at === 0 || masked[at - 1] === '\n')) {
      header.lastIndex = at;
      const match = header.exec(masked);
      if (match) {
        const open = at + match[0].length - 1;
        const close = matchingBrace(masked, open);
        // The masked text hides what the labels say; the original has them at the same place.
        const words = [...text.slice(at, open).matchAll(/"([^"\n]*)"|([A-Za-z_][\w-]*)/g)].map((word) => word[1] ?? word[2]!);
        blocks.push({ type: match[1]!, labels: words.slice(1), body: text.slice(open + 1, close), line: text.slice(0, at).split('\n').length });
        at = close;
        continue;
      }
    }
    const char = masked[at];
    if (char === '{' || char === '(' || char === '[') depth++;
    if (char === '}' || char === ')' || char === ']') depth--;
  }
  return blocks;
}

function matchingBrace(masked: string, open: number): number {
  let depth = 0;
  for (let at = open; at < masked.length; at++) {
    const char = masked[at];
    if (char === '{' || char === '(' || char === '[') depth++;
    if (char === '}' || char === ')' || char === ']') depth--;
    if (depth === 0) return at;
  }
  return masked.length;
}

/** The attributes directly in a block body (`name = expression`), each expression as written, trimmed. */
export function attributesOf(body: string): Map<string, string> {
  const masked = maskHcl(body, true);
  const attributes = new Map<string, string>();
  const name = /[ \t]*([A-Za-z_][\w-]*)[ \t]*=(?!=)/y;
  let depth = 0;
  for (let at = 0; at < masked.length; at++) {
    if (depth === 0 && (at === 0 || masked[at - 1] === '\n')) {
      name.lastIndex = at;
      const match = name.exec(masked);
      if (match) {
        let end = at + match[0].length;
        for (let inner = 0; end < masked.length; end++) {
          const char = masked[end];
          if (char === '\n' && inner === 0) break;
          if (char === '{' || char === '(' || char === '[') inner++;
          if (char === '}' || char === ')' || char === ']') inner--;
        }
        attributes.set(match[1]!, body.slice(at + match[0].length, end).trim());
        at = end;
        continue;
      }
    }
    const char = masked[at];
    if (char === '{' || char === '(' || char === '[') depth++;
    if (char === '}' || char === ')' || char === ']') depth--;
  }
  return attributes;
}

/** For display: a multi-line expression on one line, with the commas HCL needs there between attributes and the alignment spaces of `terraform fmt` dropped. */
export function oneLineHcl<T extends string | undefined>(expression: T): T {
  return expression
    ?.replace(/([{([])[ \t]*\r?\n\s*/g, '$1 ')
    .replace(/\s*\n\s*([})\]])/g, ' $1')
    .replace(/,?[ \t]*\r?\n\s*/g, ', ')
    .replace(/[ \t]{2,}=/g, ' =') as T;
}

/** The text of a quoted HCL string literal, or null for anything else (an expression, a heredoc). */
function stringLiteral(expression: string | undefined): string | null {
  if (!expression || !/^"(?:[^"\\]|\\.)*"$/.test(expression)) return null;
  try {
    return (JSON.parse(expression) as string).replace(/([$%])\1\{/g, (_, sign: string) => `${sign}{`);
  } catch {
    return expression.slice(1, -1);
  }
}

export function variablesOf(hcl: string): TerraformVariable[] {
  return topLevelBlocks(hcl)
    .filter((block) => block.type === 'variable' && block.labels.length === 1)
    .map((block) => {
      const attributes = attributesOf(block.body);
      const fallback = attributes.get('default');
      return {
        name: block.labels[0]!,
        type: oneLineHcl(attributes.get('type')) ?? null,
        description: stringLiteral(attributes.get('description')),
        default: fallback === undefined || fallback === 'null' ? null : fallback,
        required: fallback === undefined,
        sensitive: attributes.get('sensitive') === 'true',
      };
    });
}

export function outputsOf(hcl: string): TerraformOutput[] {
  return topLevelBlocks(hcl)
    .filter((block) => block.type === 'output' && block.labels.length === 1)
    .map((block) => {
      const attributes = attributesOf(block.body);
      return { name: block.labels[0]!, description: stringLiteral(attributes.get('description')), sensitive: attributes.get('sensitive') === 'true' };
    });
}

/** Names a module refers to as `var.NAME`, outside comments (inside strings' interpolations too). */
export function variableReferences(hcl: string): string[] {
  return [...new Set([...maskHcl(hcl, false).matchAll(/(?<![\w.])var\.([A-Za-z_][\w-]*)/g)].map((match) => match[1]!))].sort();
}

// ---- terraform.tfvars ----

/** Why a value does not fit a variable's type, or null when it does (or the type is too rich to check here). */
function typeProblem(type: string | null, value: TerraformValue): string | null {
  if (value === null || !type || type === 'any') return null;
  const kind = /^(\w+)/.exec(type)?.[1];
  const is = (wanted: string, ok: boolean): string | null => (ok ? null : `takes ${wanted}; got ${JSON.stringify(value)}`);
  if (kind === 'string') return is('a string', typeof value === 'string');
  if (kind === 'number') return is('a number', typeof value === 'number' && Number.isFinite(value));
  if (kind === 'bool') return is('true or false', typeof value === 'boolean');
  if (kind === 'list' || kind === 'set' || kind === 'tuple') return is('a list', Array.isArray(value));
  if (kind === 'map' || kind === 'object') return is('an object', typeof value === 'object' && !Array.isArray(value));
  return null;
}

/** A value as an HCL expression on one line. `${` and `%{` are escaped so a value is never a template. */
export function hclValue(value: TerraformValue): string {
  if (value === null) return 'null';
  // A function replacement: in a replacement string, `$$` would itself mean one `$`.
  if (typeof value === 'string') return JSON.stringify(value).replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} is not a number Terraform can hold.`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(hclValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, TerraformValue>);
  if (!entries.length) return '{}';
  return `{ ${entries.map(([key, item]) => `${/^[A-Za-z_][\w-]*$/.test(key) ? key : hclValue(key)} = ${hclValue(item)}`).join(', ')} }`;
}

/** terraform.tfvars as `terraform fmt` writes it: one aligned group of the values given, then the required ones still to set, commented out. */
function tfvars(template: TerraformTemplate, values: Readonly<Record<string, TerraformValue>>, missing: readonly string[]): string {
  const given = template.variables.filter((variable) => variable.name in values);
  const width = Math.max(0, ...given.map((variable) => variable.name.length));
  const lines = [`# Values for the ${template.title} template (${template.id}). Variables not set here take the defaults in variables.tf.`];
  if (given.length) lines.push('', ...given.map((variable) => `${variable.name.padEnd(width)} = ${hclValue(values[variable.name]!)}`));
  if (missing.length) {
    lines.push('', '# Required, still to set:');
    for (const name of missing) {
      const variable = template.variables.find((candidate) => candidate.name === name)!;
      lines.push(`# ${name} = ${variable.type ?? 'any'}${variable.description ? ` (${variable.description})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
