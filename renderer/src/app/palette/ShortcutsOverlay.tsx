import { useEffect, useRef, useState } from 'react';
import { opensShortcuts, shortcutGroups } from './shortcuts';
import './palette-search.css';

const onMac = (): boolean => /mac|iphone|ipad/i.test(navigator.platform || navigator.userAgent);

/** `?` (Shift+/ outside a text field): every key the app answers to, in one list. Esc closes it and gives focus back. */
export function ShortcutsOverlay() {
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!opensShortcuts(event, document.activeElement)) return;
      event.preventDefault();
      returnFocus.current = document.activeElement as HTMLElement | null;
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) dialog.current?.focus();
  }, [open]);
  if (!open) return null;
  const close = (): void => {
    setOpen(false);
    returnFocus.current?.focus?.();
  };
  return (
    <div className="palette-backdrop" onClick={close}>
      <div
        className="palette shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        tabIndex={-1}
        ref={dialog}
        data-testid="shortcuts-overlay"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault();
            event.stopPropagation();
            close();
          } else if (event.key === 'Tab') {
            // A modal list: the focus stays in it (on the list or its close button) until it is closed.
            event.preventDefault();
            (document.activeElement === dialog.current ? dialog.current?.querySelector<HTMLElement>('button') : dialog.current)?.focus();
          }
        }}
      >
        <header className="shortcuts-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" onClick={close} aria-label="Close the shortcuts" data-testid="shortcuts-close">Esc</button>
        </header>
        <div className="shortcuts-groups">
          {shortcutGroups(onMac()).map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h3>{group.title}</h3>
              <dl>
                {group.keys.map((entry) => (
                  <div key={`${entry.keys}-${entry.does}`} className="shortcut" data-testid="shortcut">
                    <dt><kbd>{entry.keys}</kbd></dt>
                    <dd>{entry.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
