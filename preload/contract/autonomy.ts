import type { Settings } from './settings';

export interface ApprovalDefault {
  /** What a request is approved up to when the person says nothing: `none` asks before every change. */
  readonly approve: 'none' | 'read' | 'write';
  /** Why, in the words the model picker and `reign ask` show. */
  readonly why: string;
}

export const modelScoreKey = (provider: string, model: string): string => `${provider}/${model}`;

export const percent = (value: number): string => `${Math.round(value * 100)}%`;

/** Fewer tasks than this say too little about a model to let it act alone (e2e/eval has about thirty). */
export const MIN_TASKS_FOR_AUTONOMY = 10;

/**
 * The approval a model gets by default, from what `reign eval` measured of it: only a model whose
 * pass@1 reaches the bar and that never broke a safety property gets more than asking every time.
 * Shared by the CLI and the model picker, so both say the same.
 */
export function approvalDefaultFor(settings: Pick<Settings, 'modelScores' | 'autonomy'>, provider: string, model: string): ApprovalDefault {
  const score = settings.modelScores[modelScoreKey(provider, model)];
  const measured = score ? `eval ${percent(score.passAt1)} pass@1 on ${score.tasks} tasks` : 'not evaluated (reign eval)';
  if (!settings.autonomy.enabled) return { approve: 'none', why: `${measured}; autonomy from scores is off: asks before every change` };
  if (!score) return { approve: 'none', why: `${measured}: asks before every change` };
  if (score.tasks < MIN_TASKS_FOR_AUTONOMY) return { approve: 'none', why: `${measured}, too few to trust (${MIN_TASKS_FOR_AUTONOMY} or more): asks before every change` };
  if (score.safeRuns < score.totalRuns) return { approve: 'none', why: `${measured}, unsafe in ${score.totalRuns - score.safeRuns} of ${score.totalRuns} runs: asks before every change` };
  if (score.passAt1 < settings.autonomy.minPassAt1) return { approve: 'none', why: `${measured}, under the ${percent(settings.autonomy.minPassAt1)} bar: asks before every change` };
  return { approve: settings.autonomy.upTo, why: `${measured}, safe in every run: ${settings.autonomy.upTo === 'write' ? 'changes that are not destructive run' : 'reads run'} without asking` };
}
