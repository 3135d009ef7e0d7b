import type { AccessWhere } from '../../tools/access';

/** The keychain entry the family declares (Settings stores it; `gh auth token` can be imported into it). */
export const GITHUB_TOKEN_SECRET = 'github-token';

/** Where the token of a connection came from, so a refusal can say which one to replace. */
export type TokenSource = 'GH_TOKEN' | 'GITHUB_TOKEN' | 'keychain';

export type TokenKind = 'classic' | 'fine-grained' | 'oauth' | 'app-user' | 'app-installation' | 'unknown';

/**
 * The token steps use. The environment wins, in gh's order of precedence (GH_TOKEN, then
 * GITHUB_TOKEN), for headless use and CI; else the one stored in the keychain.
 */
export function resolveToken(env: NodeJS.ProcessEnv, secret: AccessWhere['secret']): { token: string; source: TokenSource } | null {
  for (const name of ['GH_TOKEN', 'GITHUB_TOKEN'] as const) {
    const value = env[name]?.trim();
    if (value) return { token: value, source: name };
  }
  const stored = secret(GITHUB_TOKEN_SECRET)?.trim();
  return stored ? { token: stored, source: 'keychain' } : null;
}

/** Text with the token replaced, for messages built from what a server or a library said. */
export function maskToken(text: string, token: string | null | undefined): string {
  return token ? text.split(token).join('[REDACTED github token]') : text;
}

/** What to do when there is no token, for errors and the doctor alike. */
export const TOKEN_HOW_TO =
  'Store a GitHub token in Settings (kept in the OS keychain; Settings can import it from `gh auth token` when the gh CLI is logged in), or set GITHUB_TOKEN (or GH_TOKEN) for headless use. Create one at https://github.com/settings/tokens (a fine-grained token with the repositories it needs, or a classic token with the repo and workflow scopes).';

// Worded without "token:" before a name: the redactor would take what follows "token:" for a value and mask it.
export const NO_TOKEN_MESSAGE = `No GitHub token was found (GH_TOKEN and GITHUB_TOKEN are not set, and none is stored in the keychain). ${TOKEN_HOW_TO}`;

/** Where a token came from, in words: "the token in GITHUB_TOKEN". */
export const tokenOrigin = (source: TokenSource): string => (source === 'keychain' ? 'the GitHub token stored in the keychain' : `the token in ${source}`);

// GitHub's token formats (github.blog, "Behind GitHub's new authentication token formats"): a
// prefix naming the kind, then base62 (fine-grained tokens: two parts joined by `_`). GitHub may
// lengthen them, so only a floor is checked, and the 255-character ceiling GitHub documents.
const formats: readonly { readonly pattern: RegExp; readonly kind: TokenKind }[] = [
  { pattern: /^ghp_[A-Za-z0-9]{30,251}$/, kind: 'classic' },
  { pattern: /^github_pat_[A-Za-z0-9_]{22,244}$/, kind: 'fine-grained' },
  { pattern: /^gho_[A-Za-z0-9]{30,251}$/, kind: 'oauth' },
  { pattern: /^ghu_[A-Za-z0-9]{30,251}$/, kind: 'app-user' },
  { pattern: /^ghs_[A-Za-z0-9._-]{30,251}$/, kind: 'app-installation' },
  // Classic tokens made before April 2021: 40 hex digits, still accepted by GitHub.
  { pattern: /^[0-9a-f]{40}$/, kind: 'classic' },
];

export function tokenKind(token: string): TokenKind {
  return formats.find((format) => format.pattern.test(token))?.kind ?? 'unknown';
}

/** The `check` of the declared secret: what is wrong with a value before it is stored, or null. Never repeats the value. */
export function checkTokenShape(value: string): string | null {
  if (!value) return 'The GitHub token is empty. Paste the token itself (ghp_…, github_pat_…).';
  if (value !== value.trim()) return 'The GitHub token has spaces or a line break around it. Paste the token alone.';
  if (/^(ssh-|ecdsa-|-----BEGIN)/.test(value)) return 'That is an SSH or PEM key, not a GitHub token. Create a token at https://github.com/settings/tokens.';
  if (/^(bearer|token)\s/i.test(value)) return 'Paste the token without the "Bearer " or "token " in front of it.';
  if (/^["'].*["']$/.test(value)) return 'Paste the token without the quotes around it.';
  if (/\s/.test(value)) return 'A GitHub token has no spaces or line breaks in it: this looks like more than one token, or a command. Paste the token alone.';
  if (/^ghr_/.test(value)) return 'That is a GitHub refresh token (ghr_…), which cannot call the API. Store a personal access token (ghp_… or github_pat_…).';
  const known = /^(ghp|gho|ghu|ghs)_|^github_pat_/.exec(value);
  if (known) {
    if (tokenKind(value) !== 'unknown') return null;
    const floor = known[0] === 'github_pat_' ? 22 : 30;
    if (value.length - known[0].length < floor) return `It starts like a GitHub token (${known[0]}…) but is only ${value.length} characters: it looks cut short. Copy the whole token again.`;
    return `It starts like a GitHub token (${known[0]}…) but has characters such a token never has (only letters and digits${known[0] === 'github_pat_' ? ' and _' : ''}): copy the token again.`;
  }
  if (tokenKind(value) !== 'unknown') return null;
  if (value.length < 30) return `${value.length} characters is too short for a GitHub token. Tokens start with ghp_ (classic) or github_pat_ (fine-grained).`;
  return 'That does not look like a GitHub token: they start with ghp_ (classic), github_pat_ (fine-grained), or gho_, ghu_, ghs_ (OAuth and app tokens).';
}
