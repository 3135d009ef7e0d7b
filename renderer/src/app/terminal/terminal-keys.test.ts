import { describe, expect, it } from 'vitest';
import { terminalShortcut } from './terminal-keys';

const key = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) =>
  terminalShortcut({ key, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta });

describe('terminalShortcut', () => {
  it('takes Ctrl+Shift+C/V/T/F and Ctrl+F, and leaves Ctrl+C and Ctrl+V to the shell', () => {
    expect([key('C', { ctrl: true, shift: true }), key('V', { ctrl: true, shift: true }), key('T', { ctrl: true, shift: true }), key('F', { ctrl: true, shift: true }), key('f', { ctrl: true })]).toEqual([
      'copy',
      'paste',
      'new-terminal',
      'search',
      'search',
    ]);
    expect([key('c', { ctrl: true }), key('v', { ctrl: true }), key('t', { ctrl: true }), key('c'), key('f', { ctrl: true, alt: true })]).toEqual([null, null, null, null, null]);
  });
});
