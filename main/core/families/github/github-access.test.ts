import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { noSecrets } from '../../tools/access';
import { type ToolContext, toolContext } from '../../tools/tool-definition';
import { resolveApiUrl } from './github-api-url';
import { githubRepoGet } from './github-repo-tools';

// The connection's own behaviour, against a loopback server standing in for GitHub: which token
// it sends, what it does on a rate limit, and what a step says without a token. Requests against
// GitHub's real contract are the e2e spec's (e2e/github-read-tools.spec.ts, against the mock).

const keychainToken = `ghp_${'k'.repeat(36)}`;
const envToken = `ghp_${'e'.repeat(36)}`;
const repository = { full_name: 'octocat/Hello-World', description: null, private: false, fork: false, html_url: 'https://github.com/octocat/Hello-World', default_branch: 'main' };

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

async function fakeGitHub(answer: (request: IncomingMessage, response: ServerResponse, seen: number) => void): Promise<{ url: string; authorizations: string[] }> {
  const authorizations: string[] = [];
  server = createServer((request, response) => {
    authorizations.push(String(request.headers.authorization));
    answer(request, response, authorizations.length);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const context = (env: NodeJS.ProcessEnv, secret: (name: string) => string | null = noSecrets): ToolContext => toolContext('/tmp', env, {} as never, secret);
const readRepo = (ctx: ToolContext) => githubRepoGet.run({ input: githubRepoGet.input.parse({ repo: 'octocat/Hello-World' }), ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });
const keychain = (name: string) => (name === 'github-token' ? keychainToken : null);

describe('the GitHub connection', () => {
  it('without a token, a step fails at once saying how to store one, and sends nothing', async () => {
    const { url, authorizations } = await fakeGitHub((_request, response) => json(response, 200, repository));
    const result = await readRepo(context({ GITHUB_API_URL: url }));
    expect(result).toEqual({ ok: false, error: { code: 'GITHUB_TOKEN_MISSING', permanent: true, message: expect.stringMatching(/^Reading octocat\/Hello-World: No GitHub token was found \(GH_TOKEN and GITHUB_TOKEN are not set, and none is stored in the keychain\)\./) } });
    expect(!result.ok && result.error.message).toMatch(/Store a GitHub token in Settings .*`gh auth token`.*set GITHUB_TOKEN/);
    expect(authorizations).toEqual([]);
  });

  it('sends the keychain token when the environment has none, and an environment token over it', async () => {
    const { url, authorizations } = await fakeGitHub((_request, response) => json(response, 200, repository));
    expect(await readRepo(context({ GITHUB_API_URL: url }, keychain))).toMatchObject({ ok: true, output: { fullName: 'octocat/Hello-World', defaultBranch: 'main' } });
    expect(await readRepo(context({ GITHUB_API_URL: url, GITHUB_TOKEN: envToken }, keychain))).toMatchObject({ ok: true });
    expect(authorizations).toEqual([`token ${keychainToken}`, `token ${envToken}`]);
  });

  it('refuses a GITHUB_API_URL that would send the token in clear, or is no URL, before sending anything', async () => {
    expect(resolveApiUrl({}).url).toBe('https://api.github.com');
    expect(resolveApiUrl({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' })).toEqual({ url: 'https://ghe.example.com/api/v3', host: 'ghe.example.com', problem: null });
    expect(resolveApiUrl({ GITHUB_API_URL: 'http://ghe.example.com/api/v3' }).problem).toMatch(/uses http:\/\/ to ghe\.example\.com: the token would travel unencrypted/);
    expect(resolveApiUrl({ GITHUB_API_URL: 'https://me:hunter22@ghe.example.com/api/v3' }).problem).not.toContain('hunter22');
    const result = await readRepo(context({ GITHUB_API_URL: 'ghe.example.com', GITHUB_TOKEN: envToken }));
    expect(result).toMatchObject({ ok: false, error: { code: 'GITHUB_API_URL_INVALID', message: expect.stringContaining('GITHUB_API_URL=ghe.example.com is not a URL') } });
  });

  it('on a rate limit that resets soon, waits for the reset and tries once more', async () => {
    const { url, authorizations } = await fakeGitHub((_request, response, seen) =>
      seen === 1 ? json(response, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }) : json(response, 200, repository),
    );
    expect(await readRepo(context({ GITHUB_API_URL: url, GH_TOKEN: envToken }))).toMatchObject({ ok: true, output: { fullName: 'octocat/Hello-World' } });
    expect(authorizations).toHaveLength(2);
  });

  it('on a rate limit that resets later, fails at once saying when, and the token is nowhere in the failure', async () => {
    const reset = Math.floor(Date.now() / 1000) + 45 * 60;
    const { url, authorizations } = await fakeGitHub((_request, response) => json(response, 403, { message: `API rate limit exceeded for ${envToken}` }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(reset) }));
    const started = Date.now();
    const result = await readRepo(context({ GITHUB_API_URL: url, GH_TOKEN: envToken }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toEqual({ ok: false, error: { code: 'GITHUB_RATE_LIMITED', message: expect.stringMatching(/used up \(5000 requests an hour\); it resets at \d\d:\d\d UTC \(in 4[45] min\)\. Try again then/) } });
    expect(JSON.stringify(result)).not.toContain(envToken);
    expect(authorizations).toHaveLength(1);
  });

  it('a server error is tried again (twice), then reported with GitHub\'s status', async () => {
    const { url, authorizations } = await fakeGitHub((_request, response) => json(response, 502, { message: 'Server Error' }));
    const result = await readRepo(context({ GITHUB_API_URL: url, GH_TOKEN: envToken }));
    expect(result).toEqual({ ok: false, error: { code: 'GITHUB_ERROR', message: 'Reading octocat/Hello-World: GitHub answered 502: Server Error' } });
    expect(authorizations).toHaveLength(3);
  }, 15_000);
});
