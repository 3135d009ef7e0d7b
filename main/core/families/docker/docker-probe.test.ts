import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explainDockerError, probeDocker } from './docker-probe';

// A unix-socket server answering GET /version with the Engine API's documented fields. The real
// engine is exercised by e2e/doctor-docker.spec.ts; this covers the error paths an engine cannot.
const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function engineAt(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const socket = join(mkdtempSync(join(tmpdir(), 'reign-sock-')), 'docker.sock');
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return socket;
}

const endpoint = (socket: string) => ({ source: 'default-socket' as const, context: 'default', endpoint: `unix://${socket}`, problem: null });

describe('probeDocker', () => {
  it('reports the engine and API version', async () => {
    const socket = await engineAt((req, res) => {
      expect(req.url).toBe('/version');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Version: '28.2.2', ApiVersion: '1.50', Os: 'linux' }));
    });
    expect(await probeDocker(endpoint(socket))).toMatchObject({ status: 'ok', serverVersion: '28.2.2', apiVersion: '1.50', endpoint: `unix://${socket}` });
  });

  it('says the engine is not running when nothing listens on the socket', async () => {
    const check = await probeDocker(endpoint('/tmp/reign-no-such-dir/docker.sock'));
    expect(check).toMatchObject({ status: 'error', fix: expect.stringMatching(/not running/) });
  });

  it('says how to get permission on the socket when access is denied', () => {
    // Root ignores socket permissions, so EACCES is produced by hand rather than by chmod.
    expect(explainDockerError(Object.assign(new Error('denied'), { code: 'EACCES' }))).toMatch(/docker group/);
  });

  it('gives up after the timeout when the engine hangs', async () => {
    const socket = await engineAt(() => {});
    const check = await probeDocker(endpoint(socket), 200);
    expect(check).toMatchObject({ status: 'error', summary: expect.stringMatching(/no answer within 200 ms/) });
  });

  it('reports no engine with the install hint', async () => {
    expect(await probeDocker({ source: 'none', context: null, endpoint: null, problem: null })).toMatchObject({ status: 'missing', fix: expect.stringMatching(/Docker Desktop/) });
  });
});
