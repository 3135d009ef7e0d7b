import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseChecks } from './github-checks';
import { checksTone, originRepo, runTone } from './github-views';

const withOrigin = (url: string | null): string => {
  const root = mkdtempSync(join(tmpdir(), 'reign-gh-origin-'));
  if (url !== null) {
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.git', 'config'), `[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/other/thing.git\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  }
  return root;
};

describe('the repository the GitHub views start on', () => {
  it('is the workspace origin\'s when it is on GitHub, in every way a remote is written', () => {
    expect(originRepo(withOrigin('https://github.com/acme/shop.git'))).toBe('acme/shop');
    expect(originRepo(withOrigin('git@github.com:acme/shop.git'))).toBe('acme/shop');
    expect(originRepo(withOrigin('ssh://git@github.com/acme/shop'))).toBe('acme/shop');
    expect(originRepo(withOrigin('https://github.example.com/acme/shop'))).toBe('acme/shop'); // GitHub Enterprise Server
  });

  it('is none without a GitHub origin or a repository', () => {
    expect(originRepo(withOrigin('https://gitlab.com/acme/shop.git'))).toBeNull();
    expect(originRepo(withOrigin(null))).toBeNull();
  });
});

describe('a run\'s badge', () => {
  it('says how it ended, and warns while it runs', () => {
    expect(runTone({ status: 'completed', conclusion: 'success' })).toBe('ok');
    expect(runTone({ status: 'completed', conclusion: 'failure' })).toBe('bad');
    expect(runTone({ status: 'completed', conclusion: 'cancelled' })).toBe('idle');
    expect(runTone({ status: 'in_progress', conclusion: null })).toBe('warn');
  });
});

describe('a pull request\'s Checks badge', () => {
  it('is red when any check failed, amber while any runs, green when all passed, grey without checks', () => {
    const run = (status: string, conclusion: string | null) => ({ name: 'x', status, conclusion });
    expect(checksTone(summariseChecks([], [run('completed', 'failure'), run('in_progress', null)]))).toBe('bad');
    expect(checksTone(summariseChecks([], [run('completed', 'success'), run('queued', null)]))).toBe('warn');
    expect(checksTone(summariseChecks([], [run('completed', 'success'), run('completed', 'skipped')]))).toBe('ok');
    expect(checksTone(summariseChecks([], []))).toBe('idle');
    expect(checksTone(null)).toBe('idle');
  });
});
