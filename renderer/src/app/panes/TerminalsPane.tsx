import { type FormEvent, useEffect, useState } from 'react';
import type { TerminalTab } from '../../state/terminals-slice';
import { fileBaseName } from '../file-names';
import { useAppStore } from '../store-context';
import { TerminalSessionView } from '../terminal/TerminalSessionView';

const tabLabel = (session: TerminalTab): string => `${fileBaseName(session.shell)} · ${fileBaseName(session.cwd)}${session.exit ? ` · exited ${session.exit.signal ? `(signal ${session.exit.signal})` : session.exit.exitCode}` : ''}`;

/**
 * Your own shells, as tabs. The pane stays mounted (hidden) while another pane is shown, so the
 * sessions keep their scrollback and keep draining their output.
 */
export function TerminalsPane({ hidden }: { hidden: boolean }) {
  const terminals = useAppStore((state) => state.terminals);
  const loadTerminals = useAppStore((state) => state.loadTerminals);
  const openTerminal = useAppStore((state) => state.openTerminal);
  const closeTerminal = useAppStore((state) => state.closeTerminal);
  const selectTerminal = useAppStore((state) => state.selectTerminal);
  // null: the field shows the default folder until the person types in it.
  const [cwd, setCwd] = useState<string | null>(null);
  const folder = cwd ?? terminals.defaultCwd ?? '';

  useEffect(() => {
    void loadTerminals();
  }, [loadTerminals]);

  useEffect(() => {
    if (hidden) return;
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 't') {
        event.preventDefault();
        void openTerminal(folder);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hidden, folder, openTerminal]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void openTerminal(folder);
  };

  return (
    <section className="pane terminals-pane" data-testid="pane-terminals" aria-labelledby="pane-title-terminals" hidden={hidden}>
      <header className="terminal-toolbar">
        <h1 id="pane-title-terminals">Terminals</h1>
        <div className="terminal-tabs" role="tablist" aria-label="Open terminals" data-testid="terminal-tabs">
          {terminals.sessions.map((session) => {
            const selected = session.id === terminals.activeId;
            return (
              <span key={session.id} className="terminal-tab" aria-current={selected} data-status={session.exit ? 'exited' : 'running'}>
                <button type="button" role="tab" aria-selected={selected} title={`${session.shell} in ${session.cwd}`} data-testid={`terminal-tab-${session.id}`} onClick={() => selectTerminal(session.id)}>
                  <span className="terminal-tab-label">{tabLabel(session)}</span>
                </button>
                <button type="button" aria-label={`Close terminal ${tabLabel(session)}`} data-testid={`terminal-close-${session.id}`} onClick={() => void closeTerminal(session.id)}>
                  ×
                </button>
              </span>
            );
          })}
        </div>
        <form className="terminal-new-form" onSubmit={submit}>
          <input data-testid="terminal-cwd" aria-label="Folder for a new terminal" value={folder} spellCheck={false} onChange={(event) => setCwd(event.target.value)} />
          <button type="submit" data-testid="terminal-new" title="New terminal (Ctrl+Shift+T)">
            New terminal
          </button>
        </form>
      </header>
      {terminals.error && (
        <p className="error" role="alert" data-testid="terminal-error">
          {terminals.error}
        </p>
      )}
      <div className="terminal-stack">
        {terminals.sessions.map((session) => (
          <TerminalSessionView key={session.id} session={session} active={session.id === terminals.activeId} />
        ))}
        {terminals.sessions.length === 0 && (
          <p className="muted" data-testid="terminal-empty">
            No terminal open. Choose a folder and press New terminal (Ctrl+Shift+T). In a terminal: Ctrl+Shift+C / Ctrl+Shift+V copy and paste, Ctrl+F finds.
          </p>
        )}
      </div>
    </section>
  );
}
