import { formatDuration } from '../format/format-duration';

/** An axis label for a time offset: like formatDuration, but 0 is "0" and round seconds lose their ".0" (1 s, 1.5 s). */
export const axisLabel = (ms: number): string => (ms === 0 ? '0' : formatDuration(ms).replace(/\.0 s$/, ' s'));
