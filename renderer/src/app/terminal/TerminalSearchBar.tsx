import type { SearchAddon } from '@xterm/addon-search';
import { useState } from 'react';

/** Find in a terminal's scrollback: Enter finds the next match, Shift+Enter the previous, Escape closes. */
export function TerminalSearchBar({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const [term, setTerm] = useState('');
  const [found, setFound] = useState(true);
  const find = (value: string, backwards: boolean, incremental = false): void => {
    const hit = value ? (backwards ? search.findPrevious(value) : search.findNext(value, { incremental })) : true;
    setFound(hit);
  };
  return (
    <div className="terminal-search row" role="search">
      <input
        data-testid="terminal-search"
        aria-label="Find in terminal"
        placeholder="Find (Enter: next, Shift+Enter: previous)"
        autoFocus
        value={term}
        aria-invalid={!found}
        onChange={(event) => {
          setTerm(event.target.value);
          find(event.target.value, false, true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            find(term, event.shiftKey);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          }
        }}
      />
      {!found && <span className="muted">No match</span>}
      <button type="button" onClick={onClose} aria-label="Close search">
        ×
      </button>
    </div>
  );
}
