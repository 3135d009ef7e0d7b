import { isAppUrl } from './trusted-sender';

/**
 * The only permissions a Reign window is ever granted: reading and writing the clipboard, which the
 * terminals' copy and paste (Ctrl+Shift+C / Ctrl+Shift+V) need, and only for the app's own page.
 */
const GRANTED = new Set(['clipboard-read', 'clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string, appUrl: string): boolean {
  return GRANTED.has(permission) && isAppUrl(requestingUrl, appUrl);
}
