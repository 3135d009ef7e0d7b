import { type BadgeStatus, statusIcons, statusTones, type BadgeTone } from '../status/badges';

/**
 * A run's or step's status in the shared vocabulary. Runs have words of their own: a rolled-back run
 * failed (its changes were undone after), so it takes the failure's colour; an incomplete or
 * interrupted one is a warning; a cancelled one is idle.
 */
const runStatuses: Record<string, { status: BadgeStatus; label: string }> = {
  'rolled-back': { status: 'bad', label: 'rolled back' },
  incomplete: { status: 'warn', label: 'incomplete' },
  interrupted: { status: 'warn', label: 'interrupted' },
  cancelled: { status: 'idle', label: 'cancelled' },
};

export function badgeOf(status: string): { status: BadgeStatus; label?: string } {
  const known = runStatuses[status];
  if (known) return known;
  return Object.hasOwn(statusIcons, status) ? { status: status as BadgeStatus } : { status: 'unknown', label: status };
}

/** The colour family of a status, for bars and marks (the same as its badge's). */
export const toneOf = (status: string): BadgeTone => statusTones[badgeOf(status).status];
