import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { families } from './core/families';

// The layering of design notes §2, enforced: a crossed layer fails this test, whoever wrote it.

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file);

/** Every module a file imports: repo-relative paths for local files, the bare name for packages. */
export function importsOf(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? match[4] ?? '',
  );
  return specifiers.map((specifier) => (specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : specifier));
}

interface Rule {
  readonly files: string[];
  readonly allowed: (target: string, file: string) => boolean;
  readonly why: string;
}

const local = (target: string): boolean => target.startsWith('main') || target.startsWith('preload') || target.startsWith('renderer') || target.startsWith('e2e') || target.startsWith('..');
const packageName = (target: string): string => (target.startsWith('@') ? target.split('/').slice(0, 2).join('/') : target.split('/')[0]!);

const rules: Record<string, Rule> = {
  'the contract imports nothing but zod and itself': {
    files: sourceFiles('preload/contract').filter((file) => !isTest(file)),
    allowed: (target) => target.startsWith('preload/contract/') || target === 'zod',
    why: 'both sides import the contract; it must not drag anything with it',
  },
  'the renderer imports only the contract and its own modules': {
    files: sourceFiles('renderer').filter((file) => !isTest(file)),
    allowed: (target) => (local(target) ? target.startsWith('renderer/') || target.startsWith('preload/contract') : !target.startsWith('node:') && packageName(target) !== 'electron'),
    why: 'the renderer reaches main only through the contract',
  },
  'the preload imports only electron and the contract': {
    files: sourceFiles('preload').filter((file) => !isTest(file) && !file.startsWith('preload/contract/')),
    allowed: (target) => target === 'electron' || target.startsWith('preload/'),
    why: 'the preload exposes the contract and nothing else',
  },
  'core never imports electron, an adapter or test code': {
    files: sourceFiles('main/core').filter((file) => !isTest(file)),
    allowed: (target) => packageName(target) !== 'electron' && !target.startsWith('main/electron') && !target.startsWith('main/host') && !target.startsWith('main/cli') && !target.startsWith('e2e'),
    why: 'core runs under plain Node in tests, `reign serve` and the CLI',
  },
  'only the Electron adapter imports electron': {
    files: sourceFiles('main').filter((file) => !isTest(file) && !file.startsWith('main/electron/')),
    allowed: (target) => packageName(target) !== 'electron',
    why: 'serve and the CLI must run without Electron',
  },
  'product code never imports test fixtures': {
    files: [...sourceFiles('main'), ...sourceFiles('preload'), ...sourceFiles('renderer')].filter((file) => !isTest(file)),
    allowed: (target) => !target.startsWith('e2e'),
    why: 'fixture servers and test stores stay in e2e/',
  },
};

/** `main/core/families/<id>/…` → `<id>`; null for anything else (family.ts and index.ts are the seam, not a family). */
const familyOf = (path: string): string | null => /^main\/core\/families\/([^/]+)\//.exec(path)?.[1] ?? null;
const familyIndex = 'main/core/families/index';
/** The SDKs of families: loaded only inside their family, on first use (ctx.access). */
const familySdks = ['dockerode', 'docker-modem', '@kubernetes/client-node', '@octokit/rest', '@octokit/core', '@modelcontextprotocol/sdk'];
const dependsOn = new Map(families.map((family) => [family.id, new Set(family.dependsOn ?? [])]));

const familyRules: Record<string, Rule> = {
  'the core outside families imports no family (only bootstrap and the family list do)': {
    files: sourceFiles('main/core').filter((file) => !isTest(file) && !familyOf(file) && file !== 'main/core/bootstrap.ts' && file !== 'main/core/families/index.ts'),
    allowed: (target) => !familyOf(target) && target !== familyIndex,
    why: 'the core reads what families contribute through registries; it never names one',
  },
  'the adapters reach families only through the family list': {
    files: ['main/cli', 'main/host', 'main/electron'].flatMap((dir) => sourceFiles(dir)).filter((file) => !isTest(file)),
    allowed: (target) => !familyOf(target),
    why: 'a family\'s CLI subcommand, views and probes come from its definition; no adapter names a family',
  },
  'a family imports another family only where it declares the dependency': {
    files: sourceFiles('main/core/families').filter((file) => !isTest(file) && familyOf(file)),
    allowed: (target, file) => {
      const own = familyOf(file)!;
      const other = familyOf(target);
      return target !== familyIndex && (!other || other === own || dependsOn.get(own)?.has(other) === true);
    },
    why: 'compose → docker is declared in its family; undeclared imports tangle families together',
  },
  'the core imports no SDK of a family': {
    // Reign as an MCP server speaks MCP itself: its files load only for `reign mcp` (a lazy import of the CLI).
    files: sourceFiles('main').filter((file) => !isTest(file) && !familyOf(file) && !file.startsWith('main/core/mcp-server/') && file !== 'main/cli/mcp-command.ts'),
    allowed: (target) => !familySdks.includes(packageName(target)),
    why: 'an SDK loads inside its family, on first use, so `reign --version` and `reign risk` stay fast',
  },
};

describe('layer boundaries', () => {
  it('every family is named in the family list and lives in its own folder', () => {
    // mcp/ is not one family: it makes one per configured MCP server at start (startConfiguredFamilies).
    const folders = readdirSync(join(root, 'main/core/families'), { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'mcp').map((entry) => entry.name).sort();
    expect(families.map((family) => family.id).sort()).toEqual(folders);
  });

  for (const [name, rule] of Object.entries({ ...rules, ...familyRules })) {
    it(name, () => {
      expect(rule.files.length).toBeGreaterThan(0);
      const violations = rule.files.flatMap((file) => importsOf(file).filter((target) => !rule.allowed(target, file)).map((target) => `${file} imports ${target}`));
      expect(violations, rule.why).toEqual([]);
    });
  }

  it('only the transport module touches window.reign or opens a WebSocket', () => {
    const offenders = sourceFiles('renderer')
      .filter((file) => !isTest(file) && !file.startsWith('renderer/src/transport/'))
      .filter((file) => /window\.reign|\(window as[^)]*\)\.reign|new WebSocket\b/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the checker sees the kinds of import it must catch', () => {
    const text = `import { app } from 'electron';\nexport { x } from '../host/serve-host';\nconst m = await import('../../e2e/fixtures/test-core');\nimport './styles.css';\nconst k = require('node:fs');`;
    expect(importsOf('main/core/example.ts', text)).toEqual(['electron', 'main/host/serve-host', 'e2e/fixtures/test-core', 'main/core/styles.css', 'node:fs']);
  });
});
