/** A duration as a person reads it on a chart: "420 ms", "1.2 s", "14 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = Math.round(seconds - minutes * 60);
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** An axis label for a time offset: like formatDuration, but 0 is "0" and round seconds lose their ".0" (1 s, 1.5 s). */
export const axisLabel = (ms: number): string => (ms === 0 ? '0' : formatDuration(ms).replace(/\.0 s$/, ' s'));
