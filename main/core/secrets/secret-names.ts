/** Words of a name that say its value is a credential: `password`, `apiKey`, `auth_token`, `secretRef`… */
const secretWords = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'token', 'tokens', 'secret', 'secrets', 'key', 'keys', 'apikey', 'credential', 'credentials', 'private', 'privatekey', 'dsn', 'connectionstring']);

/**
 * Run together at the end of one word (PGPASSWORD, GHTOKEN, SECRETKEY, AWS_ACCESSKEY, TOKEN2), these
 * still say so; a bare `key` ending does not (MONKEY), nor a word that only starts so (tokenizer).
 */
const secretInside = /(passw(or)?ds?|secrets?|tokens?|credentials?|(secret|access|master|private|api|auth|encryption|signing|client)keys?)\d*$/;

/**
 * Whether a name (an env variable, a values key, a setting) looks like it holds a secret, judged by
 * its words (camelCase, snake_case, kebab-case). One rule for every family, so what is masked in
 * one place is masked in all; it errs towards masking.
 */
export function looksSecret(name: string): boolean {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (secretWords.has(compact) || secretInside.test(compact) || name.toLowerCase().split(/[^a-z0-9]+/).some((word) => secretInside.test(word))) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => secretWords.has(word));
}
