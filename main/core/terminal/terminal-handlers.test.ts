import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../bootstrap';

// Through the dispatcher, as both transports call it: validation, events and the journal.

const cores: Core[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.dispose()));

const call = (core: Core, command: string, payload: unknown) => core.dispatcher.dispatch(command, payload, { host: 'serve', signal: new AbortController().signal });

describe('terminal commands', () => {
  it('open, type, see output as events, close; the journal has open and close but not what was typed', async () => {
    const core = createTestCore({ PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', SHELL: '/bin/sh' });
    cores.push(core);
    const seen: string[] = [];
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (event === 'terminal.data') seen.push((payload as { data: string }).data);
    });
    const opened = await call(core, 'terminal.open', { cols: 80, rows: 24 });
    if (!opened.ok) throw new Error(opened.error.message);
    const { id } = opened.result as { id: string };
    expect(await call(core, 'terminal.input', { id, data: 'echo secret-typed-$((1+1))\r' })).toEqual({ ok: true, result: {} });
    const started = Date.now();
    while (!seen.join('').includes('secret-typed-2') && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.join('')).toContain('secret-typed-2');
    expect(await call(core, 'terminal.close', { id })).toEqual({ ok: true, result: { closed: true } });
    unsubscribe();
    const journal = [...core.audit.entries()].filter((entry) => entry.kind.startsWith('terminal.'));
    expect(journal.map((entry) => entry.kind)).toEqual(['terminal.opened', 'terminal.closed']);
    expect(JSON.stringify(journal)).not.toContain('secret-typed');
  });

  it('refuses bad requests with a clear error, before they reach a shell', async () => {
    const core = createTestCore();
    cores.push(core);
    expect(await call(core, 'terminal.open', { cols: 0, rows: 24 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'cols', message: 'A terminal needs at least 2 columns' }] } });
    expect(await call(core, 'terminal.open', { cwd: '/no/such/folder', cols: 80, rows: 24 })).toMatchObject({ ok: false, error: { code: 'INVALID_CWD', message: 'Cannot open a terminal in "/no/such/folder": there is no such folder.' } });
    expect(await call(core, 'terminal.input', { id: 'nope', data: 'x'.repeat(64 * 1024 + 1) })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('Send at most 65536 characters at a time') } });
    expect(await call(core, 'terminal.close', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(core, 'terminal.list', {})).toMatchObject({ ok: true, result: { sessions: [] } });
  });
});
