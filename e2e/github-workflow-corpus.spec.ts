import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorkflow, type WorkflowCheck } from '../main/core/families/github/github-workflow-check';
import { renderWorkflow } from '../main/core/families/github/github-workflow-compose';
import { workflowLanguages, workflowStages, workflowTemplates } from '../main/core/families/github/github-workflow-templates';
import { actionlintPeer } from './fixtures/actionlint';
import { requireInfrastructure } from './fixtures/infrastructure';
import { repoRoot } from './fixtures/serve-process';
import { textTable } from './fixtures/text-table';

// The workflow corpus beside the checkout (../shared/corpora/workflows, described by its
// README.txt): GitHub's starter workflows (actions/starter-workflows), and SchemaStore's own test
// files for the workflow schema: valid ones, and must-fail ones the schema's authors wrote to be
// refused. Every file goes through Reign's whole check (YAML, schema, actionlint, risky patterns).
//
// actionlint runs with its shellcheck and pyflakes integrations off, so the figures do not depend
// on what else the machine has installed. The starter workflows get GitHub's template tokens
// filled in first (asUsed).

const corpus = resolve(repoRoot, '..', 'shared', 'corpora', 'workflows');
const templatesRoot = resolve(repoRoot, 'templates', 'workflows');
const corpusProblem = existsSync(join(corpus, 'README.txt')) ? null : `the workflow corpus is not at ${corpus} (CI puts shared/ beside the checkout)`;

const filesIn = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
    : [];

async function check(text: string, binary: string): Promise<WorkflowCheck> {
  const result = await checkWorkflow(text, { actionlint: { binary, scriptLinters: false } });
  if (!result.actionlint.ran) throw new Error(`actionlint did not run: ${result.actionlint.reason}`);
  return result;
}

/**
 * A starter workflow as a repository gets it: GitHub swaps in the default branch and a schedule for
 * these tokens when someone adds the template (`$codeql-languages-matrix`, filled from the
 * repository's languages, is left as it is: there is no repository to take them from).
 */
const asUsed = (text: string): string => text.replaceAll('$default-branch', 'main').replaceAll('$cron-weekly', "'17 4 * * 1'").replaceAll('$cron-daily', "'17 4 * * *'");

const errorsFrom = (result: WorkflowCheck, ...sources: string[]): number => result.problems.filter((problem) => problem.severity === 'error' && sources.includes(problem.source)).length;

describe('the workflow corpus through Reign\'s workflow check', () => {
  it('counts the starter workflows that pass the schema and actionlint', async (context) => {
    requireInfrastructure(context, corpusProblem, 'The shared workflow corpus');
    const { binary, problem } = actionlintPeer();
    requireInfrastructure(context, problem, 'actionlint (.ci/peers/actionlint.sh)');
    const starter = join(corpus, 'starter-workflows');
    const categories = readdirSync(starter).sort();
    const rows: (string | number)[][] = [];
    const totals = { files: 0, yaml: 0, schema: 0, actionlint: 0, both: 0, riskErrors: 0, riskWarnings: 0 };
    const actionlintKinds = new Map<string, number>();
    const riskRules = new Map<string, number>();
    const schemaRefused: string[] = [];
    for (const category of categories) {
      const counts = { files: 0, yaml: 0, schema: 0, actionlint: 0, both: 0, riskErrors: 0, riskWarnings: 0 };
      for (const name of filesIn(join(starter, category))) {
        const text = asUsed(readFileSync(join(starter, category, name), 'utf8'));
        const result = await check(text, binary!);
        const yamlOk = errorsFrom(result, 'yaml') === 0;
        const schemaOk = yamlOk && errorsFrom(result, 'schema') === 0;
        const actionlintOk = errorsFrom(result, 'actionlint') === 0;
        counts.files += 1;
        counts.yaml += Number(yamlOk);
        counts.schema += Number(schemaOk);
        counts.actionlint += Number(actionlintOk);
        counts.both += Number(schemaOk && actionlintOk);
        counts.riskErrors += Number(result.problems.some((found) => found.source === 'risk' && found.severity === 'error'));
        counts.riskWarnings += Number(result.problems.some((found) => found.source === 'risk' && found.severity === 'warning'));
        if (yamlOk && !schemaOk) schemaRefused.push(`${category}/${name}: ${result.problems.find((found) => found.source === 'schema')!.message}`);
        for (const found of result.problems) {
          if (found.source === 'actionlint') actionlintKinds.set(found.rule, (actionlintKinds.get(found.rule) ?? 0) + 1);
          if (found.source === 'risk') riskRules.set(`${found.rule} (${found.severity})`, (riskRules.get(`${found.rule} (${found.severity})`) ?? 0) + 1);
        }
      }
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counts[key];
      rows.push([category, counts.files, counts.yaml, counts.schema, counts.actionlint, counts.both, counts.riskErrors, counts.riskWarnings]);
    }
    rows.push(['all', totals.files, totals.yaml, totals.schema, totals.actionlint, totals.both, totals.riskErrors, totals.riskWarnings]);
    console.log(`Starter workflows (actions/starter-workflows), each checked by Reign:\n${textTable(['category', 'files', 'YAML ok', 'schema ok', 'actionlint ok', 'both ok', 'risk errors', 'risk warnings'], rows)}`);
    const byCount = (map: Map<string, number>): (string | number)[][] => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, count]) => [rule, count]);
    console.log(`Refused by the schema (template placeholders left empty):\n${schemaRefused.join('\n')}`);
    console.log(`What actionlint found:\n${textTable(['kind', 'findings'], byCount(actionlintKinds))}`);
    console.log(`Risky patterns found:\n${textTable(['rule', 'findings'], byCount(riskRules))}`);

    expect(totals.files).toBeGreaterThan(0);
    // The README names two files that are not YAML (an unquoted `{{ groupId }}` placeholder): refused, not crashed on.
    expect(totals.files - totals.yaml).toBe(['nowsecure.yml', 'nowsecure-mobile-sbom.yml'].filter((name) => existsSync(join(starter, 'code-scanning', name))).length);
  });

  it('refuses every must-fail test file, and accepts SchemaStore\'s valid ones against the schema', async (context) => {
    requireInfrastructure(context, corpusProblem, 'The shared workflow corpus');
    const { binary, problem } = actionlintPeer();
    requireInfrastructure(context, problem, 'actionlint (.ci/peers/actionlint.sh)');
    const negative = join(corpus, 'schemastore-tests', 'negative_test', 'github-workflow');
    const rows: (string | number)[][] = [];
    const accepted: string[] = [];
    for (const name of filesIn(negative)) {
      const result = await check(readFileSync(join(negative, name), 'utf8'), binary!);
      const by = (source: string): string => (result.refusedBy.includes(source as never) ? 'refused' : '-');
      rows.push([name, by('yaml'), by('schema'), by('actionlint'), by('risk'), result.ok ? 'ACCEPTED' : 'refused']);
      if (result.ok) accepted.push(name);
    }
    console.log(`Must-fail workflow files (SchemaStore negative_test/github-workflow):\n${textTable(['file', 'YAML', 'schema', 'actionlint', 'risk', 'verdict'], rows)}\n${rows.length - accepted.length} of ${rows.length} refused`);
    expect(rows.length).toBeGreaterThan(0);
    expect(accepted).toEqual([]);

    const valid = join(corpus, 'schemastore-tests', 'test', 'github-workflow');
    const schemaRefused: string[] = [];
    let actionlintRefused = 0;
    const validFiles = filesIn(valid);
    for (const name of validFiles) {
      const result = await check(readFileSync(join(valid, name), 'utf8'), binary!);
      if (result.refusedBy.includes('schema') || result.refusedBy.includes('yaml')) schemaRefused.push(name);
      if (result.refusedBy.includes('actionlint')) actionlintRefused += 1;
    }
    console.log(`Valid workflow files (SchemaStore test/github-workflow): ${validFiles.length - schemaRefused.length} of ${validFiles.length} pass the schema; ${validFiles.length - actionlintRefused} pass actionlint (they test the schema, not runnable workflows).`);
    expect(schemaRefused).toEqual([]);
  });
});

describe('Reign\'s workflow templates through the same check', () => {
  it('every template, and every language\'s composed CI/CD, passes the schema, actionlint and the risk checks', async (context) => {
    const { binary, problem } = actionlintPeer();
    requireInfrastructure(context, problem, 'actionlint (.ci/peers/actionlint.sh)');
    const templates = workflowTemplates(templatesRoot);
    expect(templates).toHaveLength(workflowLanguages.length * workflowStages.length);
    const rows: (string | number)[][] = [];
    const failing: string[] = [];
    const candidates = [
      ...templates.map((template) => ({ id: template.id, text: readFileSync(template.file, 'utf8') })),
      ...workflowLanguages.map((language) => ({ id: `${language} (all six composed)`, text: renderWorkflow({ root: templatesRoot, templates: workflowStages.map((stage) => `${language}-${stage}`), defaultBranch: 'trunk' }).content })),
    ];
    for (const { id, text } of candidates) {
      const result = await check(text, binary!);
      const count = (source: string): number => result.problems.filter((found) => found.source === source).length;
      rows.push([id, count('yaml') + count('schema'), count('actionlint'), count('risk')]);
      if (result.problems.length) failing.push(`${id}: ${result.problems.map((found) => `${found.line}:${found.column} ${found.rule} ${found.message}`).join('; ')}`);
    }
    console.log(`Workflow templates (templates/workflows):\n${textTable(['template', 'schema problems', 'actionlint problems', 'risk problems'], rows)}`);
    expect(failing).toEqual([]);
  });
});
