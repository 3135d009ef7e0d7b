/** The middle value of a run of measurements (the upper middle for an even count). */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Every run's figure, for the printed line, so the spread is visible beside the median. */
export const runsList = (values: readonly number[], digits = 0): string => values.map((value) => value.toFixed(digits)).join(', ');
