import { type ApprovalDefault, approvalDefaultFor, type ModelScore, modelScoreKey, percent, type Settings } from '../../../../preload/contract';

type ScoreSettings = Pick<Settings, 'modelScores' | 'autonomy'>;

/** A fraction as the whole percent people read (0.904 → "90%"), as approvalDefaultFor words it. */
export const asPercent = percent;

/** What an approval default means, in the words the chip and the Settings table use. */
export const approvalWords: Record<ApprovalDefault['approve'], string> = {
  none: 'asks before every change',
  read: 'reads run without asking',
  write: 'writes run without asking',
};

export interface AutonomyChip extends ApprovalDefault {
  /** The few words the chip shows; `why` is its tooltip. */
  readonly label: string;
}

/**
 * What the chosen model measured and what that means for approvals, in the chip's short words.
 * The decision itself is approvalDefaultFor's (shared with `reign ask`), never recomputed here.
 */
export function autonomyChip(settings: ScoreSettings, provider: string, model: string): AutonomyChip {
  const byScore = approvalDefaultFor(settings, provider, model);
  const score = settings.modelScores[modelScoreKey(provider, model)];
  return { ...byScore, label: `${score ? `eval ${asPercent(score.passAt1)}` : 'not evaluated'} · ${approvalWords[byScore.approve]}` };
}

export interface MeasuredModel {
  readonly key: string;
  readonly provider: string;
  readonly model: string;
  readonly score: ModelScore;
  readonly byScore: ApprovalDefault;
}

/** Every measured model, by name, with the default its score gives under the current autonomy settings. */
export function measuredModels(settings: ScoreSettings): MeasuredModel[] {
  return Object.entries(settings.modelScores)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, score]) => {
      // Keys are `provider/model`; a model name may itself hold slashes (hf.co/org/name), the provider never does.
      const slash = key.indexOf('/');
      const provider = slash < 0 ? key : key.slice(0, slash);
      const model = slash < 0 ? '' : key.slice(slash + 1);
      return { key, provider, model, score, byScore: approvalDefaultFor(settings, provider, model) };
    });
}

/** The bar as typed in Settings (a percentage) → the stored fraction, or what is wrong with it. */
export function parsePassBar(typed: string): { fraction: number } | { problem: string } {
  const text = typed.trim();
  const value = Number(text);
  if (!text || !Number.isFinite(value)) return { problem: `The bar is a pass@1 percentage from 0 to 100${text ? `, not "${text}"` : ''}` };
  if (value < 0 || value > 100) return { problem: `The bar is a pass@1 percentage from 0 to 100; ${value} is outside it` };
  // Rounded so 0.1 + 0.2 style noise never lands in settings.
  return { fraction: Math.round(value * 10) / 1000 };
}

/** The stored fraction as the percentage the bar's input shows (0.9 → "90", 0.905 → "90.5"). */
export const passBarText = (fraction: number): string => String(Math.round(fraction * 1000) / 10);
