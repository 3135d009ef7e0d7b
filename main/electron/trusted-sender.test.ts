import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from './trusted-sender';

const app = 'file:///opt/Reign/resources/app/out/renderer/index.html';

describe('isAppUrl', () => {
  it('accepts the app page itself, with any fragment or query', () => {
    expect(isAppUrl(app, app)).toBe(true);
    expect(isAppUrl(`${app}#settings`, app)).toBe(true);
  });

  it('refuses other pages, other files and other schemes', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///opt/Reign/resources/app/out/renderer/other.html', 'javascript:alert(1)', 'not a url']) {
      expect(isAppUrl(url, app)).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const window = { id: 1 };
  it('trusts only the app window\'s main frame showing the app page', () => {
    expect(isTrustedSender({ sender: window, frameUrl: app, isMainFrame: true }, window, app)).toBe(true);
    expect(isTrustedSender({ sender: window, frameUrl: app, isMainFrame: false }, window, app)).toBe(false);
    expect(isTrustedSender({ sender: window, frameUrl: 'https://evil.example/', isMainFrame: true }, window, app)).toBe(false);
    expect(isTrustedSender({ sender: { id: 2 }, frameUrl: app, isMainFrame: true }, window, app)).toBe(false);
    expect(isTrustedSender({ sender: window, frameUrl: app, isMainFrame: true }, null, app)).toBe(false);
  });
});
