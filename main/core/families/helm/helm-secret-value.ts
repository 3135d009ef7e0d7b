import { Redactor } from '../../audit/redactor';

// A key named DATABASE_URL or GREETING says nothing, but `postgres://app:hunter2@db` or `ghp_…`
// is a credential whatever it is called. The core's Redactor knows the token formats and
// credentials in URLs; a long random-looking string is judged here, since the Redactor (which
// runs over all text) cannot afford to flag those.

const redactor = new Redactor();

/** `scheme://user:password@host`, for any scheme (the Redactor lists only the common ones). */
const urlWithPassword = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i;

/** Shannon entropy of a text in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  return [...counts.values()].reduce((sum, count) => sum - (count / text.length) * Math.log2(count / text.length), 0);
}

/** A token, key or hash-like string: one long word of base64/hex characters that is not a path, name or version. */
function looksRandom(text: string): boolean {
  if (text.length < 20 || !/^[A-Za-z0-9+/=_-]+$/.test(text) || text.startsWith('/')) return false;
  if (text.length >= 32 && /^[0-9a-f]+$/i.test(text)) return entropy(text) >= 3;
  return /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text) && entropy(text) >= 4;
}

/** Whether a value itself carries a credential, whatever its key is called. */
export function valueLooksSecret(value: string): boolean {
  const text = value.trim();
  return redactor.redact(text) !== text || urlWithPassword.test(text) || looksRandom(text);
}
