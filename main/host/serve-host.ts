import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Core } from '../core/bootstrap';
import { contentSecurityPolicy } from './content-security-policy';
import { isAllowedHost, isAllowedOrigin, loopbackHosts } from './loopback-origins';
import { type DeferredCore, deferredCore, readyCore } from './deferred-core';
import { serveStatic } from './static-files';

// Required, not imported: an ESM import of node:http builds its namespace by reading every export,
// which loads Node's bundled undici (for http.WebSocket) and costs ~40 ms before the first listen.
const { createServer } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export interface ServeOptions {
  /**
   * The core, or how to make it: `reign serve` listens and serves the page's files before the core
   * loads (see deferred-core.ts); a browser connection is taken once it is there.
   */
  readonly core: Core | (() => Promise<Core>);
  /** Imports to do one by one before `core()` is called, so no single block holds a request long. */
  readonly warm?: readonly (() => Promise<unknown>)[];
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed only in tests; normally a new random token per start. */
  readonly token?: string;
}

export interface ServeHost {
  readonly port: number;
  readonly token: string;
  /** The URL to open: the token travels in the fragment, so it is never sent in a request line or a Referer. */
  readonly url: string;
  /** Which loopback addresses are bound. */
  readonly addresses: readonly string[];
  /** Settles when the core (made by `options.core()`) is ready or could not be made. */
  readonly core: Promise<Core>;
  close(): Promise<void>;
}

/**
 * The WebSocket side, loaded on the first connection rather than before listening (ws, the
 * contract's zod schemas): the page needs it only once its script runs. Frames above the hard
 * limit are refused by the socket before they are buffered (it closes with 1009); between
 * MAX_MESSAGE_BYTES and that, the message is answered with an error.
 */
async function socketServer(core: Promise<Core>): Promise<WebSocketServer> {
  const [{ WebSocketServer: Server }, { MAX_MESSAGE_BYTES }, { attachConnection }, ready] = await Promise.all([import('ws'), import('../../preload/contract'), import('./ws-connection'), core]);
  const wss = new Server({ noServer: true, maxPayload: MAX_MESSAGE_BYTES + 64 * 1024 });
  wss.on('connection', (socket: WebSocket) => attachConnection(socket, ready));
  return wss;
}

/**
 * `reign serve`: the renderer over HTTP and the contract over a WebSocket, on loopback only.
 * The WebSocket needs the per-start token and a loopback Origin; every request needs a loopback Host.
 */
export async function startServeHost(options: ServeOptions): Promise<ServeHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const core: DeferredCore = typeof options.core === 'function' ? deferredCore(options.core, { warm: options.warm }) : readyCore(options.core);
  let wss: Promise<WebSocketServer> | null = null;
  let closed = false;

  let port = options.port ?? 0;
  const headers = (): Record<string, string> => ({
    // CSP host sources cannot name IPv6 literals; 'self' covers a page loaded from [::1].
    'content-security-policy': contentSecurityPolicy(loopbackHosts(port).filter((host) => !host.startsWith('[')).map((host) => `ws://${host}`)),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });

  // No request, however malformed, may throw out of here: the process holds terminals and runs.
  const handleRequest = (req: IncomingMessage, res: import('node:http').ServerResponse): void => {
    core.requestStarted();
    res.once('close', () => core.requestEnded(/\.m?js$/.test(req.url?.split('?')[0] ?? '')));
    try {
      if (!isAllowedHost(req.headers.host, port)) {
        res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Reign only answers on 127.0.0.1, localhost and [::1].\n');
        return;
      }
      serveStatic(options.rendererDir, req, res, headers());
    } catch {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    }
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!isAllowedHost(req.headers.host, port)) return refuse(421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden: this Origin may not connect');
    if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized: missing or wrong token');
    (wss ??= socketServer(core.get())).then(
      (server) => {
        if (closed || socket.destroyed) return void socket.destroy();
        server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
      },
      // The core could not be made: `reign serve` reports why and stops; this socket only closes.
      () => refuse(503, 'Service Unavailable'),
    );
  };

  const servers: Server[] = [];
  const addresses: string[] = [];
  for (const address of ['127.0.0.1', '::1']) {
    const server = createServer(handleRequest);
    server.on('upgrade', handleUpgrade);
    try {
      await listen(server, port, address);
    } catch (error) {
      // A machine without IPv6 still serves on 127.0.0.1; a port in use on 127.0.0.1 is fatal.
      if (address === '::1') continue;
      await Promise.all(servers.map(closeServer));
      core.cancel();
      throw error;
    }
    if (port === 0) port = (server.address() as import('node:net').AddressInfo).port;
    servers.push(server);
    addresses.push(address);
  }

  core.start();
  // The socket server is made as soon as the core is, so a failure to load it ends `reign serve` with
  // its reason instead of answering every page's socket with 503.
  const settled = core.settled.then(async (made) => {
    await (wss ??= socketServer(Promise.resolve(made)));
    return made;
  });
  // Whoever awaits host.core sees the rejection; until then it is not an unhandled one.
  settled.catch(() => undefined);
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    addresses,
    core: settled,
    close: async () => {
      closed = true;
      core.cancel();
      // The listeners first: nothing new is accepted while a core still loading is waited for.
      const listening = Promise.all(servers.map(closeServer));
      const server = await wss?.catch(() => null);
      for (const client of server?.clients ?? []) client.terminate();
      server?.close();
      await listening;
    },
  };
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
