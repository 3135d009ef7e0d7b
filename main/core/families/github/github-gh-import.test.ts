import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ghAuthToken } from './github-gh-import';

// `gh auth token` through a stand-in gh on PATH (gh itself is not installed here): what it is
// asked, what its token becomes, and what a person reads when gh is absent or logged out.

const token = `gho_${'G1t'.repeat(12)}`;
function fakeGh(script: string): string {
  const bin = mkdtempSync(join(tmpdir(), 'reign-fake-gh-'));
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  return bin;
}
const signal = new AbortController().signal;

describe('importing the token gh is logged in with', () => {
  it('asks gh for the configured host\'s token, without the environment\'s tokens or Reign\'s other keys, and returns it trimmed', async () => {
    const bin = fakeGh(`echo "$*|\${GH_TOKEN:-none}|\${GITHUB_TOKEN:-none}|\${ANTHROPIC_API_KEY:-none}" > "$(dirname "$0")/asked"; echo ${token}`);
    expect(await ghAuthToken({ env: { PATH: `${bin}:/usr/bin:/bin`, GITHUB_API_URL: 'https://ghe.example.com/api/v3', GH_TOKEN: 'other', GITHUB_TOKEN: 'other', ANTHROPIC_API_KEY: 'sk-ant-other' }, signal })).toBe(token);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(bin, 'asked'), 'utf8').trim()).toBe('auth token --hostname ghe.example.com|none|none|none');
  });

  it('says the gh CLI is absent, and what to do', async () => {
    await expect(ghAuthToken({ env: { PATH: mkdtempSync(join(tmpdir(), 'reign-no-gh-')) }, signal })).rejects.toThrow(/gh CLI is not installed here.*cli\.github\.com.*gh auth login/);
  });

  it('says gh is not logged in, with gh\'s own words', async () => {
    const bin = fakeGh('echo "no oauth token found for github.com" >&2; exit 1');
    await expect(ghAuthToken({ env: { PATH: `${bin}:/usr/bin:/bin` }, signal })).rejects.toThrow('gh is not logged in to github.com (gh said: no oauth token found for github.com). Run `gh auth login --hostname github.com`');
  });

  it('refuses output that is not one token', async () => {
    const bin = fakeGh('echo "some banner"; echo "and more"');
    await expect(ghAuthToken({ env: { PATH: `${bin}:/usr/bin:/bin` }, signal })).rejects.toThrow(/printed no token/);
  });
});
