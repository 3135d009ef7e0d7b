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
    const refusals = new Map<string, { count: number; example: string }>();
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
        const seen = refusals.get(kind);
        refusals.set(kind, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? problem.message.replaceAll(`${corpus}/`, '') });
      }
    }
    const awesome = files.filter((file) => file.includes('awesome-compose'));
    const awesomeLoaded = awesome.filter((file) => loadCompose({ files: [file], env: {} }).ok).length;
    const kinds = [...refusals.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 12);
    console.log(
      `compose corpus: ${loaded}/${files.length} files load; awesome-compose ${awesomeLoaded}/${awesome.length}. Refusals by kind (paths relative to ${corpus}):\n${kinds.map(([kind, { count, example }]) => (kind === example ? `  ${count} × ${cutAtWord(kind)}` : `  ${count} × ${cutAtWord(kind)}\n      e.g. ${cutAtWord(example)}`)).join('\n')}`,
    );
    expect(awesomeLoaded / awesome.length).toBeGreaterThan(0.6);
  });
});

/**
 * A refusal's kind, for counting: only what differs between files of one kind is normalised (quoted
 * names, paths, and numbers standing alone such as a line); each kind is printed with a real
 * example, so no path loses its digits.
 */
function refusalKind(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/[^\s'"()]*\/[^\s'"()]*/g, '<path>')
    .replace(/(?<![\w.-])\d+(?![\w.-])/g, 'N');
}

/** Cut at the last whole word that fits, and say so with an ellipsis. */
function cutAtWord(text: string, limit = 110): string {
  if (text.length <= limit) return text;
  const space = text.lastIndexOf(' ', limit - 1);
  return `${text.slice(0, space > limit / 2 ? space : limit - 1).replace(/[\s,;:]+$/, '')}…`;
}
