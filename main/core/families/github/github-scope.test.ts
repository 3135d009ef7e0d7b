import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { actionsNameProblem, collectionRoute, expandRoute, refineScope, scopeFields, scopeLabel, scopeOf, scopeTarget, visibilityProblem } from './github-scope';

const schema = z.object(scopeFields).strict().superRefine(refineScope);
const problem = (input: Record<string, unknown>): string | undefined => {
  const parsed = schema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

describe('where secrets and variables live', () => {
  it('takes a repository, one of its environments, or an organisation, and nothing in between', () => {
    expect(problem({ repo: 'octocat/Hello-World' })).toBeUndefined();
    expect(problem({ repo: 'octocat/Hello-World', environment: 'staging' })).toBeUndefined();
    expect(problem({ org: 'octo-org' })).toBeUndefined();
    expect(problem({})).toBe('Not a place for secrets or variables: name where: repo (OWNER/REPO), repo and environment, or org.');
    expect(problem({ repo: 'octocat/Hello-World', org: 'octo-org' })).toBe('Not a place for secrets or variables: give either repo (OWNER/REPO) or org, not both.');
    expect(problem({ org: 'octo-org', environment: 'staging' })).toBe('Not a place for secrets or variables: an environment belongs to a repository: give repo (OWNER/REPO) with environment.');
    expect(problem({ repo: 'Hello-World' })).toMatch(/has no owner/);
  });

  it('names each place for people, and targets the repository or the whole organisation', () => {
    const environment = scopeOf({ repo: 'Octocat/Hello-World', environment: 'staging' });
    expect(scopeLabel(environment)).toBe('the environment staging of Octocat/Hello-World');
    // Rules and production marks are per repository: an environment's secret is the repository's.
    expect(scopeTarget(environment)).toEqual({ kind: 'github', id: 'github:octocat/hello-world', label: 'Octocat/Hello-World' });
    const org = scopeOf({ org: 'Octo-Org' });
    expect(scopeLabel(org)).toBe('the organisation Octo-Org');
    expect(scopeTarget(org)).toEqual({ kind: 'github', id: 'github:octo-org/*', label: 'Octo-Org (organisation)' });
  });

  it("gives GitHub's paths for each place, filled in as Octokit encodes them", () => {
    expect(collectionRoute(scopeOf({ repo: 'o/r' }), 'secrets')).toEqual({ path: '/repos/{owner}/{repo}/actions/secrets', params: { owner: 'o', repo: 'r' } });
    expect(collectionRoute(scopeOf({ org: 'acme' }), 'variables')).toEqual({ path: '/orgs/{org}/actions/variables', params: { org: 'acme' } });
    const { path, params } = collectionRoute(scopeOf({ repo: 'o/r', environment: 'prod eu/1' }), 'secrets');
    expect(expandRoute(path, params)).toBe('/repos/o/r/environments/prod%20eu%2F1/secrets');
  });

  it("refuses names GitHub refuses, saying what to write", () => {
    expect(actionsNameProblem('REGISTRY_TOKEN')).toBeNull();
    expect(actionsNameProblem('_private1')).toBeNull();
    expect(actionsNameProblem('1TOKEN')).toBe('"1TOKEN" starts with a digit, which GitHub does not allow');
    expect(actionsNameProblem('registry-token')).toBe('"registry-token" has characters GitHub does not allow (only letters, digits and _; no spaces or hyphens): e.g. REGISTRY_TOKEN');
    expect(actionsNameProblem('github_token')).toBe('"github_token" starts with GITHUB_, which GitHub keeps for its own');
  });

  it('keeps visibility to organisations, and selected repositories to selected visibility', () => {
    expect(visibilityProblem({ org: 'acme', visibility: 'selected', selectedRepositoryIds: [1] })).toBeNull();
    expect(visibilityProblem({ repo: 'o/r', visibility: 'all' })).toMatch(/for organisation secrets and variables only/);
    expect(visibilityProblem({ org: 'acme', visibility: 'all', selectedRepositoryIds: [1] })).toBe('selectedRepositoryIds needs visibility selected');
  });
});
