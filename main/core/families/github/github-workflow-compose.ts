import { readFileSync } from 'node:fs';
import { Document, isMap, isPair, isScalar, isSeq, type Node, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { type WorkflowEnvironment, type WorkflowStage, type WorkflowTemplate, workflowLanguageTitles, workflowTemplates, workflowTemplatesRoot } from './github-workflow-templates';

// One workflow file from one or more templates. Each template is a whole workflow that passes the
// checks on its own; composing merges their triggers, variables and jobs, and makes the deliveries
// (deploys, releases) wait for the checks (build, test, scan). Each delivery job has its own `if:`
// (a push to the default branch, a dispatch, a version tag), so the union of triggers never runs
// one at the wrong time.

const CHECKS: ReadonlySet<WorkflowStage> = new Set(['build', 'test', 'security-scan']);
const TEMPLATE_BRANCH = 'main';

export interface WorkflowRenderOptions {
  /** Template ids (`node-build`, `node-test`, …), in any order: they are laid out in stage order. */
  readonly templates: readonly string[];
  /** Values for the templates' variables (their top-level `env:` keys), e.g. { NODE_VERSION: '20' }. */
  readonly values?: Readonly<Record<string, string>>;
  /** The repository's default branch, which replaces the templates' `main` in branch filters. */
  readonly defaultBranch?: string;
  /** The workflow's `name:`; by default the template's own, or the templates' titles. */
  readonly name?: string;
  readonly root?: string;
}

export interface RenderedWorkflow {
  /** Where the file goes in the repository: `.github/workflows/<name>.yml`. */
  readonly path: string;
  readonly content: string;
  readonly templates: readonly string[];
  /** Environments the jobs deploy to; one with requiredReviewers needs that protection rule set. */
  readonly environments: readonly WorkflowEnvironment[];
  /** Secrets the workflow reads, which must exist before it runs. */
  readonly secrets: readonly string[];
}

export function renderWorkflow(options: WorkflowRenderOptions): RenderedWorkflow {
  const all = workflowTemplates(options.root ?? workflowTemplatesRoot());
  const chosen = chooseTemplates(all, options.templates);
  const values = options.values ?? {};
  const known = new Set(chosen.flatMap((template) => template.variables.map((variable) => variable.name)));
  const unknown = Object.keys(values).filter((name) => !known.has(name));
  if (unknown.length) throw new Error(`The chosen templates have no variable ${unknown.join(', ')}; their variables are ${[...known].join(', ') || 'none'}.`);
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' || !value.trim() || /[\r\n]/.test(value)) throw new Error(`${name} must be a one-line value (got ${JSON.stringify(value)}).`);
  }
  const branch = options.defaultBranch;
  if (branch !== undefined && (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.includes('..') || branch.startsWith('/') || branch.endsWith('/'))) throw new Error(`"${branch}" is not a branch name (letters, digits, . _ / - only).`);

  const document = chosen.length === 1 ? single(chosen[0]!) : composed(chosen, options.name);
  if (chosen.length === 1 && options.name) document.set('name', options.name);
  for (const [name, value] of Object.entries(values)) {
    const env = document.get('env', true);
    if (isMap(env)) env.set(name, new Scalar(value));
  }
  if (branch) renameBranch(document, TEMPLATE_BRANCH, branch);
  // nullStr: an event without settings reads `workflow_dispatch:`, as people write it.
  const content = document.toString({ lineWidth: 0, nullStr: '' });
  const fileName = chosen.length === 1 ? chosen[0]!.id : `${[...new Set(chosen.map((template) => template.language))].join('-')}-${chosen.some((template) => !CHECKS.has(template.stage)) ? 'ci-cd' : 'ci'}`;
  return {
    path: `.github/workflows/${fileName}.yml`,
    content,
    templates: chosen.map((template) => template.id),
    environments: environmentsOf(chosen),
    secrets: [...new Set(chosen.flatMap((template) => template.secrets))],
  };
}

/** One entry per environment; it needs reviewers when any template deploying to it asks for them. */
function environmentsOf(templates: readonly WorkflowTemplate[]): WorkflowEnvironment[] {
  const byName = new Map<string, WorkflowEnvironment>();
  for (const { environment } of templates) {
    if (!environment) continue;
    const seen = byName.get(environment.name);
    byName.set(environment.name, { name: environment.name, requiredReviewers: environment.requiredReviewers || Boolean(seen?.requiredReviewers) });
  }
  return [...byName.values()];
}

function chooseTemplates(all: readonly WorkflowTemplate[], ids: readonly string[]): WorkflowTemplate[] {
  if (!ids.length) throw new Error(`Name at least one workflow template; templates: ${all.map((template) => template.id).join(', ')}.`);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length) throw new Error(`The template ${duplicates[0]} is named twice.`);
  const missing = ids.filter((id) => !all.some((template) => template.id === id));
  if (missing.length) throw new Error(`There is no workflow template ${missing.map((id) => `"${id}"`).join(', ')}; templates: ${all.map((template) => template.id).join(', ')}.`);
  // Stage order (checks before deliveries), then the catalogue's order.
  return all.filter((template) => ids.includes(template.id));
}

function single(template: WorkflowTemplate): Document {
  return parseDocument(readFileSync(template.file, 'utf8'));
}

function composed(templates: readonly WorkflowTemplate[], name: string | undefined): Document {
  const documents = templates.map((template) => ({ template, document: parseDocument(readFileSync(template.file, 'utf8')) }));
  const result = new Document(new YAMLMap());
  result.commentBefore = [
    ` Composed by Reign from the workflow templates ${templates.map((template) => template.id).join(', ')}.`,
    ' Checks (build, test, scans) run on pushes and pull requests; deploys and releases wait for them',
    ' and run only when their own condition holds. Actions are pinned to full commit SHAs (the',
    ' version in the comment); the token is read-only unless a job says otherwise.',
  ].join('\n');
  const languages = [...new Set(templates.map((template) => workflowLanguageTitles[template.language]))].join(' + ');
  result.set('name', name ?? `${languages} ${templates.some((template) => !CHECKS.has(template.stage)) ? 'CI/CD' : 'CI'}`);
  result.set('on', result.createNode(documents.reduce<Record<string, unknown>>((on, { template, document }) => mergeTriggers(on, normaliseTriggers(document.toJS().on), template.id), {})));

  // The common top-level permissions stay at the top; a template whose differ hands its own to
  // each of its jobs that has none, so no job gets more than its template gave it.
  const permissions = documents.map(({ document }) => JSON.stringify(document.toJS().permissions ?? null));
  const top = permissions[0]!;
  if (top !== 'null') result.set('permissions', result.createNode(JSON.parse(top)));

  const env = new YAMLMap();
  const envFrom = new Map<string, string>();
  const jobs = new YAMLMap();
  const gates: string[] = [];
  for (const [index, { template, document }] of documents.entries()) {
    const templateEnv = document.get('env', true);
    if (isMap(templateEnv)) {
      for (const [position, pair] of templateEnv.items.entries()) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const value = isScalar(pair.value) ? String(pair.value.value) : JSON.stringify(pair.value);
        const previous = envFrom.get(key);
        if (previous === undefined) {
          const keyNode = (pair.key as Scalar).clone() as Scalar;
          // The comment above a mapping's first key is kept on the mapping: it describes this key.
          if (position === 0 && templateEnv.commentBefore && !keyNode.commentBefore) keyNode.commentBefore = templateEnv.commentBefore;
          env.items.push(new Pair(keyNode, (pair.value as Node).clone()));
          envFrom.set(key, value);
        } else if (previous !== value) throw new Error(`The templates disagree on ${key} (${previous} and ${value} in ${template.id}); compose them into separate workflows.`);
      }
    }
    const templateJobs = document.get('jobs', true);
    if (!isMap(templateJobs)) continue;
    for (const pair of templateJobs.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value)) continue;
      const original = String(pair.key.value);
      const id = jobs.has(original) ? `${template.language}-${original}` : original;
      if (jobs.has(id)) throw new Error(`Two templates have a job named ${id} (the second is in ${template.id}); compose them into separate workflows.`);
      const job = pair.value.clone() as YAMLMap;
      if (permissions[index] !== top && !job.has('permissions')) job.set('permissions', result.createNode(JSON.parse(permissions[index]!) ?? {}));
      if (CHECKS.has(template.stage)) {
        // A job with its own condition (dependency review: pull requests only) is skipped on
        // other events, and a job that needs a skipped one is skipped too: it is no gate.
        if (!job.has('if')) gates.push(id);
      } else if (gates.length && !job.has('needs')) {
        insertAfter(job, 'name', new Pair(new Scalar('needs'), result.createNode([...gates])));
      }
      const key = (pair.key as Scalar).clone() as Scalar;
      key.value = id;
      jobs.items.push(new Pair(key, job));
    }
  }
  if (env.items.length) result.set('env', env);
  result.set('jobs', jobs);
  return result;
}

type Triggers = Record<string, unknown>;

/** `on: push`, `on: [push, pull_request]` and `on: { push: … }` as one shape. */
function normaliseTriggers(on: unknown): Triggers {
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((event) => [String(event), null]));
  return typeof on === 'object' && on !== null ? (on as Triggers) : {};
}

/**
 * The union of two templates' triggers: an event either starts with its filters joined (branches
 * of one, tags of the other), or, when one of them has no filter of a kind, with none of that kind.
 */
function mergeTriggers(into: Triggers, from: Triggers, templateId: string): Triggers {
  const merged: Triggers = { ...into };
  for (const [event, config] of Object.entries(from)) {
    if (!(event in merged)) {
      merged[event] = config;
      continue;
    }
    const a = merged[event];
    if (event === 'schedule') {
      const crons = [...(Array.isArray(a) ? a : []), ...(Array.isArray(config) ? config : [])];
      merged[event] = crons.filter((entry, index) => crons.findIndex((other) => JSON.stringify(other) === JSON.stringify(entry)) === index);
      continue;
    }
    merged[event] = mergeEvent(event, (a ?? {}) as Record<string, unknown>, (config ?? {}) as Record<string, unknown>, templateId);
  }
  return merged;
}

function mergeEvent(event: string, a: Record<string, unknown>, b: Record<string, unknown>, templateId: string): Record<string, unknown> | null {
  for (const key of [...Object.keys(a), ...Object.keys(b)]) {
    if (key.endsWith('-ignore')) throw new Error(`${templateId} filters ${event} with ${key}, which cannot be merged with another template's filters; compose them into separate workflows.`);
  }
  const out: Record<string, unknown> = {};
  // Refs: a side with neither branches nor tags starts on every ref, so the union does too.
  const refsA = 'branches' in a || 'tags' in a;
  const refsB = 'branches' in b || 'tags' in b;
  if (refsA && refsB) for (const kind of ['branches', 'tags']) union(out, kind, a[kind], b[kind]);
  for (const kind of ['paths', 'types']) if (kind in a && kind in b) union(out, kind, a[kind], b[kind]);
  for (const [key, value] of Object.entries({ ...a, ...b })) {
    if (['branches', 'tags', 'paths', 'types'].includes(key)) continue;
    if (key in a && key in b && JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      if (key === 'inputs' && typeof a[key] === 'object' && typeof b[key] === 'object') {
        out[key] = mergeInputs(a[key] as Record<string, unknown>, b[key] as Record<string, unknown>, templateId);
        continue;
      }
      throw new Error(`${templateId} sets ${event}.${key} differently from another template; compose them into separate workflows.`);
    }
    out[key] = value;
  }
  return Object.keys(out).length ? out : null;
}

function mergeInputs(a: Record<string, unknown>, b: Record<string, unknown>, templateId: string): Record<string, unknown> {
  for (const key of Object.keys(b)) if (key in a && JSON.stringify(a[key]) !== JSON.stringify(b[key])) throw new Error(`${templateId} declares the input ${key} differently from another template.`);
  return { ...a, ...b };
}

function union(out: Record<string, unknown>, kind: string, a: unknown, b: unknown): void {
  const list = [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])];
  if (list.length) out[kind] = [...new Set(list)];
}

function insertAfter(map: YAMLMap, key: string, pair: Pair): void {
  const at = map.items.findIndex((item) => isScalar(item.key) && item.key.value === key);
  map.items.splice(at + 1, 0, pair);
}

/** The templates' branch filters name `main`; a repository's default branch may be another. */
function renameBranch(document: Document, from: string, to: string): void {
  const on = document.get('on', true);
  if (!isMap(on)) return;
  for (const pair of on.items) {
    if (!isMap(pair.value)) continue;
    const branches = pair.value.get('branches', true);
    if (!isSeq(branches)) continue;
    for (const [index, item] of (branches as YAMLSeq).items.entries()) {
      if (isScalar(item) && item.value === from) (branches as YAMLSeq).items[index] = new Scalar(to);
    }
  }
}
