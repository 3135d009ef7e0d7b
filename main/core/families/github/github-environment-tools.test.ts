import { describe, expect, it } from 'vitest';
import { trimEnvironment } from './github-environment-tools';
import { trimVariable } from './github-variable-tools';

const base = { name: 'staging', updated_at: '2020-11-23T22:00:40Z', html_url: 'https://github.com/github/hello-world/deployments/activity_log?environments_filter=staging' };

describe('environments as a person reads their protection', () => {
  it('names reviewers, the wait timer and the custom branch patterns', () => {
    const environment = {
      ...base,
      protection_rules: [
        { type: 'wait_timer', wait_timer: 30 },
        { type: 'required_reviewers', prevent_self_review: true, reviewers: [{ type: 'User', reviewer: { login: 'octocat' } }, { type: 'Team', reviewer: { slug: 'justice-league', name: 'Justice League' } }] },
        { type: 'branch_policy' },
        { type: 'custom_app_rule' },
      ],
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
    };
    expect(trimEnvironment(environment, ['release/*', 'tag v*'])).toEqual({ ...{ name: 'staging', updatedAt: base.updated_at, htmlUrl: base.html_url }, reviewers: ['user octocat', 'team justice-league'], preventSelfReview: true, waitTimerMinutes: 30, branches: 'custom', branchPatterns: ['release/*', 'tag v*'], otherRules: ['custom_app_rule'] });
  });

  it('says any branch may deploy when there is no policy, and protected ones when that is the policy', () => {
    expect(trimEnvironment({ ...base, deployment_branch_policy: null })).toMatchObject({ reviewers: [], preventSelfReview: false, waitTimerMinutes: 0, branches: 'any', branchPatterns: [] });
    expect(trimEnvironment({ ...base, deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } }, ['ignored'])).toMatchObject({ branches: 'protected branches', branchPatterns: [] });
  });
});

describe('variables as the list shows them', () => {
  it('shows values as text, whatever type an answer gave', () => {
    expect(trimVariable({ name: 'ACTIONS_RUNNER_DEBUG', value: true, updated_at: '2020-01-10T14:59:22Z', visibility: 'all' })).toEqual({ name: 'ACTIONS_RUNNER_DEBUG', value: 'true', updatedAt: '2020-01-10T14:59:22Z', visibility: 'all' });
    expect(trimVariable({ name: 'USERNAME', value: 'octocat', updated_at: '2020-01-10T14:59:22Z' }).visibility).toBeNull();
  });
});
