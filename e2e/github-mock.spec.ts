import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { githubMock, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';

// The GitHub peer (.ci/peers/github-mock.sh) is what the GitHub family's tests stand on: Octokit,
// as the product uses it, gets GitHub's documented answers for requests that meet GitHub's
// contract, and a 4xx naming the problem for requests that break it.

const { url, problem } = githubMock();
const owner = 'octocat';
const repo = 'Hello-World';

function client(): { octokit: Octokit; requests: string[] } {
  // Octokit's request log reports every refusal on stderr; here refusals are what is asserted.
  const quiet = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };
  const octokit = new Octokit({ baseUrl: url!, auth: 'ghp_dummy-token-for-the-mock', log: quiet });
  const requests: string[] = [];
  octokit.hook.before('request', (options) => {
    requests.push(`${options.method} ${options.url}`);
  });
  return { octokit, requests };
}

/** The status and headers of a call that must be refused (Octokit throws a RequestError for any 4xx). */
async function refusal(call: Promise<unknown>): Promise<{ status: number; headers: Record<string, unknown> }> {
  const error: unknown = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the call should have been refused').toMatchObject({ status: expect.any(Number), response: { headers: expect.any(Object) } });
  const { status, response } = error as { status: number; response: { headers: Record<string, unknown> } };
  return { status, headers: response.headers };
}

/** Parameters that break GitHub's contract on purpose, which Octokit's own types would refuse. */
function brokenOnPurpose<T>(parameters: object): T {
  return parameters as T;
}

describe('the GitHub mock', () => {
  it("answers repos.get with the description's example repository", async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock');
    const { octokit } = client();
    const response = await octokit.rest.repos.get({ owner, repo });
    expect(response.status).toBe(200);
    expect(response.data.full_name).toBe('octocat/Hello-World');
    expect(response.data.owner.login).toBe('octocat');
    expect(requestViolations(response.headers)).toEqual([]);
  });

  it('creates a pull request from a body that meets the contract (201)', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock');
    const { octokit } = client();
    const response = await octokit.rest.pulls.create({ owner, repo, title: 'Amazing new feature', head: 'octocat:new-feature', base: 'master', body: 'Please pull these awesome changes in!' });
    expect(response.status).toBe(201);
    expect(response.data).toMatchObject({ number: expect.any(Number), state: 'open', head: { ref: expect.any(String) }, base: { ref: expect.any(String) } });
    expect(requestViolations(response.headers)).toEqual([]);
  });

  it('refuses a pull request without head, naming the missing property', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock');
    const { octokit } = client();
    const refused = await refusal(octokit.rest.pulls.create(brokenOnPurpose({ owner, repo, title: 'No head', base: 'master' })));
    expect(refused.status).toBe(422);
    expect(requestViolations(refused.headers).map((violation) => violation.message)).toEqual(["Request body must have required property 'head'"]);
  });

  it('refuses a pull request whose title is not a string, naming the property and the type', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock');
    const { octokit } = client();
    const refused = await refusal(octokit.rest.pulls.create(brokenOnPurpose({ owner, repo, title: 42, head: 'octocat:new-feature', base: 'master' })));
    expect(refused.status).toBe(422);
    expect(requestViolations(refused.headers)).toEqual([expect.objectContaining({ location: ['request', 'body', 'title'], message: 'Request body property title must be string' })]);
  });

  it('refuses a query parameter of the wrong type, an unknown path and an undefined method', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock');
    const { octokit } = client();
    const badPage = await refusal(octokit.rest.pulls.list(brokenOnPurpose({ owner, repo, per_page: 'many' })));
    expect(badPage.status).toBe(422);
    expect(requestViolations(badPage.headers).map((violation) => violation.message)).toEqual(['Request query parameter per_page must be integer']);
    expect((await refusal(octokit.request('GET /repos/{owner}/{repo}/no-such-endpoint', { owner, repo }))).status).toBe(404);
    expect((await refusal(octokit.request('DELETE /repos/{owner}/{repo}/pulls', { owner, repo }))).status).toBe(405);
  });

  it('paginates a list endpoint: one page of examples, and no request beyond the mock', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock');
    const { octokit, requests } = client();
    const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 });
    expect(pulls.length).toBeGreaterThan(0);
    for (const pull of pulls) expect(pull).toMatchObject({ number: expect.any(Number), html_url: expect.stringContaining('https://github.com/'), head: { ref: expect.any(String) } });
    expect(requests).toEqual([`GET ${url}/repos/${owner}/${repo}/pulls?state=open&per_page=100`]);
  });
});
