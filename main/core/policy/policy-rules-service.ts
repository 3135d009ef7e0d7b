import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { globsOverlap } from '../../../preload/contract/glob';
import { type PolicyRuleAddSchema, type PolicyRuleView, ruleIdOf } from '../../../preload/contract/policy-rules';
import type { PolicyRuleSetting, Settings } from '../../../preload/contract/settings';
import { describeRule } from './policy-engine';
import { isAbove } from './risk';
import { expiresAtFor, isExpired } from './rule-expiry';

export type RuleRequest = z.output<typeof PolicyRuleAddSchema>;

export interface PolicyRulesDeps {
  /** Rules live in settings (`policyRules`), where the policy engine reads them at every decision. */
  readonly settings: { get(): Settings; update(patch: { policyRules: PolicyRuleSetting[] }): Settings };
  readonly audit: { append(kind: string, payload: unknown): unknown };
  readonly now?: () => Date;
  readonly newId?: () => string;
}

const failure = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/**
 * Adds, lists and revokes policy rules, each change journaled (`policy.rule.added`,
 * `policy.rule.removed`). Adding only ever makes allow rules bounded by a risk, and never one that
 * would let a destructive or critical step on a production target run without a person; the policy
 * engine refuses to honour such a rule anyway, however it got into settings.
 */
export class PolicyRulesService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: PolicyRulesDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? (() => `rule-${randomUUID().slice(0, 8)}`);
  }

  list(): PolicyRuleView[] {
    const now = this.now();
    return this.deps.settings.get().policyRules.map((rule) => view(rule, now));
  }

  add(request: RuleRequest): PolicyRuleView {
    const { policyRules, productionTargets } = this.deps.settings.get();
    if (isAbove(request.upTo, 'write')) {
      const pattern = request.target ?? '*';
      const production = productionTargets.find((candidate) => globsOverlap(pattern, candidate));
      if (production) {
        throw failure('POLICY_REFUSED', `Refused: ${request.upTo} steps on production targets always need a person, and ${request.target ? `target ${request.target}` : 'every target'} includes production (${production}). Allow up to write, or name a target that is not production.`);
      }
    }
    const now = this.now();
    const expiresAt = expiresAtFor(request.expiry, now);
    const rule: PolicyRuleSetting = {
      id: this.newId(),
      tool: request.tool,
      ...(request.verb ? { verb: request.verb } : {}),
      ...(request.target ? { target: request.target } : {}),
      decision: 'allow',
      upTo: request.upTo,
      ...(expiresAt ? { expiresAt } : {}),
      createdAt: now.toISOString(),
      source: request.source,
    };
    // Expired rules match nothing; they are dropped (journaled) as new ones come, so the list does not fill up with them.
    const expired = policyRules.filter((candidate) => isExpired(candidate, now));
    const kept = policyRules.filter((candidate) => !isExpired(candidate, now));
    // Journaled before it is saved: a permission that could not be journaled must not exist.
    this.deps.audit.append('policy.rule.added', { rule, description: describeRule(rule) });
    for (const old of expired) this.deps.audit.append('policy.rule.removed', { rule: { ...old, id: ruleIdOf(old) }, reason: 'expired' });
    // Appended last: the last matching rule wins, so a rule made now takes precedence over older ones it overlaps.
    this.deps.settings.update({ policyRules: [...kept, rule] });
    return view(rule, now);
  }

  remove(id: string): PolicyRuleView {
    const { policyRules } = this.deps.settings.get();
    const index = policyRules.findIndex((rule) => ruleIdOf(rule) === id);
    if (index < 0) throw failure('NOT_FOUND', `There is no policy rule ${id}. \`reign policy rules\` lists them.`);
    const removed = policyRules[index]!;
    // Saved before it is journaled: revoking must work even when the log cannot be written (the error still says so).
    this.deps.settings.update({ policyRules: policyRules.filter((_, at) => at !== index) });
    this.deps.audit.append('policy.rule.removed', { rule: { ...removed, id }, reason: 'revoked' });
    return view(removed, this.now());
  }
}

function view(rule: PolicyRuleSetting, now: Date): PolicyRuleView {
  return { ...rule, id: ruleIdOf(rule), expired: isExpired(rule, now) };
}
