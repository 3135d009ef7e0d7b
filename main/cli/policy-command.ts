import type { ZodError } from 'zod';
import { describeExpiry, PolicyRuleAddSchema, type PolicyRuleView } from '../../preload/contract';
import type { Core } from '../core/bootstrap';
import { describeRule } from '../core/policy/policy-engine';
import type { CliIo } from './cli-io';

export interface PolicyCommandOptions {
  readonly json: boolean;
  readonly tool?: string;
  readonly verb?: string;
  readonly target?: string;
  readonly upTo?: string;
  readonly expires?: string;
}

const usage = 'reign policy: use `reign policy rules [--json]`, `reign policy rules remove ID` or `reign policy rules add --tool T [--verb V] [--target GLOB] --up-to RISK [--expires hour|today|always]`.\n';

/** `reign policy rules …`: list, add and revoke policy rules; every change is journaled by the service. */
export function policyCommand(core: Core, io: CliIo, words: string[], options: PolicyCommandOptions): number {
  const [noun, action, ...rest] = words;
  if (noun !== 'rules') return (io.stderr(usage), 2);
  if (!action || action === 'list') {
    if (rest.length) return (io.stderr(usage), 2);
    const rules = core.policyRules.list();
    if (options.json) io.stdout(`${JSON.stringify({ rules }, null, 2)}\n`);
    else io.stdout(rules.length ? rules.map((rule) => `${describeLine(rule, new Date())}\n`).join('') : 'No policy rules: every step gets the default for its risk.\n');
    return 0;
  }
  try {
    if (action === 'remove' && rest.length === 1) {
      const removed = core.policyRules.remove(rest[0]!);
      io.stdout(options.json ? `${JSON.stringify({ removed })}\n` : `Revoked ${describeLine(removed, new Date())}\n`);
      return 0;
    }
    if (action === 'add' && !rest.length) {
      const parsed = PolicyRuleAddSchema.safeParse({ tool: options.tool, verb: options.verb, target: options.target, upTo: options.upTo, expiry: options.expires ?? 'always', source: 'user' });
      if (!parsed.success) return (io.stderr(`reign policy rules add: ${describeIssues(parsed.error)}\n`), 2);
      const rule = core.policyRules.add(parsed.data);
      io.stdout(options.json ? `${JSON.stringify({ rule })}\n` : `Added ${describeLine(rule, new Date())}\n`);
      return 0;
    }
  } catch (error) {
    io.stderr(`reign: ${(error as Error).message}\n`);
    return 1;
  }
  io.stderr(usage);
  return 2;
}

/** One rule on one line: id, what it does, its risk bound, when it ends and where it came from. */
function describeLine(rule: PolicyRuleView, now: Date): string {
  const bound = rule.upTo ? ` up to ${rule.upTo}` : '';
  const origin = rule.source === 'approval' ? ' (from an approval)' : '';
  return `${rule.id}  ${describeRule(rule)}${bound}  expires: ${describeExpiry(rule.expiresAt, now)}${origin}`;
}

const flags: Record<string, string> = { upTo: '--up-to', expiry: '--expires' };

function describeIssues(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.map((part) => flags[String(part)] ?? `--${String(part)}`).join('.') || 'request'}: ${issue.message}`).join('; ');
}
