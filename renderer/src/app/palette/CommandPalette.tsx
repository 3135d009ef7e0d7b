import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchItem } from '../../../../preload/contract';
import type { AppState } from '../../state/app-store';
import { useAppStore } from '../store-context';
import { paletteCommands } from './palette-commands';
import { flatEntries, type PaletteEntry, paletteGroups } from './search-results';
import { kindIcon } from './search-kinds';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { useSearchItems } from './use-search-items';
import './palette-search.css';

/**
 * Ctrl/Cmd+K: global search and every action by name, from the keyboard. What the families can
 * find is read once as the palette opens and filtered here as a person types. Esc closes it and
 * gives focus back. Also mounts the `?` shortcuts list, the other global key.
 */
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
  return (
    <>
      {open && (
        <PaletteDialog
          onClose={(giveFocusBack) => {
            setOpen(false);
            if (giveFocusBack) returnFocus.current?.focus?.();
          }}
        />
      )}
      <ShortcutsOverlay />
    </>
  );
}

/** Mounted only while open: only then does it follow the whole store (to offer what can be done now). */
function PaletteDialog({ onClose: close }: { onClose: (giveFocusBack: boolean) => void }) {
  const [query, setQuery] = useState('');
  // By id, not position: results arriving from a slower source must not move the highlight.
  const [activeId, setActiveId] = useState<string | null>(null);
  const state = useAppStore((current) => current);
  const search = useSearchItems();
  const groups = useMemo(() => paletteGroups(paletteCommands(state), search.items, query), [state, search.items, query]);
  const entries = useMemo(() => flatEntries(groups), [groups]);
  const active = Math.max(0, entries.findIndex((entry) => entry.id === activeId));
  const setActive = (index: number): void => setActiveId(entries[index]?.id ?? null);
  const choose = (entry: PaletteEntry | undefined): void => {
    if (!entry) return;
    if (entry.type === 'command') {
      close(true);
      entry.command.run();
      return;
    }
    // Focus goes where the item is shown (its row, its run), not back where it was.
    close(false);
    openItem(state, entry.item);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') close(true);
    else if (event.key === 'ArrowDown') setActive(Math.min(entries.length - 1, active + 1));
    else if (event.key === 'ArrowUp') setActive(Math.max(0, active - 1));
    else if (event.key === 'Enter') choose(entries[active]);
    // A modal dialog: Tab stays in the search field; the results are walked with ↑/↓.
    else if (event.key === 'Tab') return void event.preventDefault();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  useEffect(() => {
    document.getElementById(entries[active]?.id ?? '')?.scrollIntoView({ block: 'nearest' });
  }, [active, entries]);
  const reading = search.reading;
  return (
    <div className="palette-backdrop" onClick={() => close(true)}>
      <div className="palette palette-search" role="dialog" aria-modal="true" aria-label="Search and commands" data-testid="command-palette" onClick={(event) => event.stopPropagation()} onKeyDown={onKeyDown}>
        <input
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveId(null);
          }}
          placeholder="Search containers, pods, releases, repositories, runs, or type a command…"
          aria-label="Search or command"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={entries[active]?.id}
          data-testid="command-palette-input"
        />
        <ul id="palette-list" role="listbox" aria-label="Results">
          {groups.map((group) => (
            <li key={group.kind} role="presentation" className="palette-group" data-testid="search-group" data-kind={group.kind}>
              <div className="palette-group-head" aria-hidden="true">
                <span className="palette-kind-icon">{group.icon}</span> {group.label}
              </div>
              <ul role="group" aria-label={group.label}>
                {group.entries.map((entry) => {
                  const index = entries.indexOf(entry);
                  const selected = index === active;
                  return entry.type === 'command' ? (
                    <li key={entry.id} id={entry.id} role="option" aria-selected={selected} data-testid="command-palette-item" data-command={entry.command.id} onMouseEnter={() => setActive(index)} onClick={() => choose(entry)}>
                      {entry.command.title}
                      {entry.command.hint && <kbd>{entry.command.hint}</kbd>}
                    </li>
                  ) : (
                    <li key={entry.id} id={entry.id} role="option" aria-selected={selected} aria-label={`${entry.item.kind} ${entry.item.name}, ${entry.item.detail}`} className="search-item" data-testid="search-item" data-kind={entry.item.kind} data-name={entry.item.name} onMouseEnter={() => setActive(index)} onClick={() => choose(entry)}>
                      <span className="search-item-name"><span className="palette-kind-icon" aria-hidden="true">{kindIcon(entry.item.kind)}</span>{entry.item.name}</span>
                      <span className="search-item-detail">{entry.item.detail}</span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
          {entries.length === 0 && reading.length === 0 && <li className="muted palette-empty" role="presentation">Nothing matches “{query}”.</li>}
        </ul>
        <footer className="palette-foot" role="status" data-testid="search-status">
          {reading.length > 0 && <span data-testid="search-reading">Still reading: {reading.join(', ')}…</span>}
          {search.silent.map((source) => (
            <span key={source.id} className="palette-silent" title={source.problem} data-testid="search-source-problem">
              {source.title}: not searched — {source.problem}
            </span>
          ))}
          <span className="palette-keys" aria-hidden="true"><kbd>↑</kbd><kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close · <kbd>?</kbd> shortcuts</span>
        </footer>
      </div>
    </div>
  );
}

/** Where an item is shown: a Resources row in its view and scope, or a run in History. */
function openItem(state: AppState, item: SearchItem): void {
  if (item.target.pane === 'resources') {
    state.navigate('resources');
    void state.revealResource(item.target);
  } else {
    state.navigate('history');
    void state.selectRun(item.target.run);
  }
}
