import { describe, expect, it } from 'vitest';
import { ReignError, TERMINAL_INPUT_MAX_CHARS } from '../../../preload/contract';
import { createAppStore } from './app-store';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { activeTerminal, BACKLOG_MAX_CHARS, inputPieces } from './terminals-slice';

const api = scriptedApi;

const opener = () => {
  let next = 0;
  return async ({ cwd }: { cwd?: string }) => ({ id: `t${++next}`, shell: '/bin/sh', cwd: cwd ?? '/home/me' });
};

describe('terminals slice', () => {
  it('opens terminals as tabs, makes the new one active, and picks a neighbour when the active one closes', async () => {
    const closed: string[] = [];
    const store = createAppStore(api({ 'terminal.open': opener(), 'terminal.close': async ({ id }) => (closed.push(id), { closed: true }) }));
    expect(await store.getState().openTerminal()).toBe('t1');
    expect(await store.getState().openTerminal('  /srv  ')).toBe('t2');
    await store.getState().openTerminal();
    expect(store.getState().terminals.sessions.map((session) => [session.id, session.cwd])).toEqual([['t1', '/home/me'], ['t2', '/srv'], ['t3', '/home/me']]);
    expect(activeTerminal(store.getState())?.id).toBe('t3');
    store.getState().selectTerminal('t2');
    await store.getState().closeTerminal('t2');
    expect(closed).toEqual(['t2']);
    expect(activeTerminal(store.getState())?.id).toBe('t3');
    await store.getState().closeTerminal('t3');
    expect(activeTerminal(store.getState())?.id).toBe('t1');
    store.getState().selectTerminal('unknown');
    expect(activeTerminal(store.getState())?.id).toBe('t1');
  });

  it("shows main's refusal and opens no tab", async () => {
    const refused = new ReignError({ name: 'TerminalError', code: 'INVALID_CWD', message: 'Cannot open a terminal in "/nope": there is no such folder.' });
    const store = createAppStore(api({ 'terminal.open': async () => Promise.reject(refused) }));
    expect(await store.getState().openTerminal('/nope')).toBeNull();
    expect(store.getState().terminals).toMatchObject({ sessions: [], activeId: null, error: 'Cannot open a terminal in "/nope": there is no such folder.' });
  });

  it('marks a tab exited, and lists what main holds after a reload', async () => {
    const store = createAppStore(
      api({
        'terminal.open': opener(),
        'terminal.list': async () => ({ sessions: [{ id: 't1', shell: '/bin/sh', cwd: '/home/me', cols: 80, rows: 24, exit: { exitCode: 2, signal: null } }], defaultCwd: '/home/me' }),
      }),
    );
    await store.getState().openTerminal();
    store.getState().terminalExited({ id: 't1', exitCode: 2, signal: null });
    expect(store.getState().terminals.sessions[0]!.exit).toEqual({ exitCode: 2, signal: null });
    await store.getState().loadTerminals();
    expect(store.getState().terminals).toMatchObject({ activeId: 't1', defaultCwd: '/home/me' });
  });

  it('streams output to listeners, keeps what came before the first one, and stops at the disposer', () => {
    const store = createAppStore(api({}));
    store.getState().deliverTerminalData({ id: 't1', data: '$ ' });
    store.getState().deliverTerminalData({ id: 't1', data: 'ls' });
    const seen: string[] = [];
    const dispose = store.getState().onTerminalData('t1', (data) => seen.push(data));
    store.getState().deliverTerminalData({ id: 't1', data: '\r\n' });
    store.getState().deliverTerminalData({ id: 't2', data: 'other' });
    dispose();
    store.getState().deliverTerminalData({ id: 't1', data: 'late' });
    expect(seen).toEqual(['$ ls', '\r\n']);
  });

  it('acknowledges output it had to drop from a full backlog, so the shell is not left paused', async () => {
    const acks: number[] = [];
    const store = createAppStore(api({ 'terminal.ack': async ({ bytes }) => (acks.push(bytes), {}) }));
    store.getState().deliverTerminalData({ id: 't1', data: 'x'.repeat(BACKLOG_MAX_CHARS) });
    store.getState().deliverTerminalData({ id: 't1', data: 'tail' });
    expect(acks).toEqual([4]);
    const seen: string[] = [];
    store.getState().onTerminalData('t1', (data) => seen.push(data));
    expect(seen[0]!.length).toBe(BACKLOG_MAX_CHARS);
    expect(seen[0]!.endsWith('tail')).toBe(true);
  });

  it('sends a large paste in order, in pieces the wire accepts', async () => {
    const sent: string[] = [];
    const store = createAppStore(api({ 'terminal.input': async ({ data }) => (sent.push(data), {}) }));
    const paste = 'a'.repeat(TERMINAL_INPUT_MAX_CHARS * 2 + 10);
    void store.getState().sendTerminalInput('t1', paste);
    await store.getState().sendTerminalInput('t1', 'after');
    expect(sent.map((piece) => piece.length)).toEqual([TERMINAL_INPUT_MAX_CHARS, TERMINAL_INPUT_MAX_CHARS, 10, 5]);
    expect(sent.join('')).toBe(paste + 'after');
  });

  it('never splits a surrogate pair between two pieces', () => {
    expect(inputPieces('ab😀cd', 3)).toEqual(['ab', '😀c', 'd']);
  });
});
