import { type BrowserWindow, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../host/content-security-policy';

/** The only settings a Reign window is created with. */
export const secureWebPreferences = (preload: string): Electron.WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
});

/** Deny new windows, navigation away from the app, and every permission request; send a strict CSP. */
export function lockDown(window: BrowserWindow, appUrl: string): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
}

export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    return target.protocol === app.protocol && target.host === app.host && target.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** Only the app's own top frame may call the contract. */
export function isTrustedSender(sender: WebContents, frameUrl: string | undefined, mainFrame: boolean, appUrl: string, window: BrowserWindow | null): boolean {
  return window !== null && sender === window.webContents && mainFrame && frameUrl !== undefined && isAppUrl(frameUrl, appUrl);
}
