import { describe, expect, it } from 'vitest';
import { checkTokenShape, maskToken, resolveToken, tokenKind } from './github-token';

const classic = `ghp_${'a1B2c3D4e5'.repeat(3)}abcdef`; // 36 characters after the prefix, as GitHub makes them
const fineGrained = `github_pat_${'A'.repeat(22)}_${'b9'.repeat(29)}c`;
const stored = (value: string | null) => (name: string) => (name === 'github-token' ? value : null);

describe('GitHub token shapes', () => {
  it('accepts classic, fine-grained, OAuth, app and pre-2021 tokens, naming their kind', () => {
    const tokens = { classic, fineGrained, oauth: `gho_${'x'.repeat(36)}`, appUser: `ghu_${'Y'.repeat(36)}`, installation: `ghs_${'z1'.repeat(18)}`, legacy: 'a'.repeat(20) + '0123456789abcdef0123' };
    for (const token of Object.values(tokens)) expect(checkTokenShape(token), token.slice(0, 12)).toBeNull();
    expect(Object.values(tokens).map(tokenKind)).toEqual(['classic', 'fine-grained', 'oauth', 'app-user', 'app-installation', 'classic']);
  });

  it('refuses junk with the reason and what to paste instead, never repeating the value', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      [` ${classic}\n`, /spaces or a line break around it/],
      [`Bearer ${classic}`, /without the "Bearer "/],
      [`"${classic}"`, /without the quotes/],
      [`${classic} ${classic}`, /no spaces or line breaks/],
      [`ghr_${'r'.repeat(36)}`, /refresh token/],
      ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', /SSH or PEM key/],
      ['ghp_short', /only 9 characters: it looks cut short/],
      [`ghp_${'a'.repeat(30)}-${'b'.repeat(5)}`, /characters such a token never has/],
      ['hunter2', /too short for a GitHub token/],
      ['x'.repeat(64), /does not look like a GitHub token: they start with ghp_/],
    ];
    for (const [value, reason] of cases) {
      const problem = checkTokenShape(value);
      expect(problem, JSON.stringify(value)).toMatch(reason);
      if (value.trim().length > 8) expect(problem).not.toContain(value.trim());
    }
  });

  it('takes GH_TOKEN, then GITHUB_TOKEN (as gh does), then the keychain', () => {
    expect(resolveToken({ GH_TOKEN: 'from-gh', GITHUB_TOKEN: 'from-github' }, stored('from-keychain'))).toEqual({ token: 'from-gh', source: 'GH_TOKEN' });
    expect(resolveToken({ GITHUB_TOKEN: 'from-github' }, stored('from-keychain'))).toEqual({ token: 'from-github', source: 'GITHUB_TOKEN' });
    expect(resolveToken({ GITHUB_TOKEN: '  ' }, stored('from-keychain'))).toEqual({ token: 'from-keychain', source: 'keychain' });
    expect(resolveToken({}, stored(null))).toBeNull();
  });

  it('masks the token wherever it appears in a message', () => {
    expect(maskToken(`refused ${classic}, again ${classic}`, classic)).toBe('refused [REDACTED github token], again [REDACTED github token]');
    expect(maskToken('nothing to hide', null)).toBe('nothing to hide');
  });
});
