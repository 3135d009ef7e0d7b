import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../store-context';
import { filterCommands, paletteCommands } from './palette-commands';

/** Ctrl/Cmd+K: every action by name, from the keyboard. Esc closes it and gives focus back. */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        returnFocus.current = document.activeElement as HTMLElement | null;
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <PaletteDialog
      onClose={() => {
        setOpen(false);
        returnFocus.current?.focus?.();
      }}
    />
  );
}

/** Mounted only while open: only then does it follow the whole store (to offer what can be done now). */
function PaletteDialog({ onClose: close }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const state = useAppStore((current) => current);
  const commands = useMemo(() => filterCommands(paletteCommands(state), query), [state, query]);
  const run = (index: number): void => {
    const command = commands[index];
    if (!command) return;
    close();
    command.run();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') setActive((index) => Math.min(commands.length - 1, index + 1));
    else if (event.key === 'ArrowUp') setActive((index) => Math.max(0, index - 1));
    else if (event.key === 'Enter') run(active);
    else return;
    event.preventDefault();
  };
  return (
    <div className="palette-backdrop" onClick={close}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette" onClick={(event) => event.stopPropagation()} onKeyDown={onKeyDown}>
        <input
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          placeholder="Type a command…"
          aria-label="Command"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[active] ? `palette-${commands[active].id}` : undefined}
          data-testid="command-palette-input"
        />
        <ul id="palette-list" role="listbox">
          {commands.map((command, index) => (
            <li key={command.id} id={`palette-${command.id}`} role="option" aria-selected={index === active} data-testid="command-palette-item" data-command={command.id} onMouseEnter={() => setActive(index)} onClick={() => run(index)}>
              {command.title}
              {command.hint && <kbd>{command.hint}</kbd>}
            </li>
          ))}
          {commands.length === 0 && <li className="muted">No command matches.</li>}
        </ul>
      </div>
    </div>
  );
}
