import { describe, expect, it } from 'vitest';
import { forcePushRefusal, type PushFacts } from './github-git-local-push-tools';

const facts = (change: Partial<PushFacts>): PushFacts => ({
  repo: { dir: '/ws/app', branch: 'topic', head: 'a'.repeat(40), remote: null },
  remote: { name: 'origin', url: 'https://github.com/acme/app.git', github: 'acme/app' },
  branch: 'topic',
  local: 'a'.repeat(40),
  remoteSha: 'b'.repeat(40),
  remoteHead: 'main',
  github: { defaultBranch: 'main', protected: false },
  ...change,
});

describe('when a force push is refused', () => {
  it('on GitHub: the default branch GitHub names, a branch it protects, or when GitHub could not be asked', () => {
    expect(forcePushRefusal(facts({}))).toBeNull();
    expect(forcePushRefusal(facts({ branch: 'main' }))).toBe('main is the default branch of acme/app: its history is never replaced by force');
    // GitHub's answer wins over the remote's HEAD: the default branch may have been changed on GitHub.
    expect(forcePushRefusal(facts({ branch: 'trunk', remoteHead: 'trunk', github: { defaultBranch: 'main', protected: false } }))).toBeNull();
    expect(forcePushRefusal(facts({ github: { defaultBranch: 'main', protected: true } }))).toBe('topic is a protected branch of acme/app: its history is never replaced by force');
    expect(forcePushRefusal(facts({ github: null }))).toMatch(/could not be read from GitHub/);
  });

  it('elsewhere: the branch the remote’s HEAD points at', () => {
    const other = { remote: { name: 'origin', url: 'file:///srv/app.git', github: null }, github: null };
    expect(forcePushRefusal(facts({ ...other }))).toBeNull();
    expect(forcePushRefusal(facts({ ...other, branch: 'main' }))).toBe("main is the branch the remote's HEAD points at (its default branch): its history is never replaced by force");
  });
});
