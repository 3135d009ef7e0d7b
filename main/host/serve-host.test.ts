import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestCore } from '../../e2e/fixtures/test-core';
import type { Core } from '../core/bootstrap';
import { type ServeHost, startServeHost } from './serve-host';

let core: Core;
let host: ServeHost;
let rendererDir: string;
beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'reign-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Reign</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'reign-secret-outside.txt'), 'outside');
  core = createTestCore();
  host = await startServeHost({ core, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  core.dispose();
});

const origin = (): string => `http://127.0.0.1:${host.port}`;

function connect(options: { token?: string | null; origin?: string | null; address?: string } = {}): Promise<WebSocket> {
  const token = options.token === undefined ? host.token : options.token;
  const url = `ws://${options.address ?? '127.0.0.1'}:${host.port}/ws${token === null ? '' : `?token=${token}`}`;
  const ws = new WebSocket(url, { origin: options.origin === undefined ? origin() : (options.origin ?? undefined) });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends raw text and waits for the next message. */
function exchange(ws: WebSocket, text: string | Buffer): Promise<any> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(text);
  });
}

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('reign serve host', () => {
  it('listens on loopback only and prints a URL with a random token in its fragment', () => {
    expect(host.addresses.every((address) => address === '127.0.0.1' || address === '::1')).toBe(true);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves the renderer with a strict CSP, and never a file outside it', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
    for (const path of ['/../reign-secret-outside.txt', '/%2e%2e/reign-secret-outside.txt', '/assets/../../reign-secret-outside.txt']) {
      expect((await get(path)).body).not.toContain('outside');
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another Origin', async () => {
    await expect(connect({ token: null })).rejects.toThrow('HTTP 401');
    await expect(connect({ token: 'x'.repeat(32) })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: null })).rejects.toThrow('HTTP 403');
  });

  it('answers a contract command over the WebSocket', async () => {
    const ws = await connect();
    const reply = await exchange(ws, JSON.stringify({ type: 'request', id: 'a1', command: 'app.ping', payload: { message: 'hello' } }));
    expect(reply).toMatchObject({ type: 'response', id: 'a1', envelope: { ok: true, result: { message: 'hello' } } });
    ws.close();
  });

  it('answers malformed and oversized messages with an error envelope and keeps serving', async () => {
    const ws = await connect();
    expect(await exchange(ws, 'not json')).toMatchObject({ id: null, envelope: { ok: false, error: { code: 'BAD_MESSAGE' } } });
    expect(await exchange(ws, JSON.stringify({ type: 'launch', id: 'b1' }))).toMatchObject({ id: 'b1', envelope: { ok: false, error: { code: 'BAD_MESSAGE' } } });
    expect(await exchange(ws, Buffer.from([1, 2, 3]))).toMatchObject({ envelope: { ok: false, error: { code: 'BAD_MESSAGE' } } });
    const big = JSON.stringify({ type: 'request', id: 'b2', command: 'app.ping', payload: { message: 'x'.repeat(1024 * 1024 + 1000) } });
    expect(await exchange(ws, big)).toMatchObject({ envelope: { ok: false, error: { code: 'MESSAGE_TOO_LARGE' } } });
    expect(await exchange(ws, JSON.stringify({ type: 'request', id: 'b3', command: 'rm -rf', payload: {} }))).toMatchObject({ id: 'b3', envelope: { ok: false, error: { code: 'UNKNOWN_COMMAND' } } });
    expect(await exchange(ws, JSON.stringify({ type: 'request', id: 'b4', command: 'app.ping', payload: { message: 7 } }))).toMatchObject({ id: 'b4', envelope: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    // Still alive on the same connection, and for new ones.
    expect(await exchange(ws, JSON.stringify({ type: 'request', id: 'b5', command: 'app.ping', payload: { message: 'still here' } }))).toMatchObject({ envelope: { ok: true } });
    ws.close();
    (await connect()).close();
  });

  it('refuses a frame far above the limit before buffering it (close 1009), and serves the next connection', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(8 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const next = await connect();
    expect(await exchange(next, JSON.stringify({ type: 'request', id: 'c1', command: 'app.ping', payload: { message: 'after' } }))).toMatchObject({ envelope: { ok: true } });
    next.close();
  });

  it('survives malformed request paths, methods and upgrades, and never serves through a symlink out of the renderer', async () => {
    const raw = (text: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connectTcp({ host: '127.0.0.1', port: host.port }, () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
      });
    const hostHeader = `Host: 127.0.0.1:${host.port}`;
    for (const path of ['/%ff', '/%', '/%E0%A4%A', '/a%00b', '//evil.example/x', `/${'a'.repeat(20_000)}`, '/..%2f..%2fetc%2fpasswd']) {
      expect((await get(path)).status, path).toBeGreaterThanOrEqual(200);
    }
    expect((await get('/%ff')).status).toBe(400);
    expect(await raw(`GET /ws?token=%ff HTTP/1.1\r\n${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n\r\n`)).toMatch(/^HTTP\/1\.1 40\d/);
    expect(await raw(`GET /%ff HTTP/1.1\r\n${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`)).toMatch(/^HTTP\/1\.1 40\d/);
    await raw('BREW /coffee HTCPCP/1.0\r\n\r\n');
    await raw('\u0000\u0001garbage\r\n\r\n');
    symlinkSync(join(tmpdir(), 'reign-secret-outside.txt'), join(rendererDir, 'assets', 'link.txt'));
    expect((await get('/assets/link.txt')).body).not.toContain('outside');
    // Still serving.
    expect((await get('/')).status).toBe(200);
  });

  it('pushes events to every connected client', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const event = new Promise<any>((resolve) => b.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'event') resolve(message);
    }));
    await exchange(a, JSON.stringify({ type: 'request', id: 'c1', command: 'settings.update', payload: { patch: { theme: 'dark' } } }));
    expect(await event).toMatchObject({ type: 'event', event: 'settings.changed', payload: { theme: 'dark' } });
    a.close();
    b.close();
  });

  it('is reachable on ::1 too when the machine has IPv6', async (context) => {
    if (!host.addresses.includes('::1')) {
      console.warn('skipped: this machine has no IPv6 loopback');
      return context.skip();
    }
    const ws = await connect({ address: '[::1]', origin: `http://[::1]:${host.port}` });
    ws.close();
  });
});
