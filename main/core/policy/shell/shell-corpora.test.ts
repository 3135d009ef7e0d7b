import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { isAbove, type Risk } from '../risk';
import { createBashParser } from './bash-parser';
import { ShellAnalyzer } from './shell-analyzer';
import { verbTable } from './verbs';
import { familyVerbs } from '../../../../e2e/fixtures/family-tools';

// The classifier against real-world commands nobody on this project wrote (../shared/corpora).
const corpora = resolve(import.meta.dirname, '../../../../../shared/corpora');
const missing = existsSync(corpora) ? null : `${corpora} is not there (it sits beside the checkout in CI)`;

function column(file: string, name: string): string[] {
  const [header, ...rows] = readFileSync(join(corpora, file), 'utf8').split('\n').filter(Boolean);
  const index = header!.split('\t').indexOf(name);
  return rows.map((row) => row.split('\t')[index] ?? '').filter(Boolean);
}

/** Corpus files escape tabs and newlines inside a command as \t and \n. */
const unescape = (command: string): string => command.replace(/\\n/g, '\n').replace(/\\t/g, '\t');

let analyzer: ShellAnalyzer;
beforeAll(async () => {
  analyzer = new ShellAnalyzer(await createBashParser(), verbTable(familyVerbs));
});

const share = (count: number, total: number): string => `${count}/${total} (${((100 * count) / total).toFixed(1)}%)`;

describe('shell classifier on the shared corpora', () => {
  it('classes no dangerous command read-only, at least 95% destructive or worse, and prints the figures per category', (context) => {
    requireInfrastructure(context, missing, 'The shared corpora');
    const [header, ...rows] = readFileSync(join(corpora, 'dangerous/commands.tsv'), 'utf8').split('\n').filter(Boolean);
    const columns = header!.split('\t');
    const results = rows.map((row) => {
      const cells = row.split('\t');
      const command = unescape(cells[columns.indexOf('command')] ?? '');
      return { command, category: cells[columns.indexOf('category')] ?? '?', ...analyzer.analyze(command) };
    });
    const byCategory = new Map<string, { total: number; severe: number; write: number }>();
    for (const result of results) {
      const figures = byCategory.get(result.category) ?? { total: 0, severe: 0, write: 0 };
      figures.total += 1;
      if (isAbove(result.risk, 'write')) figures.severe += 1;
      if (result.risk === 'write') figures.write += 1;
      byCategory.set(result.category, figures);
    }
    const read = results.filter((result) => result.risk === 'read');
    const severe = results.filter((result) => isAbove(result.risk, 'write'));
    console.log(`corpus dangerous/commands.tsv: destructive or worse ${share(severe.length, results.length)}; read ${read.length}`);
    for (const [category, figures] of [...byCategory].sort((a, b) => b[1].total - a[1].total)) console.log(`  ${category.padEnd(22)} destructive or worse ${share(figures.severe, figures.total)}, write ${figures.write}`);
    expect(read.map((result) => result.command)).toEqual([]);
    expect(severe.length / results.length).toBeGreaterThanOrEqual(0.95);
  });

  it('raises few false alarms on commands the guards allow', (context) => {
    requireInfrastructure(context, missing, 'The shared corpora');
    const commands = column('dangerous/safe-commands.tsv', 'command').map(unescape);
    const alarms = commands.filter((command) => isAbove(analyzer.analyze(command).risk, 'write'));
    console.log(`corpus dangerous/safe-commands.tsv: classed destructive or worse (false alarms) ${share(alarms.length, commands.length)}`);
    expect(alarms.length / commands.length).toBeLessThanOrEqual(0.05);
  });

  it('classifies every tldr example and injection payload without an exception or a hang', (context) => {
    requireInfrastructure(context, missing, 'The shared corpora');
    const inputs = [...column('tldr/commands-filled.tsv', 'command_filled'), ...column('tldr/commands.tsv', 'command'), ...column('dangerous/injection-payloads.tsv', 'payload')].map(unescape);
    const counts: Record<Risk, number> = { read: 0, write: 0, destructive: 0, critical: 0 };
    const started = performance.now();
    let slowest = 0;
    for (const input of inputs) {
      const begin = performance.now();
      counts[analyzer.analyze(input).risk] += 1;
      slowest = Math.max(slowest, performance.now() - begin);
    }
    console.log(`corpus tldr + injection payloads: ${inputs.length} inputs in ${(performance.now() - started).toFixed(0)} ms (slowest ${slowest.toFixed(1)} ms): ${JSON.stringify(counts)}`);
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(inputs.length);
    expect(slowest).toBeLessThan(2000);
  });
});
