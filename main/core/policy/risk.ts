/** How much a step can change. Computed by code from the step itself, never taken from the model. */
export const riskLevels = ['read', 'write', 'destructive', 'critical'] as const;
export type Risk = (typeof riskLevels)[number];

export interface RiskAssessment {
  readonly risk: Risk;
  /** Why, in words a person reads: "removes files recursively under $HOME". */
  readonly reasons: readonly string[];
}

export const riskRank = (risk: Risk): number => riskLevels.indexOf(risk);
export const maxRisk = (...risks: Risk[]): Risk => risks.reduce((a, b) => (riskRank(b) > riskRank(a) ? b : a), 'read');
export const isAbove = (risk: Risk, level: Risk): boolean => riskRank(risk) > riskRank(level);

export function assess(risk: Risk, ...reasons: string[]): RiskAssessment {
  return { risk, reasons };
}

/** The highest risk of several, with the reasons of every part that reached it (and none below). */
export function combine(parts: readonly RiskAssessment[]): RiskAssessment {
  const risk = maxRisk(...parts.map((part) => part.risk));
  const reasons = [...new Set(parts.filter((part) => part.risk === risk).flatMap((part) => part.reasons))];
  return { risk, reasons };
}
