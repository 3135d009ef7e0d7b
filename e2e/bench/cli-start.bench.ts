import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, repoRoot } from '../fixtures/serve-process';
import { median, runsList } from './figures';

// How long the built `reign` takes for the commands that must feel instant: `--version`, and
// `reign risk` (which loads the shell parser's WebAssembly but no family SDK). The baseline,
// measured the same way in the same run, is Node starting and exiting (`node -e ''`). Target:
// `reign --version` under 300 ms. Figures are printed; nothing here asserts a time.

const RUNS = 7;
const bin = `${repoRoot}/main/cli/reign-bin.js`;

function timed(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env: isolatedEnv(), encoding: 'utf8' });
  const elapsed = performance.now() - started;
  expect(result.status, result.stderr).toBe(0);
  return elapsed;
}

it('reign --version and reign risk start fast (printed against bare Node)', (context) => {
  requireInfrastructure(context, builtAppProblem(), 'The built CLI');
  timed([bin, '--version']); // warm the file cache
  const node = Array.from({ length: RUNS }, () => timed(['-e', '']));
  const version = Array.from({ length: RUNS }, () => timed([bin, '--version']));
  const risk = Array.from({ length: RUNS }, () => timed([bin, 'risk', '--', 'ls', '-la']));
  console.log(
    [
      `cli start (median of ${RUNS}):`,
      `  node -e '' (baseline): ${median(node).toFixed(0)} ms [${runsList(node)}]`,
      `  reign --version: ${median(version).toFixed(0)} ms (${(median(version) / median(node)).toFixed(2)}× baseline; target < 300 ms) [${runsList(version)}]`,
      `  reign risk -- ls -la: ${median(risk).toFixed(0)} ms (${(median(risk) / median(node)).toFixed(2)}× baseline) [${runsList(risk)}]`,
    ].join('\n'),
  );
});
