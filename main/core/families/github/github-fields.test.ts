import { describe, expect, it } from 'vitest';
import { branchField, headField, labelsField, loginsField, shaField } from './github-fields';

const problem = (field: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string | undefined => {
  const parsed = field.safeParse(value);
  return parsed.success ? undefined : parsed.error?.issues[0]?.message;
};

describe('branch names, under git check-ref-format and GitHub', () => {
  it('takes the names people use', () => {
    for (const name of ['main', 'feature/login', 'release-1.4', 'user/fix_typo', 'v1.2.3', 'a', 'dependabot/npm_and_yarn/lodash-4.17.21']) expect(problem(branchField, name), name).toBeUndefined();
  });

  it('refuses what git refuses, saying why', () => {
    expect(problem(branchField, 'refs/heads/main')).toBe('Not a branch: give the branch without refs/heads/: main.');
    expect(problem(branchField, 'has space')).toMatch(/^Not a branch: "has space" has a character git refuses in a branch name/);
    for (const name of ['a~1', 'a^', 'a:b', 'what?', 'st*r', 'br[acket', 'back\\slash', 'tab\there']) expect(problem(branchField, name), name).toMatch(/a character git refuses/);
    expect(problem(branchField, 'a..b')).toMatch(/has "\.\." or "@\{"/);
    expect(problem(branchField, 'a@{1}')).toMatch(/has "\.\." or "@\{"/);
    expect(problem(branchField, '@')).toMatch(/or is "@"/);
    expect(problem(branchField, '-x')).toMatch(/starts with "-"/);
    expect(problem(branchField, 'feature/')).toMatch(/an empty part between slashes/);
    expect(problem(branchField, 'a//b')).toMatch(/an empty part between slashes/);
    expect(problem(branchField, 'end.')).toMatch(/ends with "\."/);
    expect(problem(branchField, 'feature/.hidden')).toMatch(/starting with "\." or ending with "\.lock"/);
    expect(problem(branchField, 'main.lock')).toMatch(/ending with "\.lock"/);
    expect(problem(branchField, '')).toMatch(/the branch name is empty/);
    expect(problem(branchField, 'x'.repeat(256))).toMatch(/longer than 255 characters/);
  });

  it("a pull request's head: a branch, or OWNER:BRANCH in a fork", () => {
    expect(problem(headField, 'feature/login')).toBeUndefined();
    expect(problem(headField, 'octocat:feature/login')).toBeUndefined();
    expect(problem(headField, '-bad:main')).toMatch(/^Not a head branch: "-bad" is not a GitHub account name/);
    expect(problem(headField, 'a:b:c')).toMatch(/more than one ":"/);
    expect(problem(headField, 'octocat:bad..name')).toMatch(/has "\.\." or "@\{"/);
  });
});

describe('shas, logins and labels', () => {
  it('takes a full sha in lower case, and refuses an abbreviated one saying where to find it', () => {
    expect(shaField.parse('6DCB09B5B57875F334F61AEBED695E2E4193DB5E')).toBe('6dcb09b5b57875f334f61aebed695e2e4193db5e');
    expect(problem(shaField, '6dcb09b')).toMatch(/a full 40-character commit sha .*github\.pr\.get/);
  });

  it('logins follow GitHub account rules (bots included), each once; at most the limit', () => {
    expect(loginsField(4).parse(['hubot', 'octocat', 'hubot', 'dependabot[bot]'])).toEqual(['hubot', 'octocat', 'dependabot[bot]']);
    expect(problem(loginsField(3), ['not a login'])).toMatch(/^Not a GitHub user: "not a login" is not a GitHub account name/);
    expect(problem(loginsField(1), ['a', 'b'])).toBeDefined();
  });

  it('labels are trimmed, each once, up to GitHub’s 50 characters', () => {
    expect(labelsField.parse([' bug ', 'bug', 'good first issue'])).toEqual(['bug', 'good first issue']);
    expect(problem(labelsField, ['x'.repeat(51)])).toMatch(/at most 50 characters/);
    expect(problem(labelsField, ['  '])).toMatch(/a label name is empty/);
  });
});
