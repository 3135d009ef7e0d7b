import { describe, expect, it } from 'vitest';
import { githubFamily } from '.';
import { parseScopes, probeGithub } from './github-probe';

describe('the GitHub doctor check', () => {
  it('without a token: a warning with the fix, and nothing sent', async () => {
    // An API root nothing listens on: a request would make this an error, not a warning.
    const check = await probeGithub({ env: { GITHUB_API_URL: 'http://127.0.0.1:9' }, secret: () => null });
    expect(check).toMatchObject({ status: 'warning', summary: 'No GitHub token (GH_TOKEN and GITHUB_TOKEN are not set, none is stored in the keychain)', account: null, scopes: null, rateLimit: null, statusBar: { id: 'github', label: 'GitHub: no token', tone: 'idle' } });
    expect(check.fix).toMatch(/Settings.*gh auth token.*GITHUB_TOKEN/);
  });

  it('a token GitHub cannot be reached with: an error naming where it tried', async () => {
    const check = await probeGithub({ env: { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_TOKEN: `ghp_${'a'.repeat(36)}` } });
    expect(check).toMatchObject({ status: 'error', tokenSource: 'GITHUB_TOKEN', tokenKind: 'classic', summary: expect.stringContaining('could not reach the GitHub API at http://127.0.0.1:9'), statusBar: { label: 'GitHub: unreachable', tone: 'bad' } });
    expect(JSON.stringify(check)).not.toContain('a'.repeat(36));
  });

  it('reads scopes from x-oauth-scopes; none reported is null, an empty header is no scopes', () => {
    expect(parseScopes('repo, workflow, read:org')).toEqual(['repo', 'workflow', 'read:org']);
    expect(parseScopes('')).toEqual([]);
    expect(parseScopes(undefined)).toBeNull();
  });

  it('offers the tools at once only when the doctor signed in', () => {
    const present = githubFamily.presentWhen!;
    expect(present({ github: { status: 'ok', account: 'octocat' } as never })).toBe(true);
    expect(present({ github: { status: 'warning', account: 'octocat' } as never })).toBe(true);
    expect(present({ github: { status: 'warning', account: null } as never })).toBe(false);
    expect(present({ github: { status: 'error', account: null } as never })).toBe(false);
    expect(present({})).toBe(false);
  });
});
