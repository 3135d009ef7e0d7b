import { globToRegExp } from '../../../preload/contract/glob';
import type { Target } from '../tools/tool-definition';
import { isAbove, type Risk } from './risk';

export type Decision = 'allow' | 'ask' | 'deny';

/** allow / ask / deny for tools matching `tool` (glob: `docker.*`, `*`) on targets matching `target` (glob on the target id). */
export interface PolicyRule {
  readonly tool: string;
  readonly target?: string;
  readonly decision: Decision;
  /** The rule applies only up to this risk; above it the defaults apply. */
  readonly upTo?: Risk;
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

  /** Rules and production targets, fixed or read afresh at every decision (from settings). */
  constructor(config: PolicyConfig | (() => PolicyConfig) = { rules: [], production: [] }) {
    this.config = typeof config === 'function' ? config : () => config;
  }

  decide(tool: string, risk: Risk, target: Target): PolicyVerdict {
    const { rules, production, defaults = DEFAULT_DECISIONS } = this.config();
    const isProduction = production.some((pattern) => globToRegExp(pattern).test(target.id));
    const confirmation = isProduction && isAbove(risk, 'read') ? target.label : null;
    // The last matching rule wins, so specific rules go after general ones.
    const rule = [...rules].reverse().find((candidate) => globToRegExp(candidate.tool).test(tool) && (!candidate.target || globToRegExp(candidate.target).test(target.id)) && (!candidate.upTo || !isAbove(risk, candidate.upTo)));
    if (rule) {
      // A rule can make a production step ask, never skip the typed confirmation.
      const decision = rule.decision === 'allow' && confirmation ? 'ask' : rule.decision;
      return { decision, reason: `rule ${rule.decision} ${rule.tool}${rule.target ? ` on ${rule.target}` : ''}`, confirmation, rule: true };
    }
    // Guarded here too, whatever the configuration says: nothing destructive runs without a person.
    const configured = isAbove(risk, 'write') && defaults[risk] === 'allow' ? 'ask' : defaults[risk];
    const decision = configured === 'allow' && confirmation ? 'ask' : configured;
    return { decision, reason: `default for ${risk} steps: ${configured}`, confirmation };
  }
}
