import { existsSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './reign';

/** One Reign home for several commands, as a person uses the CLI one command after another. */
function home() {
  const dir = mkdtempSync(join(tmpdir(), 'reign-policy-cli-'));
  const env = { PATH: process.env.PATH, HOME: dir, REIGN_HOME: join(dir, 'data') };
  return async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env });
    return { code, stdout, stderr };
  };
}

describe('reign policy rules', () => {
  it('adds, lists (text and --json) and removes rules; each change is in the audit log', async () => {
    const reign = home();
    expect(await reign('policy', 'rules')).toEqual({ code: 0, stdout: 'No policy rules: every step gets the default for its risk.\n', stderr: '' });
    const added = await reign('policy', 'rules', 'add', '--tool', 'shell.exec', '--verb', 'kubectl get', '--target', 'workspace:/srv/*', '--up-to', 'read', '--expires', 'hour');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Added rule-[0-9a-f]{8} {2}allow shell\.exec `kubectl get` on workspace:\/srv\/\* up to read {2}expires: in 1 h\n$/) });
    await reign('policy', 'rules', 'add', '--tool', 'docker.*', '--up-to', 'write');
    const { rules } = JSON.parse((await reign('policy', 'rules', '--json')).stdout) as { rules: { id: string; tool: string; expiresAt?: string; source: string; expired: boolean }[] };
    expect(rules).toMatchObject([
      { tool: 'shell.exec', verb: 'kubectl get', upTo: 'read', decision: 'allow', source: 'user', expired: false, expiresAt: expect.any(String) },
      { tool: 'docker.*', upTo: 'write', source: 'user', expired: false },
    ]);
    expect(rules[1]!.expiresAt).toBeUndefined();
    expect((await reign('policy', 'rules')).stdout).toMatch(/allow docker\.\* up to write {2}expires: always\n$/);

    expect(await reign('policy', 'rules', 'remove', rules[0]!.id)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Revoked .*kubectl get/) });
    expect(JSON.parse((await reign('policy', 'rules', '--json')).stdout).rules).toHaveLength(1);
    expect(await reign('policy', 'rules', 'remove', rules[0]!.id)).toMatchObject({ code: 1, stderr: expect.stringMatching(/There is no policy rule/) });

    const audit = (await reign('audit', 'export')).stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; payload: { rule: { id: string } } });
    expect(audit.filter((entry) => entry.kind.startsWith('policy.rule.')).map((entry) => [entry.kind, entry.payload.rule.id])).toEqual([
      ['policy.rule.added', rules[0]!.id],
      ['policy.rule.added', rules[1]!.id],
      ['policy.rule.removed', rules[0]!.id],
    ]);
  });

  it('refuses bad requests with exit 2, and destructive rules reaching production with exit 1', async () => {
    const reign = home();
    expect(await reign('policy', 'rules', 'add', '--tool', 'shell.exec')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--up-to/) });
    expect(await reign('policy', 'rules', 'add', '--tool', 'shell.exec', '--up-to', 'read', '--expires', 'session')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--expires/) });
    expect(await reign('policy', 'rules', 'add', '--tool', 'shell.exec', '--verb', 'ls; rm', '--up-to', 'read')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--verb: A verb is/) });
    expect(await reign('policy', 'rules', 'add', '--tool', 'x', '--bogus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--bogus/) });
    expect(await reign('policy', 'frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/reign policy rules/) });
    await reign('settings', 'set', 'productionTargets', '["kubernetes:prod-*"]');
    expect(await reign('policy', 'rules', 'add', '--tool', 'kubernetes.*', '--up-to', 'destructive')).toMatchObject({ code: 1, stderr: expect.stringMatching(/production targets always need a person/) });
    expect(JSON.parse((await reign('policy', 'rules', '--json')).stdout).rules).toEqual([]);
    // Options of `reign policy` are not options of other commands.
    expect(await reign('doctor', '--tool', 'x')).toMatchObject({ code: 2 });
  });

  it('a verb rule lets that simple command run in a plan without approval, never a compound one', async () => {
    const reign = home();
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-policy-ws-')));
    const plan = (command: string) => {
      const file = join(mkdtempSync(join(tmpdir(), 'reign-policy-plan-')), 'plan.json');
      writeFileSync(file, JSON.stringify({ steps: [{ id: 's', tool: 'shell.exec', input: { command } }] }));
      return file;
    };
    expect((await reign('plan', 'run', plan('touch before.txt'), '--workspace', workspace)).code).toBe(3);
    expect((await reign('policy', 'rules', 'add', '--tool', 'shell.exec', '--verb', 'touch', '--target', `workspace:${workspace}`, '--up-to', 'write')).code).toBe(0);
    const allowed = await reign('plan', 'run', plan('touch made.txt'), '--workspace', workspace);
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
    expect(existsSync(join(workspace, 'made.txt'))).toBe(true);
    const compound = await reign('plan', 'run', plan('touch other.txt && touch more.txt'), '--workspace', workspace);
    expect(compound.code).toBe(3);
    expect(existsSync(join(workspace, 'other.txt'))).toBe(false);
  });
});
