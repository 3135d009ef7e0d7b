import { commandHasVerb } from '../../../preload/contract/command-verb';
import { globToRegExp } from '../../../preload/contract/glob';
import type { Target } from '../tools/tool-definition';
import { isAbove, type Risk } from './risk';
import { isExpired } from './rule-expiry';

export type Decision = 'allow' | 'ask' | 'deny';

/** allow / ask / deny for tools matching `tool` (glob: `docker.*`, `*`) on targets matching `target` (glob on the target id). */
export interface PolicyRule {
  readonly tool: string;
  readonly target?: string;
  readonly decision: Decision;
  /** The rule applies only up to this risk; above it the defaults apply. */
  readonly upTo?: Risk;
  /** Only steps whose shell command is a simple command starting with these words (`kubectl get`). */
  readonly verb?: string;
  /** ISO time; from then on the rule never matches. Absent: always. */
  readonly expiresAt?: string;
  readonly createdAt?: string;
  readonly id?: string;
  readonly source?: 'user' | 'approval';
}

/** What a step is, beyond its tool, risk and target, for rules that look closer. */
export interface StepSubject {
  /** The step's shell command text (for tools whose input is one), else null: verb rules match only on it. */
  readonly command?: string | null;
}

export interface PolicyVerdict {
  readonly decision: Decision;
  readonly reason: string;
  /** For production targets: the text the user must type to approve, else null. */
  readonly confirmation: string | null;
  /** Whether a rule decided (rather than the default for the risk). */
  readonly rule?: boolean;
}

/** For a step no rule matches. Destructive and critical steps never run by default without a person. */
export const DEFAULT_DECISIONS: Readonly<Record<Risk, Decision>> = { read: 'allow', write: 'ask', destructive: 'ask', critical: 'deny' };

/** Decides, by code, whether a classified step may run, must be approved, or is refused. */
export interface PolicyConfig {
  readonly rules: readonly PolicyRule[];
  /** Target ids (globs) marked production. */
  readonly production: readonly string[];
  /** By risk, for steps no rule matches; DEFAULT_DECISIONS when absent. */
  readonly defaults?: Readonly<Record<Risk, Decision>>;
}

export class PolicyEngine {
  private readonly config: () => PolicyConfig;
  private readonly now: () => Date;

  /** Rules and production targets, fixed or read afresh at every decision (from settings); the clock is for tests. */
  constructor(config: PolicyConfig | (() => PolicyConfig) = { rules: [], production: [] }, options: { readonly now?: () => Date } = {}) {
    this.config = typeof config === 'function' ? config : () => config;
    this.now = options.now ?? (() => new Date());
  }

  decide(tool: string, risk: Risk, target: Target, subject: StepSubject = {}): PolicyVerdict {
    const { rules, production, defaults = DEFAULT_DECISIONS } = this.config();
    const isProduction = production.some((pattern) => globToRegExp(pattern).test(target.id));
    const confirmation = isProduction && isAbove(risk, 'read') ? target.label : null;
    const now = this.now();
    // Expiry is checked here, at decision time, so a rule stops working the moment it expires (not when it is cleaned up).
    const applies = (candidate: PolicyRule): boolean =>
      globToRegExp(candidate.tool).test(tool) &&
      (!candidate.target || globToRegExp(candidate.target).test(target.id)) &&
      (!candidate.upTo || !isAbove(risk, candidate.upTo)) &&
      (!candidate.verb || commandHasVerb(subject.command ?? null, candidate.verb)) &&
      !isExpired(candidate, now);
    // No rule, however written, lets a destructive or critical step on production run without a person: such allow rules are passed over.
    const unhonoured = (candidate: PolicyRule): boolean => candidate.decision === 'allow' && isProduction && isAbove(risk, 'write');
    // The last matching rule wins, so specific rules go after general ones.
    const matching = [...rules].reverse().filter(applies);
    const rule = matching.find((candidate) => !unhonoured(candidate));
    const passedOver = matching.some(unhonoured) ? `; an allow rule was not honoured: ${risk} steps on production targets always need a person` : '';
    if (rule) {
      // A rule can make a production step ask, never skip the typed confirmation.
      const decision = rule.decision === 'allow' && confirmation ? 'ask' : rule.decision;
      return { decision, reason: `rule ${describeRule(rule)}${passedOver}`, confirmation, rule: true };
    }
    // Guarded here too, whatever the configuration says: nothing destructive runs without a person.
    const configured = isAbove(risk, 'write') && defaults[risk] === 'allow' ? 'ask' : defaults[risk];
    const decision = configured === 'allow' && confirmation ? 'ask' : configured;
    return { decision, reason: `default for ${risk} steps: ${configured}${passedOver}`, confirmation };
  }
}

/** `allow shell.exec \`kubectl get\` on workspace:/repo`, as verdicts and listings name a rule. */
export function describeRule(rule: Pick<PolicyRule, 'decision' | 'tool' | 'verb' | 'target'>): string {
  return `${rule.decision} ${rule.tool}${rule.verb ? ` \`${rule.verb}\`` : ''}${rule.target ? ` on ${rule.target}` : ''}`;
}
