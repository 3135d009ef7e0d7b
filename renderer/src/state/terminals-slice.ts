import { type CommandResponse, type EventPayload, TERMINAL_INPUT_MAX_CHARS } from '../../../preload/contract';
import type { AppState } from './app-store';
import type { Slice } from './slice-types';

export type TerminalTab = CommandResponse<'terminal.list'>['sessions'][number];
type DataListener = (data: string) => void;

/**
 * Output that arrives before a view listens (the prompt can beat the render after terminal.open)
 * is kept, up to this many characters per terminal, and replayed to the first listener.
 */
export const BACKLOG_MAX_CHARS = 1024 * 1024;

export interface TerminalsSlice {
  terminals: {
    sessions: TerminalTab[];
    activeId: string | null;
    /** Where a new terminal opens when the folder field is left empty (the home folder). */
    defaultCwd: string | null;
    error: string | null;
  };
  loadTerminals(): Promise<void>;
  /** Opens a terminal and makes it active; null (with `error` set) when main refused. */
  openTerminal(cwd?: string): Promise<string | null>;
  closeTerminal(id: string): Promise<void>;
  selectTerminal(id: string): void;
  terminalExited(event: EventPayload<'terminal.exit'>): void;
  /** Output is streamed to listeners, never kept in the store: it would re-render on every chunk. Returns a disposer. */
  onTerminalData(id: string, listener: DataListener): () => void;
  deliverTerminalData(event: EventPayload<'terminal.data'>): void;
  /** Sends typed or pasted text in order, in pieces the wire accepts. */
  sendTerminalInput(id: string, data: string): Promise<void>;
  resizeTerminal(id: string, cols: number, rows: number): void;
  /** Tells main how much output the emulator has processed (flow control). */
  ackTerminal(id: string, chars: number): void;
}

export const activeTerminal = (state: AppState): TerminalTab | null => state.terminals.sessions.find((session) => session.id === state.terminals.activeId) ?? null;

export const createTerminalsSlice: Slice<TerminalsSlice> = (api) => (set, get) => {
  const listeners = new Map<string, Set<DataListener>>();
  const backlog = new Map<string, string>();
  const inputQueue = new Map<string, Promise<void>>();
  const patch = (change: Partial<TerminalsSlice['terminals']>): void => set({ terminals: { ...get().terminals, ...change } });
  const forget = (id: string): void => {
    listeners.delete(id);
    backlog.delete(id);
    inputQueue.delete(id);
  };
  const reportError = (error: unknown): void => patch({ error: (error as Error).message });

  return {
    terminals: { sessions: [], activeId: null, defaultCwd: null, error: null },
    loadTerminals: async () => {
      try {
        const { sessions, defaultCwd } = await api.commands['terminal.list']({});
        const { activeId } = get().terminals;
        for (const id of listeners.keys()) if (!sessions.some((session) => session.id === id)) forget(id);
        patch({ sessions, defaultCwd, activeId: sessions.some((session) => session.id === activeId) ? activeId : (sessions.at(-1)?.id ?? null) });
      } catch (error) {
        reportError(error);
      }
    },
    openTerminal: async (cwd) => {
      try {
        // 80×24 until the view has measured itself and sends its real size.
        const opened = await api.commands['terminal.open']({ ...(cwd?.trim() ? { cwd: cwd.trim() } : {}), cols: 80, rows: 24 });
        const tab: TerminalTab = { ...opened, cols: 80, rows: 24, exit: null };
        patch({ sessions: [...get().terminals.sessions, tab], activeId: opened.id, error: null });
        return opened.id;
      } catch (error) {
        reportError(error);
        return null;
      }
    },
    closeTerminal: async (id) => {
      const { sessions, activeId } = get().terminals;
      const index = sessions.findIndex((session) => session.id === id);
      const rest = sessions.filter((session) => session.id !== id);
      const nextActive = activeId === id ? (rest[Math.min(index, rest.length - 1)]?.id ?? null) : activeId;
      patch({ sessions: rest, activeId: nextActive, error: null });
      forget(id);
      try {
        await api.commands['terminal.close']({ id });
      } catch (error) {
        // Already gone in main (restarted, closed by another window): the tab is gone either way.
        if ((error as { code?: string }).code !== 'NOT_FOUND') reportError(error);
      }
    },
    selectTerminal: (id) => {
      if (get().terminals.sessions.some((session) => session.id === id)) patch({ activeId: id });
    },
    terminalExited: ({ id, exitCode, signal }) => {
      const { sessions } = get().terminals;
      if (!sessions.some((session) => session.id === id)) return;
      patch({ sessions: sessions.map((session) => (session.id === id ? { ...session, exit: { exitCode, signal } } : session)) });
    },
    onTerminalData: (id, listener) => {
      const set = listeners.get(id) ?? new Set<DataListener>();
      listeners.set(id, set);
      set.add(listener);
      const held = backlog.get(id);
      backlog.delete(id);
      if (held) listener(held);
      return () => {
        set.delete(listener);
      };
    },
    deliverTerminalData: ({ id, data }) => {
      const targets = listeners.get(id);
      if (targets?.size) {
        for (const listener of targets) listener(data);
        return;
      }
      // Keep the newest output; what is dropped will never be written, so it is acknowledged now.
      const held = (backlog.get(id) ?? '') + data;
      backlog.set(id, held.slice(-BACKLOG_MAX_CHARS));
      if (held.length > BACKLOG_MAX_CHARS) get().ackTerminal(id, held.length - BACKLOG_MAX_CHARS);
    },
    sendTerminalInput: (id, data) => {
      const previous = inputQueue.get(id) ?? Promise.resolve();
      const next = previous.then(async () => {
        for (const piece of inputPieces(data)) await api.commands['terminal.input']({ id, data: piece });
      });
      const settled = next.catch(reportError);
      inputQueue.set(id, settled);
      return settled;
    },
    resizeTerminal: (id, cols, rows) => {
      const { sessions } = get().terminals;
      patch({ sessions: sessions.map((session) => (session.id === id ? { ...session, cols, rows } : session)) });
      // An exited or closed terminal has no size to change; nothing to tell the person.
      api.commands['terminal.resize']({ id, cols, rows }).catch(() => {});
    },
    ackTerminal: (id, chars) => {
      if (chars > 0) api.commands['terminal.ack']({ id, bytes: chars }).catch(() => {});
    },
  };
};

/** Splits input into pieces the wire accepts, never between the halves of a surrogate pair. */
export function inputPieces(data: string, max = TERMINAL_INPUT_MAX_CHARS): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(data.slice(start, end));
    start = end;
  }
  return pieces;
}
