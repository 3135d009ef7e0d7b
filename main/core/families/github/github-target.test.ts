import { describe, expect, it } from 'vitest';
import { ownerField, ownerTarget, repoField, repoTarget } from './github-target';

const problem = (value: string): string | undefined => {
  const parsed = repoField.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

describe('repository fields', () => {
  it('accepts OWNER/REPO as GitHub names them, managed-user owners included', () => {
    for (const value of ['octocat/Hello-World', 'a/b', 'my-org/repo.js', 'octo-org/_private_', 'user_acme/dotfiles', 'x/.github', `${'o'.repeat(39)}/${'r'.repeat(100)}`]) expect(problem(value), value).toBeUndefined();
  });

  it('refuses anything else, saying what is wrong and what to write', () => {
    expect(problem('Hello-World')).toBe('Not a repository: "Hello-World" has no owner: give OWNER/REPO, e.g. octocat/Hello-World.');
    expect(problem('https://github.com/octocat/Hello-World')).toBe('Not a repository: give the repository as OWNER/REPO (octocat/Hello-World), not as a URL.');
    expect(problem('git@github.com:octocat/Hello-World.git')).toBe('Not a repository: give the repository as OWNER/REPO (octocat/Hello-World), not as a URL.');
    expect(problem('octocat/Hello-World.git')).toBe('Not a repository: give the repository without .git: octocat/Hello-World.');
    expect(problem('octocat/Hello/World')).toMatch(/is not OWNER\/REPO: a repository is an owner and a name with one \//);
    expect(problem('-octocat/repo')).toMatch(/"-octocat" is not a GitHub account name/);
    expect(problem('octo--cat/repo')).toMatch(/not a GitHub account name \(letters, digits and single hyphens/);
    expect(problem(`${'o'.repeat(40)}/repo`)).toMatch(/longer than GitHub's 39 characters/);
    expect(problem('octocat/')).toMatch(/no repository name after the \//);
    expect(problem('octocat/..')).toMatch(/".." is not a GitHub repository name/);
    expect(problem('octocat/has space')).toMatch(/"has space" is not a GitHub repository name/);
    expect(problem(`octocat/${'r'.repeat(101)}`)).toMatch(/up to 100 letters/);
    expect(ownerField.safeParse('octo/cat').error?.issues[0]?.message).toMatch(/^Not an account: "octo\/cat" is not a GitHub account name/);
  });

  it('targets github:OWNER/REPO in lower case (GitHub names ignore case), labelled as written', () => {
    expect(repoTarget('Octocat/Hello-World')).toEqual({ kind: 'github', id: 'github:octocat/hello-world', label: 'Octocat/Hello-World' });
    expect(ownerTarget('Octo-Org')).toEqual({ kind: 'github', id: 'github:octo-org/*', label: 'Octo-Org, every repository' });
  });
});
