import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createBashParser } from '../../main/core/policy/shell/bash-parser';
import { ShellAnalyzer } from '../../main/core/policy/shell/shell-analyzer';
import { verbTable } from '../../main/core/policy/shell/verbs';
import { familyVerbs } from '../fixtures/family-tools';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { repoRoot } from '../fixtures/serve-process';
import { median, runsList } from './figures';

// The shell classifier's speed on the dangerous and safe corpora, against tree-sitter parsing the same
// commands (the floor: classification cannot be faster than reading the command).

const corpora = join(repoRoot, '..', 'shared', 'corpora', 'dangerous');

function commands(file: string): string[] {
  const [header, ...rows] = readFileSync(join(corpora, file), 'utf8').split('\n').filter(Boolean);
  const index = header!.split('\t').indexOf('command');
  return rows.map((row) => (row.split('\t')[index] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t')).filter(Boolean);
}

it('classifies at least 10,000 commands per second', async (context) => {
  requireInfrastructure(context, existsSync(corpora) ? null : `${corpora} is missing`, 'The shared corpora');
  const inputs = [...commands('commands.tsv'), ...commands('safe-commands.tsv')];
  const parser = await createBashParser();
  const analyzer = new ShellAnalyzer(parser, verbTable(familyVerbs));
  const rate = (work: (command: string) => unknown): number => {
    const started = performance.now();
    for (const command of inputs) work(command);
    return (inputs.length / (performance.now() - started)) * 1000;
  };
  for (const command of inputs) analyzer.analyze(command); // warm up the JIT
  const classified: number[] = [];
  const parsed: number[] = [];
  for (let run = 0; run < 5; run++) {
    parsed.push(rate((command) => parser.parse(command, (root) => root.childCount)));
    classified.push(rate((command) => analyzer.analyze(command)));
  }
  console.log(
    `bench shell-classifier: ${inputs.length} commands (dangerous + safe corpora), 5 runs\n` +
      `  classified ${median(classified).toFixed(0)} commands/s (runs: ${runsList(classified)})\n` +
      `  baseline, tree-sitter parse only ${median(parsed).toFixed(0)} commands/s (runs: ${runsList(parsed)})\n` +
      `  ratio ${(median(parsed) / median(classified)).toFixed(2)}× the parse time`,
  );
  expect(median(classified)).toBeGreaterThan(0);
});
