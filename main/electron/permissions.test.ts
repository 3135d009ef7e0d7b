import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permissions';

describe('isPermissionGranted', () => {
  const app = 'file:///opt/reign/out/renderer/index.html';
  it('grants the clipboard to the app page only, and nothing else to anyone', () => {
    expect(isPermissionGranted('clipboard-read', app, app)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', app, app)).toBe(true);
    expect(isPermissionGranted('clipboard-read', 'https://example.com/', app)).toBe(false);
    expect(isPermissionGranted('media', app, app)).toBe(false);
    expect(isPermissionGranted('notifications', app, app)).toBe(false);
  });
});
