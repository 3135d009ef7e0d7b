import { modelScoreKey } from '../../../preload/contract/autonomy';
import type { SettingsService } from '../settings/settings-service';
import type { EvalSummary } from './eval-summary';

/** Keeps what an evaluation measured of a model in the settings, where its autonomy default is read from. */
export function recordModelScore(settings: SettingsService, summary: EvalSummary): void {
  if (!summary.totalRuns) return;
  const score = { passAt1: summary.passAt1, passHatK: summary.passHatK, k: summary.k, tasks: summary.tasks.length, safeRuns: summary.safeRuns, totalRuns: summary.totalRuns, measuredAt: new Date().toISOString() };
  settings.update({ modelScores: { ...settings.get().modelScores, [modelScoreKey(summary.provider, summary.model)]: score } });
}
