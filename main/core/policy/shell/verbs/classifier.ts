import type { RiskAssessment } from '../../risk';
import type { Args } from '../command-args';

/** Classifies one simple command from its (already unwrapped) name and arguments. */
export type Classifier = (args: Args, name: string) => RiskAssessment;
export type Table = Record<string, Classifier>;

/** Paths whose loss or change breaks the machine or the user's account. */
export function sensitivePath(path: string): 'system' | 'home' | 'root' | null {
  const p = path.replace(/\/+$/, '') || '/';
  if (['/', '/*', '~', '~/', '$HOME', '${HOME}', '~/*', '$HOME/*', '.', '..', '*', '/.'].includes(p) || /^\/(\*|\.\*)$/.test(p)) return 'root';
  if (/^\/var\/tmp(\/|$)/.test(p)) return null;
  if (/^\/(etc|boot|bin|sbin|lib|lib64|usr|var|sys|proc|dev|root|opt|srv)(\/|$)|^\/home$/.test(p)) return 'system';
  if (/^(~|\$HOME|\$\{HOME\})(\/|$)|^\/home\/[^/]+\/?$|^\/Users\/[^/]+\/?$/.test(p)) return 'home';
  return null;
}

/** Scratch space: removing things there loses nothing anyone keeps. */
export const isTemporaryPath = (path: string): boolean => /^(\/tmp|\/var\/tmp|\$TMPDIR|\$\{TMPDIR(:-[^}]*)?\})\/[^/]/.test(path) && !/(^|\/)\.\.(\/|$)/.test(path);
