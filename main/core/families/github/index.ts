import { defineFamily } from '../family';
import { githubCommandLine } from './github-command';
import { type GitHubCheck, probeGithub } from './github-probe';
import { githubTokenSecret } from './github-secret';
import { onServerHost } from './github-target-host';
import { githubTools } from './github-tools';
import { githubDocumentChecks } from './github-view-workflow-check';
import { githubViews } from './github-views';
import { githubHealth } from './github-health';
import { githubSearchables } from './github-searchables';

/** The checks presentWhen gets are the probes' whole answers; only `status` is typed there. */
const signedIn = (check: { readonly status: string } | undefined): boolean => Boolean(check && (check.status === 'ok' || check.status === 'warning') && (check as Partial<GitHubCheck>).account);

/**
 * GitHub and GitHub Actions through the REST API (Octokit, with throttling and retries): github.com,
 * or a GitHub Enterprise Server through GITHUB_API_URL. The token comes from GH_TOKEN or
 * GITHUB_TOKEN, else the keychain (the declared `github-token`); it reaches only the connection.
 */
export const githubFamily = defineFamily({
  id: 'github',
  title: 'GitHub',
  description: 'GitHub repositories, pull requests and GitHub Actions workflow runs through the REST API (github.com, or GitHub Enterprise Server with GITHUB_API_URL).',
  tools: githubTools.map(onServerHost),
  essential: ['github.repo.get', 'github.repo.list', 'github.pr.list', 'github.run.list'],
  secrets: [githubTokenSecret],
  probes: [{ name: 'github', run: (where) => probeGithub(where) }],
  commands: [githubCommandLine],
  views: githubViews,
  searchables: githubSearchables,
  documentChecks: githubDocumentChecks,
  // Offered at once when the doctor signed in with a token (its rate limit may be low: a warning);
  // without one, or with one GitHub refuses, the tools are found through find_tools.
  presentWhen: (checks) => signedIn(checks.github),
  health: githubHealth,
});
