import { describe, expect, it } from 'vitest';
import { toolContext } from '../../tools/tool-definition';
import { githubSecretSourcesKey, maskValue, MAX_SECRET_BYTES, reignCredentialIn, secretSourceField } from './github-secret-source';
import { secretSetRisk } from './github-secret-tools';
import { scopeOf } from './github-scope';

const sources = (env: NodeJS.ProcessEnv, keychain: Record<string, string> = {}) => toolContext('/tmp', env, {} as never, (name) => keychain[name] ?? null).access(githubSecretSourcesKey);
const issue = (value: unknown): string | undefined => {
  const parsed = secretSourceField.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues.map((entry) => entry.message).join('; ');
};

describe("where a secret's value comes from", () => {
  it('takes a place, never a value', () => {
    expect(issue({ from: 'env', variable: 'REGISTRY_TOKEN' })).toBeUndefined();
    expect(issue({ from: 'keychain', name: 'github-token' })).toBeUndefined();
    // The model sending the value itself is refused: there is no field it could go in.
    expect(issue('hunter2')).toBeDefined();
    expect(issue({ from: 'env', variable: 'X', value: 'hunter2' })).toBeDefined();
    expect(issue({ from: 'typed', value: 'hunter2' })).toBeDefined();
    expect(issue({ from: 'env', variable: 'not a name' })).toMatch(/an environment variable name/);
  });

  it('reads only keychain entries the family declares, and says how to bring another value', () => {
    expect(issue({ from: 'keychain', name: 'my-registry-token' })).toBe(
      "Reign can read only the keychain entries the GitHub family declares (github-token), not \"my-registry-token\". For another value, start Reign with it in an environment variable and give { from: 'env', variable: 'NAME' }.",
    );
    // Even if asked directly, an undeclared entry is not read.
    expect(sources({}, { 'my-registry-token': 'x'.repeat(20) }).read({ from: 'keychain', name: 'my-registry-token' })).toMatchObject({ ok: false });
  });

  it("reads Reign's environment and the declared keychain entry when the step runs", () => {
    expect(sources({ REGISTRY_TOKEN: 'tok-123456' }).read({ from: 'env', variable: 'REGISTRY_TOKEN' })).toEqual({ ok: true, value: 'tok-123456' });
    expect(sources({}, { 'github-token': 'ghp_stored' }).read({ from: 'keychain', name: 'github-token' })).toEqual({ ok: true, value: 'ghp_stored' });
  });

  it('says what is wrong with a place in words that never hold a value', () => {
    expect(sources({}).read({ from: 'env', variable: 'REGISTRY_TOKEN' })).toEqual({ ok: false, message: "the environment variable REGISTRY_TOKEN is not set in Reign's environment: start Reign with it set, or take the value from the keychain." });
    expect(sources({ EMPTY: '' }).read({ from: 'env', variable: 'EMPTY' })).toEqual({ ok: false, message: 'the environment variable EMPTY is empty: GitHub keeps no empty secrets.' });
    expect(sources({}).read({ from: 'keychain', name: 'github-token' })).toEqual({ ok: false, message: 'the keychain entry github-token is not in the keychain (or no keychain can be read here): store it in Settings.' });
    const big = 'b'.repeat(MAX_SECRET_BYTES + 1);
    const tooBig = sources({ BIG: big }).read({ from: 'env', variable: 'BIG' });
    expect(tooBig).toMatchObject({ ok: false, message: expect.stringMatching(/holds 49153 bytes, more than the 49152 GitHub takes/) });
    expect(JSON.stringify(tooBig)).not.toContain(big.slice(0, 10));
    // A preview may say whether a variable is set; a keychain entry is not read before the step runs.
    expect(sources({ SET: 'v' }).isSet({ from: 'env', variable: 'SET' })).toBe(true);
    expect(sources({}, { 'github-token': 'ghp_x' }).isSet({ from: 'keychain', name: 'github-token' })).toBeNull();
  });

  it('masks a value wherever it appears', () => {
    expect(maskValue('failed: s3cr3t at s3cr3t', 's3cr3t')).toBe('failed: [REDACTED secret value] at [REDACTED secret value]');
    expect(maskValue('nothing', '')).toBe('nothing');
  });
});

describe('the risk of setting a secret', () => {
  const repo = scopeOf({ repo: 'octocat/Hello-World' });
  const value = { from: 'env', variable: 'REGISTRY_TOKEN' } as const;

  it('is write for a new secret, destructive when it replaces one, since the old value cannot be restored', () => {
    expect(secretSetRisk({ name: 'NEW_ONE', value }, repo, { existing: null })).toEqual({ risk: 'write', reasons: ['creates the secret NEW_ONE in octocat/Hello-World'] });
    expect(secretSetRisk({ name: 'GH_TOKEN', value }, repo, { existing: { name: 'GH_TOKEN', createdAt: '2019-08-10T14:59:22Z', updatedAt: '2020-01-10T14:59:22Z', visibility: null } })).toEqual({
      risk: 'destructive',
      reasons: ['replaces the secret GH_TOKEN of octocat/Hello-World (last updated 2020-01-10T14:59:22Z): its old value cannot be restored'],
    });
  });

  it('is destructive when it could not be checked', () => {
    expect(secretSetRisk({ name: 'X', value }, repo, undefined)).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/could not be checked .* its old value cannot be restored/)] });
  });

  it("is destructive when the value is a credential Reign signs in with", () => {
    expect(reignCredentialIn({ from: 'keychain', name: 'github-token' })).toBe('the GitHub token Reign uses');
    expect(reignCredentialIn({ from: 'env', variable: 'ANTHROPIC_API_KEY' })).toBe("Reign's Anthropic API key");
    expect(reignCredentialIn(value)).toBeNull();
    expect(secretSetRisk({ name: 'BOT_TOKEN', value: { from: 'env', variable: 'GH_TOKEN' } }, repo, { existing: null })).toEqual({
      risk: 'destructive',
      reasons: ['copies the GitHub token Reign uses into the secret BOT_TOKEN of octocat/Hello-World: workflows there, and whoever can change them, can use it'],
    });
  });
});
