import { panes } from '../pane-registry';

export interface ShortcutGroup {
  readonly title: string;
  readonly keys: readonly { readonly keys: string; readonly does: string }[];
}

/** Every key the app answers to, by where it works: what the `?` overlay lists. */
export function shortcutGroups(mac: boolean): ShortcutGroup[] {
  const mod = mac ? '⌘' : 'Ctrl';
  return [
    {
      title: 'Anywhere',
      keys: [
        { keys: `${mod}+K`, does: 'Search containers, pods, releases, repositories, runs and commands' },
        ...panes.map((pane, index) => ({ keys: `${mod}+${index + 1}`, does: `Go to ${pane.label}` })),
        { keys: '?', does: 'Show these shortcuts (outside a text field)' },
        { keys: 'Esc', does: 'Close a dialog or this list; in Chat, stop the agent' },
        { keys: 'Tab / Shift+Tab', does: 'Move between controls (the focused one is outlined)' },
      ],
    },
    {
      title: 'Search and commands',
      keys: [
        { keys: '↑ / ↓', does: 'Move through the results' },
        { keys: 'Enter', does: 'Open the result (its row in Resources, its run in History) or run the command' },
        { keys: 'Esc', does: 'Close' },
      ],
    },
    {
      title: 'Chat',
      keys: [
        { keys: 'Enter', does: 'Send' },
        { keys: 'Shift+Enter', does: 'New line' },
        { keys: 'Esc', does: 'Stop the agent' },
      ],
    },
    {
      title: 'Plan',
      keys: [
        { keys: '↑ / ↓ (or J / K)', does: 'Move between steps' },
        { keys: 'A', does: 'Approve the selected step' },
        { keys: 'R', does: 'Reject the selected step' },
        { keys: 'E', does: 'Edit the selected step' },
        { keys: 'Enter / Space', does: 'Go to the step\'s preview and decision' },
        { keys: `${mod}+Enter`, does: 'Run the approved steps' },
      ],
    },
    {
      title: 'Resources',
      keys: [
        { keys: '↑ / ↓', does: 'Move between rows' },
        { keys: 'Space', does: 'Select the row (for bulk actions)' },
        { keys: 'Enter', does: 'Open the row (logs, stats, jobs)' },
        { keys: 'Delete', does: 'Remove the row (asks for approval)' },
        { keys: 'Tab', does: 'Reach the row\'s actions' },
      ],
    },
    {
      title: 'Editor and terminals',
      keys: [
        { keys: `${mod}+S`, does: 'Save the file' },
        { keys: `${mod}+Shift+F`, does: 'Find in the terminal' },
        { keys: `${mod}+Shift+C / V`, does: 'Copy / paste in the terminal' },
      ],
    },
  ];
}

/** `?` opens the list only where it cannot be text: not in a field, an editor or a terminal. */
export function opensShortcuts(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: Element | null): boolean {
  if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return false;
  return !target?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor, .xterm');
}
