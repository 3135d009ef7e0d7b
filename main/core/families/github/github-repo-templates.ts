import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { findAssetDir } from '../../resources';
import { renderWorkflow } from './github-workflow-compose';

// The repository templates Reign ships (`templates/repos/<id>/`, described by templates.json).
// A template's files carry `{{placeholder}}`s filled from the new repository's name, owner and
// description and the template's own variables; its CI workflow is composed from the family's
// workflow templates when the repository is created, so it never drifts from them.

export const repoTemplateIds = ['microservice', 'library', 'monorepo', 'documentation'] as const;
export type RepoTemplateId = (typeof repoTemplateIds)[number];

/** Licences GitHub writes itself (`license_template`), with the SPDX id package files name. */
export const repoLicences = { mit: 'MIT', 'apache-2.0': 'Apache-2.0', 'bsd-3-clause': 'BSD-3-Clause', 'mpl-2.0': 'MPL-2.0', 'gpl-3.0': 'GPL-3.0-only', unlicense: 'Unlicense', none: 'UNLICENSED' } as const;
export type RepoLicence = keyof typeof repoLicences;

export interface RepoTemplateVariable {
  readonly name: string;
  readonly default: string;
  readonly description: string;
}

export interface RepoTemplate {
  readonly id: RepoTemplateId;
  readonly title: string;
  readonly description: string;
  readonly folder: string;
  /** Files of the template, relative to its folder, sorted. */
  readonly files: readonly string[];
  readonly variables: readonly RepoTemplateVariable[];
  /** Workflow template ids composed into `.github/workflows/ci.yml`; empty for none. */
  readonly workflows: readonly string[];
  /** The workflow's variables, with placeholders of the template's values. */
  readonly workflowValues: Readonly<Record<string, string>>;
}

export interface RepoFile {
  readonly path: string;
  readonly content: string;
}

/** What a template is rendered for. */
export interface RepoTemplateInput {
  readonly owner: string;
  readonly name: string;
  readonly description?: string;
  readonly license?: RepoLicence;
  /** The new repository's default branch (known once GitHub made it; `main` before). */
  readonly defaultBranch?: string;
  /** Values of the template's own variables. */
  readonly values?: Readonly<Record<string, string>>;
}

export const CI_WORKFLOW_PATH = '.github/workflows/ci.yml';

const catalogue = z.array(
  z
    .object({
      id: z.enum(repoTemplateIds),
      title: z.string().min(1),
      description: z.string().min(1),
      variables: z.record(z.string(), z.object({ default: z.string(), description: z.string().min(1) }).strict()),
      workflows: z.array(z.string()),
      workflowValues: z.record(z.string(), z.string()),
    })
    .strict(),
);

export const repoTemplatesRoot = (): string => join(findAssetDir('templates'), 'repos');

/** Every template, in the order templates.json lists them. `root` is for tests. */
export function repoTemplates(root = repoTemplatesRoot()): RepoTemplate[] {
  const listing = join(root, 'templates.json');
  if (!existsSync(listing)) throw new Error(`The repository templates' catalogue ${listing} is missing; the installation is incomplete.`);
  const parsed = catalogue.safeParse(JSON.parse(readFileSync(listing, 'utf8')));
  if (!parsed.success) throw new Error(`${listing} is not a list of { id, title, description, variables, workflows, workflowValues }: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`);
  return parsed.data.map((entry) => {
    const folder = join(root, entry.id);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`${listing} lists "${entry.id}", but there is no folder ${folder}.`);
    const variables = Object.entries(entry.variables).map(([name, variable]) => ({ name, ...variable }));
    return { ...entry, folder, files: filesUnder(folder), variables };
  });
}

export function repoTemplate(id: string, root = repoTemplatesRoot()): RepoTemplate {
  const templates = repoTemplates(root);
  const template = templates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`There is no repository template "${id}"; templates: ${templates.map((candidate) => candidate.id).join(', ')}.`);
  return template;
}

/** The repository name as an npm package name: lower case, only what npm takes. */
export function npmName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return cleaned || 'package';
}

/**
 * The template's files with every placeholder filled, then its CI workflow when it has one.
 * A value given for a variable the template does not have, or a placeholder nothing fills, is an
 * error naming it: a file is never committed with `{{…}}` left in it.
 */
export function renderRepoTemplate(id: string, input: RepoTemplateInput, root = repoTemplatesRoot()): RepoFile[] {
  const template = repoTemplate(id, root);
  const values = templateValues(template, input);
  const files = template.files.map((path) => ({ path, content: fill(readFileSync(join(template.folder, path), 'utf8'), values, path) }));
  if (!template.workflows.length) return files;
  const workflowValues = Object.fromEntries(Object.entries(template.workflowValues).map(([name, value]) => [name, fill(value, values, `${listingName} workflowValues.${name}`)]));
  const workflow = renderWorkflow({ templates: template.workflows, values: workflowValues, defaultBranch: values.defaultBranch, name: 'CI' });
  return [...files.filter((file) => file.path !== CI_WORKFLOW_PATH), { path: CI_WORKFLOW_PATH, content: workflow.content }];
}

const listingName = 'templates.json';

/** Built-in values, then the template's variables (their defaults may use the built-ins). */
export function templateValues(template: RepoTemplate, input: RepoTemplateInput): Record<string, string> {
  const given = input.values ?? {};
  const known = new Set(template.variables.map((variable) => variable.name));
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length) throw new Error(`The ${template.id} template has no variable ${unknown.join(', ')}; its variables are ${[...known].join(', ') || 'none'}.`);
  const builtIn: Record<string, string> = {
    name: input.name,
    owner: input.owner,
    description: input.description?.trim() || `${input.name}, created from Reign's ${template.id} template.`,
    packageName: npmName(input.name),
    scope: input.owner.toLowerCase(),
    license: repoLicences[input.license ?? 'none'],
    defaultBranch: input.defaultBranch ?? 'main',
  };
  const values = { ...builtIn };
  for (const variable of template.variables) {
    const value = given[variable.name] ?? fill(variable.default, builtIn, `${listingName} ${template.id}.${variable.name}`);
    if (!value.trim() || /[\r\n]/.test(value)) throw new Error(`${variable.name} must be a one-line value (got ${JSON.stringify(value)}).`);
    values[variable.name] = value;
  }
  for (const [name, value] of Object.entries(values)) {
    if (/[\r\n]/.test(value)) throw new Error(`${name} must be one line: it is written into the template's files.`);
  }
  return values;
}

// `{{name}}`, never `${{ … }}` (a GitHub Actions expression in a file) nor `${…}` (JavaScript).
const PLACEHOLDER = /(?<!\$)\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Fills the placeholders of one file; in JSON and YAML a value is escaped as a JSON string's content. */
export function fill(text: string, values: Readonly<Record<string, string>>, where: string): string {
  const escaped = /\.(json|ya?ml)$/.test(where);
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${where} has the placeholder {{${name}}}, which no value fills (known: ${Object.keys(values).join(', ')}).`);
    return escaped ? JSON.stringify(value).slice(1, -1) : value;
  });
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(folder, path).split(sep).join('/'));
    }
  };
  walk(folder);
  return found.sort();
}
