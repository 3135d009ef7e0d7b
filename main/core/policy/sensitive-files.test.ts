import { beforeAll, describe, expect, it } from 'vitest';
import { familyVerbs } from '../../../e2e/fixtures/family-tools';
import { isAbove } from './risk';
import { credentialStore, executionConfigFile, maskCredentialContent } from './sensitive-files';
import { createShellAnalyzer } from './shell/create-shell-analyzer';
import type { ShellAnalyzer } from './shell/shell-analyzer';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});

describe('files that hold secrets or decide what runs', () => {
  it('knows credential stores, and not their look-alikes', () => {
    for (const path of ['~/.ssh/id_ed25519', '/root/.ssh/id_rsa', '~/.aws/credentials', '~/.kube/config', '~/.config/gh/hosts.yml', '~/.netrc', '~/.gnupg/private-keys-v1.d/x.key', '~/.config/google-chrome/Default/Cookies', '.env', 'api/.env.production', '/etc/shadow', '~/.docker/config.json']) {
      expect(credentialStore(path), path).not.toBeNull();
    }
    for (const path of ['~/.ssh/id_rsa.pub', '.env.example', 'src/env.ts', 'README.md', 'docs/aws.md']) expect(credentialStore(path), path).toBeNull();
  });

  it('knows files that configure execution', () => {
    for (const path of ['.git/config', '.git/hooks/pre-commit', '~/.bashrc', '.profile', '.zshrc', '.npmrc', '.envrc', 'Makefile', '.github/workflows/ci.yml', '~/.ssh/authorized_keys', '/etc/cron.d/job', '/etc/systemd/system/x.service', '/etc/sudoers.d/me']) {
      expect(executionConfigFile(path), path).not.toBeNull();
    }
    for (const path of ['src/main.ts', 'docs/Makefile.md', 'README.md', '.gitignore']) expect(executionConfigFile(path), path).toBeNull();
  });

  it('shell writes to them are destructive and say why; reading them is never read', () => {
    for (const command of ['echo "[core] fsmonitor = touch x" >> .git/config', 'printf x > .git/hooks/pre-commit', 'cp evil.mk Makefile', 'tee .github/workflows/ci.yml < ci.yml', "sed -i 's/a/b/' ~/.bashrc", 'mv x ~/.npmrc']) {
      const result = shell.analyze(command);
      expect(isAbove(result.risk, 'write'), `${command}: ${result.risk}`).toBe(true);
      expect(result.reasons.join(' '), command).toMatch(/run|log in|package managers/);
    }
    for (const command of ['cat ~/.aws/credentials', 'cat ~/.ssh/id_rsa', 'head .env', 'grep token ~/.config/gh/hosts.yml']) expect(shell.analyze(command).risk, command).not.toBe('read');
    expect(shell.analyze('cat ~/.ssh/id_rsa.pub').risk).not.toBe('critical');
  });

  it('reads outside the workspace ask; inside, and harmless system facts, stay read', () => {
    for (const command of ['cat ../other/secret', 'cat /var/log/auth.log', 'head ~/notes.txt', 'tail -n 5 $HOME/x']) expect(shell.analyze(command), command).toMatchObject({ risk: 'write', reasons: expect.arrayContaining([expect.stringMatching(/outside the workspace/)]) });
    for (const command of ['cat README.md', 'cat src/a.ts | wc -l', 'cat /etc/os-release', 'grep -n /api/ server.log']) expect(shell.analyze(command).risk, command).toBe('read');
  });

  it('masks every value of a credential file, keeping its shape', () => {
    const masked = maskCredentialContent('[default]\naws_access_key_id = AKIAxxxxxxxxxxxxxxxx\naws_secret_access_key=abc123secret\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----\n');
    expect(masked).toBe('[default]\naws_access_key_id = [REDACTED]\naws_secret_access_key=[REDACTED]\n[REDACTED private key]\n');
  });
});
