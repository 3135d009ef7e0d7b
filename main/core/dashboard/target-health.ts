import { type FamilyTargetHealth, globsOverlap, type TargetHealth } from '../../../preload/contract';
import type { Family, HealthWhere } from '../families/family';
import { type ReadPolicy, refusedRead } from './health-read-policy';

/** How long one family may take to say how its targets are before the page goes on without it. */
export const FAMILY_HEALTH_LIMIT_MS = 5000;

export interface GatherOptions {
  readonly limitMs?: number;
  /** Target id globs marked production in Settings. */
  readonly production: readonly string[];
  /** Masks secrets in everything a family said (an error may quote a URL with a token in it). */
  readonly redact: (text: string) => string;
  /** Rules that deny reads of a target hold on the dashboard too: such a target is a card saying so. */
  readonly policy: ReadPolicy;
}

/** Where the families look, without what the core adds itself (the signal of its time limit, the policy check). */
export type GatherWhere = Omit<HealthWhere, 'signal' | 'readRefusal'> & { readonly signal?: AbortSignal };

/**
 * Asks every family with a health hook at once, each under its own time limit: a cluster that
 * does not answer, or a family that throws, becomes one card saying so, and the others still show.
 */
export async function gatherTargetHealth(families: readonly Family[], where: GatherWhere, options: GatherOptions): Promise<TargetHealth[]> {
  const limitMs = options.limitMs ?? FAMILY_HEALTH_LIMIT_MS;
  const readRefusal = (targetId: string, tool: string) => refusedRead(options.policy, targetId, tool);
  const answers = await Promise.all(families.filter((family) => family.health).map((family) => askFamily(family, { ...where, readRefusal }, limitMs)));
  return answers.flatMap(({ family, cards }) => cards.map((card) => finish(family, notShownIfRefused(family, card, options.policy), options)));
}

async function askFamily(family: Family, where: GatherWhere & Pick<HealthWhere, 'readRefusal'>, limitMs: number): Promise<{ family: Family; cards: readonly FamilyTargetHealth[] }> {
  const stop = new AbortController();
  const signal = where.signal ? AbortSignal.any([stop.signal, where.signal]) : stop.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), limitMs);
  });
  try {
    const answer = await Promise.race([family.health!({ ...where, signal }), late]);
    if (answer === 'late') return { family, cards: [notAnswering(family, limitMs)] };
    return { family, cards: answer };
  } catch (error) {
    return { family, cards: [failed(family, error)] };
  } finally {
    clearTimeout(timer);
    // A family still working past the limit is told to stop: its answer would be thrown away.
    stop.abort();
  }
}

const familyCard = (family: Family, fields: Pick<FamilyTargetHealth, 'tone' | 'state' | 'summary' | 'fix'>): FamilyTargetHealth => ({ id: family.id, kind: family.title, label: family.title, facts: [], counts: [], open: null, ...fields });

function notAnswering(family: Family, limitMs: number): FamilyTargetHealth {
  return familyCard(family, {
    tone: 'warn',
    state: 'no answer',
    summary: `${family.title} did not answer within ${Math.round(limitMs / 100) / 10} s, so its targets are not shown this time.`,
    fix: 'The dashboard asks again on its next refresh. If this stays, check that its targets are reachable (`reign doctor` says what it finds).',
  });
}

function failed(family: Family, error: unknown): FamilyTargetHealth {
  return familyCard(family, {
    tone: 'bad',
    state: 'error',
    summary: `Reading the health of ${family.title} failed: ${(error as Error)?.message ?? String(error)}`,
    fix: 'Run `reign doctor` to see what Reign finds on this machine.',
  });
}

/**
 * The check once more on what each family answered, by the card's target id, as `<family>.health`:
 * a family that did not ask before reading still shows nothing of a target a rule denies.
 */
function notShownIfRefused(family: Family, card: FamilyTargetHealth, policy: ReadPolicy): FamilyTargetHealth {
  if (card.state === 'not read') return card;
  const refused = refusedRead(policy, card.id, `${family.id}.health`);
  return refused ? { ...card, ...refused } : card;
}

function finish(family: Family, card: FamilyTargetHealth, options: GatherOptions): TargetHealth {
  const production = options.production.some((pattern) => globsOverlap(pattern, card.id));
  return {
    ...card,
    family: family.id,
    familyTitle: family.title,
    summary: options.redact(card.summary),
    fix: card.fix === null ? null : options.redact(card.fix),
    facts: card.facts.map((fact) => ({ label: fact.label, value: options.redact(fact.value) })),
    marks: [...(card.marks ?? []), ...(production ? (['production'] as const) : [])],
  };
}
