/**
 * Removes secrets from text before it is stored or sent anywhere: known token formats, and every
 * value Reign holds in the keychain (registered with `addSecret`). Formats with a distinctive
 * prefix match without word boundaries, so a token glued to other letters or digits is found too.
 */
const patterns: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[REDACTED private key]'],
  [/gh[pousr]_[A-Za-z0-9]{36,}/g, '[REDACTED github token]'],
  [/github_pat_[A-Za-z0-9_]{22,}/g, '[REDACTED github token]'],
  [/(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])/g, '[REDACTED aws access key]'],
  [/sk-ant-[A-Za-z0-9_-]{20,}/g, '[REDACTED anthropic key]'],
  [/\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, '[REDACTED openai key]'],
  [/xox[abposr]-[A-Za-z0-9-]{10,}/g, '[REDACTED slack token]'],
  [/xapp-\d-[A-Za-z0-9-]{10,}/g, '[REDACTED slack token]'],
  [/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[REDACTED jwt]'],
  [/\b(https?|ftp|postgres(ql)?|mysql|mongodb(\+srv)?|redis|amqps?):\/\/([^\s:/@]+):([^\s@/]+)@/gi, '$1://$4:[REDACTED]@'],
  // Not a progress line of a resource named like a secret (`random_password.token: Creating...`,
  // `…: Creation complete after 0s`, `…: Still creating...`, `…: Refreshing state...`): a word and
  // what follows it is how terraform reports, never how a secret is written.
  [/\b([\w.-]*?(?:secret[_-]?key|api[_-]?key|access[_-]?key|access[_-]?token|auth[_-]?token|password|passwd|pwd|token|secret|client[_-]?secret)["']?\s*[=:]\s*["']?)(?!\[REDACTED)(?![A-Z][a-z]+(?:\.\.\.|\s+(?:complete|state\.\.\.)|\s+[a-z]+\.\.\.))([^\s"'&;,]{4,})/gi, '$1[REDACTED]'],
];

/**
 * All the patterns in one, each keeping its own case rule (a `(?i:…)` group for the ones with the
 * i flag): most text holds no token, and one scan that finds nothing stands in for a dozen. It
 * matches exactly where one of the patterns would, so a text it does not match is one no pattern
 * changes. Only the patterns are skipped, never the keychain values or the families' maskers.
 */
const anyPattern = new RegExp(patterns.map(([pattern]) => (pattern.flags.includes('i') ? `(?i:${pattern.source})` : `(?:${pattern.source})`)).join('|'));

const MIN_SECRET_LENGTH = 6;

/** A family's own redaction of text it knows the shape of (a Kubernetes Secret manifest); cheap when the text is not of that shape. */
export type TextMasker = (text: string) => string;

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly maskers: TextMasker[] = [];

  constructor(maskers: readonly TextMasker[] = []) {
    this.maskers.push(...maskers);
  }

  /** A value that must never appear anywhere (a keychain entry); short values are ignored to avoid mangling text. */
  addSecret(value: string | null | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('[REDACTED secret]');
    for (const mask of this.maskers) result = mask(result);
    if (!anyPattern.test(result)) return result;
    for (const [pattern, replacement] of patterns) result = result.replace(pattern, replacement);
    return result;
  }

  /** Redacts every string inside a JSON-like value. */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)])) as T;
    return value;
  }
}
