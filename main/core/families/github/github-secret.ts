import type { SecretDeclaration } from '../family';
import { resolveApiUrl } from './github-api-url';
import { openOctokit } from './github-client';
import { githubFailure } from './github-errors';
import { ghTokenImport } from './github-gh-import';
import { checkTokenShape, GITHUB_TOKEN_SECRET, maskToken } from './github-token';

/** The token the family keeps in the OS keychain: checked for shape before it is stored, tested against GET /user. */
export const githubTokenSecret: SecretDeclaration = {
  name: GITHUB_TOKEN_SECRET,
  label: 'GitHub token',
  // Headless use (CI, `reign ask`): gh's order; masked by value from the start like the keychain's.
  envNames: ['GH_TOKEN', 'GITHUB_TOKEN'],
  check: checkTokenShape,
  // Settings' "Import from gh": `gh auth token`, run once in main (github-gh-import.ts).
  importFrom: ghTokenImport,
  test: async (value, { env, signal }) => {
    const api = resolveApiUrl(env);
    if (api.problem) return { ok: false, message: api.problem };
    try {
      const octokit = await openOctokit({ baseUrl: api.url, token: value, retries: 0, waitForRateLimit: false });
      const { data } = await octokit.rest.users.getAuthenticated({ request: { signal } });
      return { ok: true, message: `The token works: GitHub (${api.host}) knows it as ${data.login}.` };
    } catch (error) {
      // The source is the value being tested, which is what Settings stores in the keychain.
      return { ok: false, message: githubFailure(error, `Testing the token on ${api.host}`, { host: api.host, apiUrl: api.url, source: 'keychain', mask: (text) => maskToken(text, value) }).error.message };
    }
  },
};
