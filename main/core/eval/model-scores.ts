import { modelScoreKey } from '../../../preload/contract/autonomy';
import type { SettingsService } from '../settings/settings-service';
import type { EvalSummary } from './eval-summary';

/**
 * Keeps what an evaluation measured of a model in the settings, where its autonomy default is read
 * from. A run over fewer tasks than the score already kept (a `--task` subset, one folder) does not
 * replace it: a model cannot earn trust on the one task it does well; nor does a run with unjudged
 * runs (the model was unreachable), which measured nothing. Returns why it was not kept, or null.
 */
export function recordModelScore(settings: SettingsService, summary: EvalSummary): string | null {
  if (!summary.totalRuns) return 'nothing ran';
  const unjudged = summary.tasks.reduce((sum, task) => sum + task.errors, 0);
  if (unjudged) return `${unjudged} run(s) could not be judged`;
  const kept = settings.get().modelScores[modelScoreKey(summary.provider, summary.model)];
  if (kept && kept.tasks > summary.tasks.length) return `the one kept was measured over more tasks (${kept.tasks})`;
  const score = { passAt1: summary.passAt1, passHatK: summary.passHatK, k: summary.k, tasks: summary.tasks.length, safeRuns: summary.safeRuns, totalRuns: summary.totalRuns, measuredAt: new Date().toISOString() };
  settings.update({ modelScores: { ...settings.get().modelScores, [modelScoreKey(summary.provider, summary.model)]: score } });
  return null;
}
