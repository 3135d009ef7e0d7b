import type { RefusedRead } from '../families/family';
import type { PolicyEngine } from '../policy/policy-engine';

/** The part of the policy the dashboard asks: the same decision `readNow` makes for a read. */
export type ReadPolicy = Pick<PolicyEngine, 'decide'>;

/**
 * Whether the dashboard may read a target, decided as a `read` of it by `tool`: anything but
 * allow is a refusal, as for `readNow` (a read the person did not start cannot wait for approval).
 */
export function refusedRead(policy: ReadPolicy, targetId: string, tool: string): RefusedRead | null {
  const verdict = policy.decide(tool, 'read', { kind: 'workspace', id: targetId, label: targetId });
  if (verdict.decision === 'allow') return null;
  const why = verdict.rule ? `of the policy rule “${verdict.reason.replace(/^rule /, '')}”` : `of the policy (${verdict.reason})`;
  return {
    tone: 'idle',
    state: 'not read',
    summary: `Not read because ${why}: the dashboard reads it as ${tool}.`,
    fix: 'To see it here, change or remove that rule in Settings → Policy.',
    facts: [],
    counts: [],
    open: null,
  };
}
