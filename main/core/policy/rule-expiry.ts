import type { RuleExpiry } from '../../../preload/contract/policy-rules';

const HOUR_MS = 60 * 60 * 1000;

/**
 * When a rule asked for with this expiry ends, as an ISO time; null for `always`. `today` ends at
 * the last millisecond of the local day of the machine deciding, which is where the rule is used.
 */
export function expiresAtFor(expiry: RuleExpiry, now: Date): string | null {
  if (expiry === 'always') return null;
  if (expiry === 'hour') return new Date(now.getTime() + HOUR_MS).toISOString();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), 23, 59, 59, 999).toISOString();
}

export const isExpired = (rule: { readonly expiresAt?: string }, now: Date): boolean => rule.expiresAt !== undefined && !(Date.parse(rule.expiresAt) > now.getTime());
