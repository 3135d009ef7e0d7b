import { SearchAddon } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TerminalTab } from '../../state/terminals-slice';
import { useAppStore } from '../store-context';
import { terminalShortcut } from './terminal-keys';
import { TerminalWriter } from './terminal-writer';
import { TerminalSearchBar } from './TerminalSearchBar';
import { XtermView } from './XtermView';

/**
 * One shell's terminal: output from main through a writer that acknowledges what xterm parsed,
 * keystrokes back to main, copy/paste and search shortcuts. Stays mounted while another tab is
 * shown, so its scrollback survives and its output keeps being acknowledged.
 */
export function TerminalSessionView({ session, active }: { session: TerminalTab; active: boolean }) {
  const { id, exit } = session;
  const onTerminalData = useAppStore((state) => state.onTerminalData);
  const sendTerminalInput = useAppStore((state) => state.sendTerminalInput);
  const resizeTerminal = useAppStore((state) => state.resizeTerminal);
  const ackTerminal = useAppStore((state) => state.ackTerminal);
  const [search, setSearch] = useState<SearchAddon | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const terminal = useRef<Terminal | null>(null);
  const writer = useRef<TerminalWriter | null>(null);

  const setup = useCallback(
    (created: Terminal) => {
      terminal.current = created;
      const searchAddon = new SearchAddon();
      created.loadAddon(searchAddon);
      setSearch(searchAddon);
      const output = new TerminalWriter(created, (chars) => ackTerminal(id, chars));
      writer.current = output;
      const stopOutput = onTerminalData(id, (data) => output.push(data));
      const input = created.onData((data) => void sendTerminalInput(id, data));
      created.attachCustomKeyEventHandler((event) => {
        const shortcut = terminalShortcut(event);
        if (!shortcut) return true;
        // Returning false keeps xterm from turning the chord into a control character; the event
        // still bubbles, so the pane sees Ctrl+Shift+T. Acting on keydown only: keypress/keyup follow.
        if (event.type === 'keydown' && shortcut !== 'new-terminal') {
          event.preventDefault();
          if (shortcut === 'search') setSearchOpen(true);
          else if (shortcut === 'copy' && created.hasSelection()) void navigator.clipboard.writeText(created.getSelection());
          else if (shortcut === 'paste') void navigator.clipboard.readText().then((text) => text && created.paste(text));
        }
        return false;
      });
      // Right-click pastes, as in most Linux terminals.
      const onContextMenu = (event: MouseEvent): void => {
        event.preventDefault();
        void navigator.clipboard.readText().then((text) => text && created.paste(text), () => {});
      };
      created.element?.addEventListener('contextmenu', onContextMenu);
      return () => {
        created.element?.removeEventListener('contextmenu', onContextMenu);
        stopOutput();
        input.dispose();
        output.dispose();
        writer.current = null;
        terminal.current = null;
      };
    },
    [id, onTerminalData, sendTerminalInput, ackTerminal],
  );

  useEffect(() => {
    if (active && !searchOpen) terminal.current?.focus();
  }, [active, searchOpen]);

  useEffect(() => {
    if (!exit || !terminal.current) return;
    const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`;
    // Through the writer, so the note lands after the last output and is not acknowledged.
    writer.current?.push(`\r\n\x1b[2m[process exited with ${how}]\x1b[0m\r\n`, false);
    terminal.current.options.disableStdin = true;
    terminal.current.options.cursorBlink = false;
  }, [exit]);

  return (
    <div className="terminal-session" hidden={!active} data-status={exit ? 'exited' : 'running'}>
      {active && searchOpen && search && (
        <TerminalSearchBar
          search={search}
          onClose={() => {
            search.clearDecorations();
            setSearchOpen(false);
          }}
        />
      )}
      {exit && (
        <p className="terminal-exited muted" role="status">
          The shell exited ({exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`}). Close the tab, or open a new terminal.
        </p>
      )}
      <XtermView
        setup={setup}
        onResize={(cols, rows) => resizeTerminal(id, cols, rows)}
        testId={active ? 'terminal-view' : undefined}
        label={`Terminal in ${session.cwd}`}
        attributes={{ 'data-terminal-id': id }}
      />
    </div>
  );
}
