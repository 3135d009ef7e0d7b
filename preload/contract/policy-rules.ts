import { z } from 'zod';
import { RiskSchema } from './chat';
import { defineCommand } from './define';
import { type PolicyRuleSetting, PolicyRuleSchema, VerbSchema } from './settings';

/**
 * How long a rule made from an approval lasts: an hour, until the end of the local day, or until
 * revoked. There is deliberately no "for this session": a prompt that is off for as long as a
 * window stays open is one nobody remembers turning off (design notes §6, anti-patterns).
 */
export const RuleExpirySchema = z.enum(['hour', 'today', 'always']);
export type RuleExpiry = z.infer<typeof RuleExpirySchema>;

/** A stored rule as listed: always with an id, and whether it has expired (expired rules never match). */
export const PolicyRuleViewSchema = PolicyRuleSchema.extend({ id: z.string(), expired: z.boolean() });
export type PolicyRuleView = z.infer<typeof PolicyRuleViewSchema>;

/** What "Allow again" (or `reign policy rules add`) asks for: always an allow rule, bounded by a risk. */
export const PolicyRuleAddSchema = z
  .object({
    tool: z.string().trim().min(1).max(200),
    verb: VerbSchema.optional(),
    /** A target id or glob; absent: every target. */
    target: z.string().trim().min(1).max(500).optional(),
    upTo: RiskSchema,
    expiry: RuleExpirySchema,
    source: z.enum(['user', 'approval']).default('user'),
  })
  .strict();

export const policyRuleCommands = {
  'policy.rules.list': defineCommand({
    description: 'The policy rules in the order they are checked (the last match wins), each with its id and whether it has expired.',
    request: z.object({}).strict(),
    response: z.object({ rules: z.array(PolicyRuleViewSchema) }),
  }),
  'policy.rules.add': defineCommand({
    description:
      'Allow a tool (a shell verb) on a target up to a risk, for an hour, today or always; journaled. Refused for destructive or critical steps on production targets.',
    request: PolicyRuleAddSchema,
    response: z.object({ rule: PolicyRuleViewSchema }),
  }),
  'policy.rules.remove': defineCommand({
    description: 'Revoke a policy rule by its id; journaled.',
    request: z.object({ id: z.string().trim().min(1).max(100) }).strict(),
    response: z.object({ removed: PolicyRuleViewSchema }),
  }),
} as const;

/**
 * A rule's id: its own, or for a rule written before rules had ids (by hand, in settings) one
 * derived from its content, so it can still be revoked by id. FNV-1a: both sides compute it, synchronously.
 */
export function ruleIdOf(rule: PolicyRuleSetting): string {
  if (rule.id) return rule.id;
  const text = JSON.stringify([rule.tool, rule.verb ?? null, rule.target ?? null, rule.decision, rule.upTo ?? null, rule.expiresAt ?? null]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return `rule-${hash.toString(16).padStart(8, '0')}`;
}

/** "always", "expired", or how long is left ("in 42 min", "in 5 h"), as Settings and the CLI show a rule. */
export function describeExpiry(expiresAt: string | undefined, now: Date): string {
  if (!expiresAt) return 'always';
  const left = Date.parse(expiresAt) - now.getTime();
  if (!(left > 0)) return 'expired';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `in ${hours} h` : `in ${Math.round(hours / 24)} days`;
}
