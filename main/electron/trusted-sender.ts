// Pure checks, kept apart from the electron import so they can be tested under plain Node.

/** Same scheme, host and path as the app's own page: anything else is navigation away from Reign. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    return target.protocol === app.protocol && target.host === app.host && target.pathname === app.pathname;
  } catch {
    return false;
  }
}

/** Only the app's own top frame, in the app's own window, may call the contract. */
export function isTrustedSender(message: { sender: unknown; frameUrl: string | undefined; isMainFrame: boolean }, expectedSender: unknown, appUrl: string): boolean {
  return expectedSender !== null && message.sender === expectedSender && message.isMainFrame && message.frameUrl !== undefined && isAppUrl(message.frameUrl, appUrl);
}
