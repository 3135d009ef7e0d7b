import type { ITheme } from '@xterm/xterm';

/** #rrggbb plus an alpha byte; other colour syntaxes are returned as they are (xterm.js then ignores the alpha). */
const withAlpha = (color: string, alpha: number): string =>
  /^#[0-9a-f]{6}$/i.test(color) ? `${color}${Math.round(alpha * 255).toString(16).padStart(2, '0')}` : color;

/**
 * xterm.js colours from the app's CSS variables, so a terminal follows the light/dark theme (and
 * any change to the palette) instead of carrying its own. ANSI red/green/yellow/blue map to the
 * app's bad/ok/warn/accent, which are chosen to be legible on the panel colour in both themes.
 */
export function readTerminalTheme(root: Element = document.documentElement): ITheme {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const dark = root.getAttribute('data-theme') === 'dark';
  const panel = read('--panel', dark ? '#1f2126' : '#ffffff');
  const text = read('--text', dark ? '#e6e7ea' : '#1b1c1f');
  const muted = read('--muted', '#5d6270');
  const accent = read('--accent', '#3355cc');
  const red = read('--bad', '#b3261e');
  const green = read('--ok', '#1f7a3d');
  const yellow = read('--warn', '#9a6400');
  return {
    background: panel,
    foreground: text,
    cursor: accent,
    cursorAccent: panel,
    selectionBackground: withAlpha(accent, 0.35),
    black: dark ? '#000000' : text,
    red,
    green,
    yellow,
    blue: accent,
    magenta: dark ? '#d58bf0' : '#8a3fb0',
    cyan: dark ? '#5ccfe6' : '#0f6e80',
    white: dark ? text : muted,
    brightBlack: muted,
    brightRed: red,
    brightGreen: green,
    brightYellow: yellow,
    brightBlue: accent,
    brightMagenta: dark ? '#e4a8f7' : '#8a3fb0',
    brightCyan: dark ? '#8be3f2' : '#0f6e80',
    brightWhite: dark ? '#ffffff' : text,
  };
}
