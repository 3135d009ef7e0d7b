import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestCore } from '../../e2e/fixtures/test-core';
import type { Core } from '../core/bootstrap';
import { deferredCore } from './deferred-core';
import { type ServeHost, startServeHost } from './serve-host';

const rendererDir = mkdtempSync(join(tmpdir(), 'reign-renderer-deferred-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Reign</title><script type="module" src="/assets/app.js"></script>');
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function get(host: ServeHost, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the app's socket and asks one thing of the core behind it. */
async function ping(host: ServeHost): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
  cleanups.push(() => ws.terminate());
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ type: 'request', id: 'p1', command: 'app.ping', payload: { message: 'hello' } }));
  });
}

/** A core whose making waits until the test lets it go, and which counts how often it was asked for. */
function heldCore() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const made = { calls: 0, core: null as Core | null };
  const load = async (): Promise<Core> => {
    made.calls++;
    await gate;
    made.core = createTestCore();
    cleanups.push(() => made.core?.dispose());
    return made.core;
  };
  return { load, release, made };
}

describe('reign serve serves the page before its core is loaded', () => {
  it('answers the page and its script while the core is still loading, then connects the socket to it', async () => {
    const { load, release, made } = heldCore();
    const host = await startServeHost({ core: load, rendererDir, port: 0 });
    cleanups.push(() => host.close());
    expect(await get(host, '/')).toMatchObject({ status: 200, body: expect.stringContaining('<title>Reign</title>') });
    expect(await get(host, '/assets/app.js')).toMatchObject({ status: 200, body: 'console.log(1)' });
    // Nothing in flight: the core loads in the gaps, while the browser runs the script.
    await vi.waitFor(() => expect(made.calls).toBe(1));
    expect(await get(host, '/')).toMatchObject({ status: 200 });
    const answer = ping(host);
    release();
    expect(await answer).toMatchObject({ type: 'response', id: 'p1', envelope: { ok: true } });
    await expect(host.core).resolves.toBe(made.core);
    expect(made.calls).toBe(1);
  });

  it('starts loading at once when the socket connects first', async () => {
    const { load, release, made } = heldCore();
    const host = await startServeHost({ core: load, rendererDir, port: 0 });
    cleanups.push(() => host.close());
    release();
    expect(await ping(host)).toMatchObject({ id: 'p1', envelope: { ok: true } });
    expect(made.calls).toBe(1);
  });

  it('refuses the socket when the core cannot be made, and says so through host.core', async () => {
    const host = await startServeHost({ core: async () => Promise.reject(new Error('the database is locked')), rendererDir, port: 0 });
    cleanups.push(() => host.close());
    await expect(ping(host)).rejects.toThrow('HTTP 503');
    await expect(host.core).rejects.toThrow('the database is locked');
    expect(await get(host, '/')).toMatchObject({ status: 200 });
  });
});

describe('deferredCore', () => {
  it('holds its steps while the page fetches its first files, and loads once the script is sent', async () => {
    const done: string[] = [];
    const load = vi.fn(async () => createTestCore());
    const deferred = deferredCore(load, { warm: [async () => done.push('first'), async () => done.push('second')], quietMs: 5, latestMs: 60_000 });
    cleanups.push(() => deferred.cancel());
    deferred.requestStarted(); // index.html, in flight
    deferred.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toEqual([]);
    deferred.requestEnded(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toEqual([]); // the browser is about to ask for the script
    deferred.requestStarted();
    deferred.requestEnded(true);
    const core = await deferred.settled;
    cleanups.push(() => core.dispose());
    expect(done).toEqual(['first', 'second']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(await deferred.get()).toBe(core);
  });

  it('loads on its own when no page comes for its script', async () => {
    const load = vi.fn(async () => createTestCore());
    const deferred = deferredCore(load, { warm: [async () => undefined], quietMs: 5, latestMs: 30 });
    deferred.start();
    deferred.requestStarted();
    deferred.requestEnded(false); // a page that never asks for its script (curl)
    const core = await deferred.settled;
    cleanups.push(() => core.dispose());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not wait for a busy page once the core is asked for (the socket connected)', async () => {
    const load = vi.fn(async () => createTestCore());
    const deferred = deferredCore(load, { warm: [async () => undefined] });
    deferred.requestStarted(); // never ends
    const core = await deferred.get();
    cleanups.push(() => core.dispose());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never loads once cancelled, and tells whoever waits', async () => {
    const load = vi.fn(async () => createTestCore());
    const deferred = deferredCore(load, { warm: [async () => undefined] });
    deferred.cancel();
    await expect(deferred.settled).rejects.toThrow('stopped before its core was loaded');
    expect(load).not.toHaveBeenCalled();
  });
});
