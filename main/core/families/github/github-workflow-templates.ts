import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { z } from 'zod';
import { findAssetDir } from '../../resources';

// The GitHub Actions workflow templates Reign ships (`templates/workflows/<language>/<stage>.yml`,
// described by templates.json). What a person is shown about a template beyond its title (its
// variables with their defaults and descriptions, the secrets and jobs it uses) is read from the
// workflow file itself, so the list cannot disagree with what gets committed.

export const workflowLanguages = ['node', 'python', 'go', 'java', 'docker-image'] as const;
export type WorkflowLanguage = (typeof workflowLanguages)[number];
export const workflowLanguageTitles: Readonly<Record<WorkflowLanguage, string>> = { node: 'Node.js', python: 'Python', go: 'Go', java: 'Java', 'docker-image': 'Docker image' };

/** Checks run on every push and pull request; deliveries (deploys, releases) run after them when composed. */
export const workflowStages = ['build', 'test', 'security-scan', 'deploy-staging', 'deploy-production', 'release'] as const;
export type WorkflowStage = (typeof workflowStages)[number];

export interface WorkflowEnvironment {
  readonly name: string;
  /** The environment should require a reviewer's approval before a job using it runs (GitHub's protection rule). */
  readonly requiredReviewers: boolean;
}

export interface WorkflowVariable {
  /** A top-level `env:` key of the workflow, which its steps read. */
  readonly name: string;
  readonly default: string;
  /** The comment above the key in the file. */
  readonly description: string | null;
}

export interface WorkflowTemplate {
  readonly id: string;
  readonly language: WorkflowLanguage;
  readonly stage: WorkflowStage;
  readonly title: string;
  readonly description: string;
  readonly environment: WorkflowEnvironment | null;
  /** The workflow file on disk. */
  readonly file: string;
  readonly variables: readonly WorkflowVariable[];
  /** Repository or environment secrets the workflow reads (not GITHUB_TOKEN, which GitHub provides). */
  readonly secrets: readonly string[];
  readonly jobs: readonly string[];
}

const catalogue = z.array(
  z
    .object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lower-case words joined by dashes: LANGUAGE-STAGE'),
      language: z.enum(workflowLanguages),
      stage: z.enum(workflowStages),
      title: z.string().min(1),
      description: z.string().min(1),
      environment: z.object({ name: z.string().min(1), requiredReviewers: z.boolean() }).strict().optional(),
    })
    .strict(),
);

/** The folder holding templates.json and one folder per language. */
export const workflowTemplatesRoot = (): string => join(findAssetDir('templates'), 'workflows');

/** Every template, in the order templates.json lists them. `root` is for tests. */
export function workflowTemplates(root = workflowTemplatesRoot()): WorkflowTemplate[] {
  const listing = join(root, 'templates.json');
  if (!existsSync(listing)) throw new Error(`The workflow templates' catalogue ${listing} is missing; the installation is incomplete.`);
  const parsed = catalogue.safeParse(JSON.parse(readFileSync(listing, 'utf8')));
  if (!parsed.success) throw new Error(`${listing} is not a list of { id, language, stage, title, description, environment? }: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`);
  return parsed.data.map((entry) => {
    if (entry.id !== `${entry.language}-${entry.stage}`) throw new Error(`${listing}: the template "${entry.id}" should be named ${entry.language}-${entry.stage} (LANGUAGE-STAGE).`);
    const file = join(root, entry.language, `${entry.stage}.yml`);
    if (!existsSync(file)) throw new Error(`${listing} lists "${entry.id}", but there is no file ${file}.`);
    return { ...entry, environment: entry.environment ?? null, file, ...describeFile(file) };
  });
}

export function workflowTemplate(id: string, root = workflowTemplatesRoot()): WorkflowTemplate {
  const templates = workflowTemplates(root);
  const template = templates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`There is no workflow template "${id}"; templates: ${templates.map((candidate) => candidate.id).join(', ')}.`);
  return template;
}

/** Variables, secrets and jobs, read from the workflow file. */
function describeFile(file: string): Pick<WorkflowTemplate, 'variables' | 'secrets' | 'jobs'> {
  const text = readFileSync(file, 'utf8');
  const document = parseDocument(text);
  if (document.errors.length) throw new Error(`The workflow template ${file} is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  const env = document.get('env');
  const variables: WorkflowVariable[] = [];
  if (isMap(env)) {
    for (const [index, pair] of env.items.entries()) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      // The yaml package keeps the comment above a mapping's first key on the mapping itself.
      const comment = (pair.key.commentBefore ?? (index === 0 ? env.commentBefore : undefined))?.trim() ?? null;
      variables.push({ name: String(pair.key.value), default: isScalar(pair.value) ? String(pair.value.value) : '', description: comment });
    }
  }
  const jobs = document.get('jobs');
  const secrets = [...new Set([...text.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!))].filter((name) => name !== 'GITHUB_TOKEN');
  return { variables, secrets, jobs: isMap(jobs) ? jobs.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : [])) : [] };
}
