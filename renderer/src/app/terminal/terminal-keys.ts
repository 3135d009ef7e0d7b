export type TerminalShortcut = 'copy' | 'paste' | 'search' | 'new-terminal';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/**
 * The app's shortcuts inside a focused terminal. Plain Ctrl+C/Ctrl+V stay the shell's (interrupt,
 * literal next), so copy and paste take Shift as in most Linux terminals. Ctrl+F (readline's
 * forward-char, which the arrow key also does) opens search, as it does in the rest of the app.
 */
export function terminalShortcut(event: KeyLike): TerminalShortcut | null {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  if (key === 'f') return 'search';
  if (!event.shiftKey) return null;
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  if (key === 't') return 'new-terminal';
  return null;
}
