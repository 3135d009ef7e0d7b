import { FitAddon } from '@xterm/addon-fit';
import { type ITerminalOptions, Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useEffect, useRef } from 'react';
import { readTerminalTheme } from './terminal-theme';

export interface XtermViewProps {
  /**
   * Called once the terminal is open in the page: wire data, input and addons here. Return a
   * disposer; it runs before the terminal is disposed. Read once, when the view mounts.
   */
  readonly setup?: (terminal: Terminal) => (() => void) | void;
  /** The size the view fitted itself to, in cells, whenever it changes. */
  readonly onResize?: (cols: number, rows: number) => void;
  /** Options for the xterm.js Terminal, read once when the view mounts. */
  readonly options?: ITerminalOptions;
  readonly testId?: string;
  readonly className?: string;
  readonly label?: string;
  /** Extra attributes on the container, such as data-terminal-id. */
  readonly attributes?: Readonly<Record<`data-${string}`, string>>;
}

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

/**
 * An xterm.js terminal that fills its container and follows the app's theme. It knows nothing of
 * where its data comes from: the Terminals pane connects it to a shell, a plan step's output view
 * writes chunks into it.
 */
export function XtermView({ setup, onResize, options, testId, className, label, attributes }: XtermViewProps) {
  const container = useRef<HTMLDivElement>(null);
  // The terminal lives as long as the view; later props reach it through refs, not a new terminal.
  const latest = useRef({ setup, onResize });
  latest.current = { setup, onResize };
  const initialOptions = useRef(options);

  useEffect(() => {
    const element = container.current!;
    const terminal = new Terminal({ fontFamily: FONT, fontSize: 13, scrollback: 5000, cursorBlink: true, theme: readTerminalTheme(), ...initialOptions.current });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    const refit = (): void => {
      // A hidden view (another tab, another pane) measures 0×0: keep its last size until it is shown.
      if (!element.clientWidth || !element.clientHeight) return;
      const size = fit.proposeDimensions();
      if (!size || !Number.isFinite(size.cols) || !Number.isFinite(size.rows)) return;
      const cols = Math.max(2, size.cols);
      const rows = Math.max(1, size.rows);
      if (cols !== terminal.cols || rows !== terminal.rows) terminal.resize(cols, rows);
    };
    const resized = terminal.onResize(({ cols, rows }) => latest.current.onResize?.(cols, rows));
    const sizeObserver = new ResizeObserver(refit);
    sizeObserver.observe(element);
    const themeObserver = new MutationObserver(() => (terminal.options.theme = readTerminalTheme()));
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    refit();
    const teardown = latest.current.setup?.(terminal);
    return () => {
      teardown?.();
      sizeObserver.disconnect();
      themeObserver.disconnect();
      resized.dispose();
      terminal.dispose();
    };
  }, []);

  return <div ref={container} className={`xterm-host ${className ?? ''}`.trim()} data-testid={testId} aria-label={label} role="group" {...attributes} />;
}
