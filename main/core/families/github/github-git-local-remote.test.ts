import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noSecrets } from '../../tools/access';
import { toolContext } from '../../tools/tool-definition';
import { pathsInRepository, workspaceFolder } from './github-git-local-paths';
import { displayUrl, githubCloneUrl, githubRepoOf, remoteUrlProblem, withoutUrlCredentials } from './github-git-local-remote';
import { gitEnvironment, gitWords } from './github-git-local-run';

describe('remote addresses', () => {
  it('takes https, ssh, scp-like and file:// addresses; refuses credentials in a URL, transport helpers and options', () => {
    for (const url of ['https://github.com/octocat/Hello-World.git', 'git@github.com:octocat/Hello-World.git', 'ssh://git@github.com/octocat/Hello-World.git', 'file:///srv/git/app.git', 'http://127.0.0.1:8080/a/b.git']) expect(remoteUrlProblem(url), url).toBeNull();
    expect(remoteUrlProblem('https://x-access-token:ghp_secret@github.com/o/r.git')).toMatch(/carries a user name or password/);
    expect(remoteUrlProblem('https://ghp_secret@github.com/o/r.git')).toMatch(/carries a user name or password/);
    expect(remoteUrlProblem('ext::sh -c touch% /tmp/pwned')).toMatch(/transport helper/);
    expect(remoteUrlProblem('--upload-pack=touch /tmp/pwned')).toMatch(/starts with "-"/);
    expect(remoteUrlProblem('ftp://example.com/r.git')).toMatch(/not a protocol Reign clones over/);
    expect(remoteUrlProblem('https://github.com/o/r.git\nhost=evil')).toMatch(/control character/);
  });

  it('knows a repository of the configured GitHub (github.com, or the Enterprise Server of GITHUB_API_URL) by its address', () => {
    expect(githubRepoOf('https://github.com/octocat/Hello-World.git', {})).toBe('octocat/Hello-World');
    expect(githubRepoOf('git@github.com:octocat/Hello-World.git', {})).toBe('octocat/Hello-World');
    expect(githubRepoOf('ssh://git@github.com/octocat/Hello-World', {})).toBe('octocat/Hello-World');
    expect(githubRepoOf('https://gitlab.com/octocat/Hello-World.git', {})).toBeNull();
    expect(githubRepoOf('file:///srv/git/Hello-World.git', {})).toBeNull();
    const ghe = { GITHUB_API_URL: 'https://ghe.example.com/api/v3' };
    expect(githubRepoOf('https://ghe.example.com/acme/api.git', ghe)).toBe('acme/api');
    expect(githubRepoOf('https://github.com/acme/api.git', ghe)).toBeNull();
    expect(githubCloneUrl({}, 'octocat/Hello-World')).toBe('https://github.com/octocat/Hello-World.git');
    expect(githubCloneUrl(ghe, 'acme/api')).toBe('https://ghe.example.com/acme/api.git');
    expect(githubCloneUrl({ GITHUB_API_URL: 'http://127.0.0.1:8123/api/v3' }, 'a/b')).toBe('http://127.0.0.1:8123/a/b.git');
  });

  it('shows addresses, and git’s messages, without the credentials a URL may carry', () => {
    expect(displayUrl('https://user:ghp_secret@github.com/o/r.git')).toBe('https://github.com/o/r.git');
    expect(withoutUrlCredentials('To https://x:ghp_secret@github.com/o/r.git\n ! [rejected]')).toBe('To https://github.com/o/r.git\n ! [rejected]');
    expect(gitWords('hint: a\nTo x\n ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs to x\n')).toBe(' ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs to x');
  });
});

describe('git’s environment and folders', () => {
  it('passes no token, other credential, askpass program or repository override to git, and never lets it prompt', () => {
    const env = gitEnvironment({ PATH: '/bin', HOME: '/home/me', GH_TOKEN: 'a', GITHUB_TOKEN: 'b', ANTHROPIC_API_KEY: 'sk-ant-c', AWS_SECRET_ACCESS_KEY: 'd', GIT_ASKPASS: '/x', SSH_ASKPASS: '/y', GIT_DIR: '/elsewhere', GIT_CONFIG_GLOBAL: '/c', GIT_AUTHOR_NAME: 'Me', SSH_AUTH_SOCK: '/run/agent', LC_CTYPE: 'C.UTF-8' }, '/work/space');
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/me', GIT_AUTHOR_NAME: 'Me', SSH_AUTH_SOCK: '/run/agent', LC_CTYPE: 'C.UTF-8', GIT_TERMINAL_PROMPT: '0', GIT_CEILING_DIRECTORIES: '/work', LC_MESSAGES: 'C', LANGUAGE: 'C' });
  });

  it('a folder or path that escapes the workspace is refused, through .. or a link', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'reign-git-paths-')));
    const workspace = join(root, 'ws');
    mkdirSync(join(workspace, 'repo'), { recursive: true });
    symlinkSync(dirname(workspace), join(workspace, 'out'));
    const ctx = toolContext(workspace, {}, {} as never, noSecrets);
    expect(workspaceFolder(ctx, '.')).toBe(workspace);
    expect(workspaceFolder(ctx, 'repo')).toBe(join(workspace, 'repo'));
    expect(() => workspaceFolder(ctx, '../elsewhere')).toThrow(/outside the workspace/);
    expect(() => workspaceFolder(ctx, 'out/ws2')).toThrow(/outside the workspace/);
    expect(pathsInRepository(ctx, join(workspace, 'repo'), ['src/a.ts', '.'])).toEqual(['src/a.ts', '.']);
    expect(() => pathsInRepository(ctx, join(workspace, 'repo'), ['../../etc/passwd'])).toThrow(/outside the workspace/);
    expect(() => pathsInRepository(ctx, join(workspace, 'repo'), ['/etc/passwd'])).toThrow(/outside the workspace/);
  });
});
