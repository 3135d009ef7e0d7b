import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../../../main/core/bootstrap';
import { type ServeHost, startServeHost } from '../../../main/host/serve-host';
import { ReignError } from '../../../preload/contract';
import { createWebSocketClient } from './websocket-transport';
import type { ConnectionState } from './transport-types';

// The browser transport against the real serve host, with `ws` standing in for the browser's
// WebSocket (it sends the Origin header a browser would).
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(port = 0, core: Core = createTestCore()): Promise<ServeHost> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'reign-ui-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const host = await startServeHost({ core, rendererDir, port, token: 'test-token-test-token-test-token' });
  cleanups.push(() => host.close());
  return host;
}

function client(host: ServeHost) {
  const origin = `http://127.0.0.1:${host.port}`;
  const BrowserLikeWebSocket = class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;
  const reign = createWebSocketClient({ url: `ws://127.0.0.1:${host.port}/ws?token=${host.token}`, WebSocketImpl: BrowserLikeWebSocket, maxBackoffMs: 100 });
  cleanups.push(() => reign.dispose());
  return reign;
}

const until = (predicate: () => boolean): Promise<void> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (predicate()) resolve(clearInterval(poll));
      else if (Date.now() - started > 5000) {
        clearInterval(poll);
        reject(new Error('timed out waiting'));
      }
    }, 10);
  });

describe('WebSocket transport', () => {
  it('sends commands made before the connection opens, and decodes results', async () => {
    const reign = client(await serve());
    const reply = await reign.commands['app.ping']({ message: 'queued' });
    expect(reply.message).toBe('queued');
    expect(reign.connectionState()).toBe('connected');
  });

  it('rebuilds a real error, with its code and field issues, from an error envelope', async () => {
    const reign = client(await serve());
    const error = await reign.commands['settings.update']({ patch: { ollamaUrl: 'not a url' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReignError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'patch.ollamaUrl' }] });
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const reign = client(await serve());
    const themes: string[] = [];
    const unsubscribe = reign.events['settings.changed']((settings) => themes.push(settings.theme));
    await reign.commands['settings.update']({ patch: { theme: 'dark' } });
    await until(() => themes.length === 1);
    unsubscribe();
    await reign.commands['settings.update']({ patch: { theme: 'light' } });
    await reign.commands['app.ping']({ message: 'flush' });
    expect(themes).toEqual(['dark']);
  });

  it('fails requests in flight when the connection drops, then reconnects', async () => {
    const core = createTestCore();
    const first = await serve(0, core);
    const reign = client(first);
    const states: ConnectionState[] = [];
    reign.onConnectionState((state) => states.push(state));
    await reign.commands['app.ping']({ message: 'up' });
    const inFlight = reign.commands['doctor.run']({});
    await first.close();
    await expect(inFlight).rejects.toMatchObject({ code: 'DISCONNECTED' });
    await serve(first.port, core);
    await until(() => reign.connectionState() === 'connected');
    expect((await reign.commands['app.ping']({ message: 'back' })).message).toBe('back');
    expect(states).toContain('disconnected');
  });

  it('delivers terminal output whole and in order, with the events around it', async () => {
    const core = createTestCore();
    const reign = client(await serve(0, core));
    const received: string[] = [];
    reign.events['terminal.data'](({ id, data }) => received.push(`${id}:${data}`));
    reign.events['terminal.exit'](({ id, exitCode }) => received.push(`${id} exited ${exitCode}`));
    await reign.commands['app.ping']({ message: 'subscribed' });
    const pieces = ['plain ascii\r\n', 'accents é ñ, CJK 終端, emoji 🎉 and a control \x1b[31mred\x1b[0m', 'x'.repeat(300_000)];
    for (const data of pieces) core.events.emit('terminal.data', { id: 'term-1', data });
    core.events.emit('terminal.exit', { id: 'term-1', exitCode: 3, signal: null });
    await until(() => received.length === pieces.length + 1);
    expect(received).toEqual([...pieces.map((data) => `term-1:${data}`), 'term-1 exited 3']);
  });
});
