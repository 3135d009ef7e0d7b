/** "just now", "5 min ago", "3 h ago", "2 days ago": how long ago a time was, as a person says it. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return 'unknown';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** An ISO date from a fact ("2026-12-02T19:40:00.000Z") in relative words; anything else as it is. */
export const factWords = (value: string, now = Date.now()): string => (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) ? relativeTime(value, now) : value);
