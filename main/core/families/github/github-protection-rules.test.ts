import { describe, expect, it } from 'vitest';
import { protectBody, protectionDiff, restoreBody, rulesFromGitHub, rulesFromInput, weakenings } from './github-protection-rules';

// GitHub's answer for a protected branch (trimmed from the REST API's example: URLs left out).
const answer = {
  required_status_checks: { strict: true, contexts: ['ci/test', 'lint'] },
  enforce_admins: { enabled: true },
  required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: true, required_approving_review_count: 2, dismissal_restrictions: { users: [{ login: 'octocat' }], teams: [{ slug: 'justice-league' }], apps: [] } },
  restrictions: { users: [{ login: 'octocat' }], teams: [], apps: [{ slug: 'octoapp' }] },
  required_linear_history: { enabled: true },
  allow_force_pushes: { enabled: false },
  allow_deletions: { enabled: false },
  required_conversation_resolution: { enabled: false },
};

describe('branch protection rules', () => {
  it('a protect step sends the four rules GitHub requires and only the optional ones it names', () => {
    expect(protectBody({})).toEqual({ required_status_checks: null, required_pull_request_reviews: null, restrictions: null, enforce_admins: false });
    expect(protectBody({ reviews: { required: 1, dismissStale: true, codeOwners: false }, checks: { contexts: ['ci/test'], strict: true }, allowForcePushes: false })).toEqual({
      required_status_checks: { strict: true, contexts: ['ci/test'] },
      required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: false, required_approving_review_count: 1 },
      restrictions: null,
      enforce_admins: false,
      allow_force_pushes: false,
    });
  });

  it('reads GitHub’s answer, and the restore body sets every rule back, restrictions included', () => {
    const rules = rulesFromGitHub(answer);
    expect(rules.reviews).toEqual({ required: 2, dismissStale: true, codeOwners: true, lastPushApproval: false, dismissalRestrictions: { users: ['octocat'], teams: ['justice-league'], apps: [] }, bypass: null });
    expect(rules.restrictions).toEqual({ users: ['octocat'], teams: [], apps: ['octoapp'] });
    expect(restoreBody(rules)).toMatchObject({
      required_status_checks: { strict: true, contexts: ['ci/test', 'lint'] },
      required_pull_request_reviews: { required_approving_review_count: 2, dismissal_restrictions: { users: ['octocat'], teams: ['justice-league'], apps: [] } },
      restrictions: { users: ['octocat'], teams: [], apps: ['octoapp'] },
      enforce_admins: true,
      required_linear_history: true,
      allow_force_pushes: false,
      lock_branch: false,
    });
  });

  it('names every way a new protection is weaker, and none when it is stronger', () => {
    const now = rulesFromGitHub(answer);
    const weaker = rulesFromInput({ reviews: { required: 1, dismissStale: true, codeOwners: true }, checks: { contexts: ['ci/test'], strict: true }, enforceAdmins: true, linearHistory: true, allowForcePushes: true });
    expect(weakenings(now, weaker)).toEqual(['requires fewer approving reviews (2 → 1)', 'lets anyone with write access dismiss reviews', 'drops the required status check lint', 'allows force pushes', 'lets anyone with write access push (it is restricted now)']);
    expect(weakenings(null, rulesFromInput({ allowForcePushes: true }))).toEqual([]);
    expect(weakenings(rulesFromInput({ reviews: { required: 1, dismissStale: false, codeOwners: false } }), rulesFromInput({ reviews: { required: 2, dismissStale: true, codeOwners: false }, linearHistory: true }))).toEqual([]);
    expect(weakenings(now, null)).toEqual(['removes every protection rule']);
  });

  it('diffs the protection line by line: kept rules plain, changed ones as - and +', () => {
    const before = rulesFromInput({ reviews: { required: 2, dismissStale: false, codeOwners: false }, linearHistory: true });
    const after = rulesFromInput({ checks: { contexts: ['ci/test'], strict: true }, linearHistory: true });
    expect(protectionDiff(before, after)).toEqual([
      '- Pull request before merging: required, 2 approving reviews',
      '+ Pull request before merging: not required',
      '- Dismiss stale approvals on new commits: no',
      '- Code owners must review: no',
      '- The last push must be approved by someone else: no',
      '- Who may dismiss reviews: anyone with write access',
      '- Who may merge without the reviews: nobody',
      '- Required status checks: none',
      '+ Required status checks: ci/test',
      '+ Branch must be up to date before merging: yes',
      '  Rules apply to administrators: no',
      '  Linear history required: yes',
      '  Conversations must be resolved: no',
      '  Force pushes allowed: no',
      '  Deleting the branch allowed: no',
      '  Who may push: anyone with write access',
      '  Branch locked (read-only): no',
    ]);
    expect(protectionDiff(null, rulesFromInput({}))[0]).toBe('- Protection: none (anyone with write access can push, force-push or delete it)');
  });
});
