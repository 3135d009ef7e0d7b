import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../preload/contract';
import type { Core } from '../core/bootstrap';
import { contentSecurityPolicy } from './content-security-policy';
import { isAllowedHost, isAllowedOrigin, loopbackHosts } from './loopback-origins';
import { serveStatic } from './static-files';
import { attachConnection } from './ws-connection';

export interface ServeOptions {
  readonly core: Core;
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
  close(): Promise<void>;
}

/**
 * Frames above this are refused by the socket before they are buffered (it closes with 1009);
 * between MAX_MESSAGE_BYTES and this, the message is answered with an error.
 */
const HARD_FRAME_LIMIT = MAX_MESSAGE_BYTES + 64 * 1024;

/**
 * `reign serve`: the renderer over HTTP and the contract over a WebSocket, on loopback only.
 * The WebSocket needs the per-start token and a loopback Origin; every request needs a loopback Host.
 */
export async function startServeHost(options: ServeOptions): Promise<ServeHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });
  wss.on('connection', (socket) => attachConnection(socket, options.core));

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
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
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
      throw error;
    }
    if (port === 0) port = (server.address() as import('node:net').AddressInfo).port;
    servers.push(server);
    addresses.push(address);
  }

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    addresses,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.all(servers.map(closeServer));
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
