import './status-badges.css';

/**
 * The one vocabulary for risk and status across the app: an icon, a colour and a word, always all
 * three, so a colour-blind reader or a screen reader gets the same meaning as anyone else. The
 * classes `risk-badge risk-<risk>` and `step-status status-<status>` stay, as e2e tests and
 * plan.css rely on them.
 */

export type BadgeRisk = 'read' | 'write' | 'destructive' | 'critical';

/** Plan step statuses, resource states and the four resource tones, each with its own icon and colour. */
export type BadgeStatus =
  | 'pending' | 'needs-approval' | 'approved' | 'running' | 'succeeded' | 'failed' | 'rejected' | 'denied'
  | 'skipped' | 'undone' | 'undo-failed' | 'undo-waits' | 'left-in-place' | 'unknown'
  | 'stopped' | 'exited' | 'ready' | 'error' | 'paused' | 'created'
  | 'ok' | 'warn' | 'bad' | 'idle';

/** The colour family a status takes, named after the CSS variables of the theme. */
export type BadgeTone = 'ok' | 'accent' | 'warn' | 'bad' | 'muted';

export const riskIcons: Record<BadgeRisk, string> = { read: '◎', write: '✎', destructive: '⚠\uFE0E', critical: '☠\uFE0E' };
export const riskWords: Record<BadgeRisk, string> = { read: 'read', write: 'write', destructive: 'destructive', critical: 'critical' };
const riskMeaning: Record<BadgeRisk, string> = {
  read: 'only reads',
  write: 'changes something, can be undone',
  destructive: 'removes or replaces something',
  critical: 'irreversible or wide impact',
};

export const statusIcons: Record<BadgeStatus, string> = {
  pending: '○', 'needs-approval': '⧖', approved: '✓', running: '▶', succeeded: '✔', failed: '✖', rejected: '⊘', denied: '⊗',
  skipped: '↷', undone: '↶', 'undo-failed': '✖', 'undo-waits': '⧖', 'left-in-place': '▣', unknown: '?',
  stopped: '■', exited: '■', ready: '✔', error: '✖', paused: '‖', created: '○',
  ok: '●', warn: '▲', bad: '✖', idle: '○',
};

export const statusTones: Record<BadgeStatus, BadgeTone> = {
  pending: 'muted', 'needs-approval': 'warn', approved: 'accent', running: 'accent', succeeded: 'ok', failed: 'bad', rejected: 'muted', denied: 'bad',
  skipped: 'muted', undone: 'muted', 'undo-failed': 'bad', 'undo-waits': 'warn', 'left-in-place': 'warn', unknown: 'muted',
  stopped: 'muted', exited: 'muted', ready: 'ok', error: 'bad', paused: 'warn', created: 'muted',
  ok: 'ok', warn: 'warn', bad: 'bad', idle: 'muted',
};

export const statusWords: Record<BadgeStatus, string> = {
  pending: 'pending', 'needs-approval': 'needs approval', approved: 'approved', running: 'running', succeeded: 'succeeded', failed: 'failed',
  rejected: 'rejected', denied: 'refused by policy', skipped: 'skipped', undone: 'undone', 'undo-failed': 'undo failed',
  'undo-waits': 'undo waits for approval', 'left-in-place': 'left in place', unknown: 'unknown',
  stopped: 'stopped', exited: 'exited', ready: 'ready', error: 'error', paused: 'paused', created: 'created',
  ok: 'ok', warn: 'warning', bad: 'error', idle: 'idle',
};

const isStatus = (value: string): value is BadgeStatus => Object.hasOwn(statusIcons, value);

/** A resource's own word ("Running", "exited (0)", "CrashLoopBackOff") mapped to the vocabulary, falling back to its tone. */
export function statusFromText(text: string, tone: 'ok' | 'warn' | 'bad' | 'idle'): BadgeStatus {
  const word = text.trim().toLowerCase().split(/[\s(:]/)[0] ?? '';
  if (isStatus(word) && statusTones[word] === statusTones[tone]) return word;
  return tone;
}

export function RiskBadge({ risk, testId }: { readonly risk: BadgeRisk; readonly testId?: string }) {
  return (
    <span className={`risk-badge risk-${risk} badge-vocab tone-${risk === 'read' ? 'ok' : risk === 'write' ? 'accent' : risk === 'destructive' ? 'warn' : 'bad'}`} aria-label={`risk: ${riskWords[risk]} (${riskMeaning[risk]})`} title={riskMeaning[risk]}>
      <span className="badge-icon" aria-hidden="true">{riskIcons[risk]}</span>
      <span className="badge-word" data-testid={testId}>{riskWords[risk]}</span>
    </span>
  );
}

interface StatusBadgeProps {
  readonly status: BadgeStatus;
  /** The word shown, when the source has its own ("Up 3 minutes", "CrashLoopBackOff"); the icon and colour still come from `status`. */
  readonly label?: string;
  readonly className?: string;
  /** Set on the word alone, so a test reading its text gets the word without the icon. */
  readonly testId?: string;
  /** Classes for the word itself instead of `badge-word` (the resource table keeps `badge <tone>` there, which its tests read). */
  readonly wordClassName?: string;
  /** Render as a block paragraph (a sentence of outcome) rather than an inline chip. */
  readonly as?: 'span' | 'p';
}

/** A label that opens with its own symbols ("✕ 1 · ✓ 2", checks of a pull request) needs no second icon. */
const carriesIcon = (word: string): boolean => /^[^\p{L}\p{N}\s]/u.test(word);

export function StatusBadge({ status, label, className, testId, wordClassName, as = 'span' }: StatusBadgeProps) {
  const word = label ?? statusWords[status];
  const Tag = as;
  const icon = status === 'running' ? <span className="spinner" aria-hidden="true" /> : carriesIcon(word) ? null : <span className="badge-icon" aria-hidden="true">{statusIcons[status]}</span>;
  return (
    <Tag className={`step-status status-${status} badge-vocab tone-${statusTones[status]}${className ? ` ${className}` : ''}`} aria-label={`status: ${word}`}>
      {icon}
      <span className={wordClassName ?? 'badge-word'} data-testid={testId}>{word}</span>
    </Tag>
  );
}
