import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { loadCompose } from './compose-loader';

// Real compose files nobody on this project wrote (../shared/corpora/compose): each must load, or
// fail with specific problems that name the file and path. None may crash the loader.
const corpus = resolve(import.meta.dirname, '../../../../../shared/corpora/compose');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('compose loader on the shared corpus', () => {
  it('loads every file or explains why not, and never throws', (context) => {
    requireInfrastructure(context, existsSync(corpus) ? null : `${corpus} is not there`, 'The shared corpora');
    const files = yamlFiles(corpus);
    let loaded = 0;
    const refusals = new Map<string, number>();
    for (const file of files) {
      const result = loadCompose({ files: [file], env: { HOME: '/home/user', USER: 'user' } });
      if (result.ok) {
        loaded += 1;
        continue;
      }
      for (const problem of result.problems) {
        expect(problem.message.length, file).toBeGreaterThan(5);
        expect(problem.file).toBeTruthy();
        const kind = refusalKind(problem.message);
        refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
      }
    }
    const awesome = files.filter((file) => file.includes('awesome-compose'));
    const awesomeLoaded = awesome.filter((file) => loadCompose({ files: [file], env: {} }).ok).length;
    console.log(
      `compose corpus: ${loaded}/${files.length} files load; awesome-compose ${awesomeLoaded}/${awesome.length}. Refusals by kind:\n${[...refusals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([kind, count]) => `  ${count} × ${kind}`).join('\n')}`,
    );
    expect(awesomeLoaded / awesome.length).toBeGreaterThan(0.6);
  });
});

/** A refusal's kind, for counting: quoted names and file paths left out, numbers as N, cut at a word. */
function refusalKind(message: string): string {
  const general = message.replace(/"[^"]*"/g, '"…"').replace(/[^\s'"():]*\/[^\s'"():]*/g, 'FILE').replace(/\b\d+\b/g, 'N');
  if (general.length <= 90) return general;
  const cut = general.slice(0, 90);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 90)}…`;
}
