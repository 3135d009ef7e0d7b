import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { mcpHttpRefusal, newMcpHttpToken } from './mcp-http-guard';

/** The one address it listens on: loopback only, never every interface, whatever asks. */
export const MCP_HTTP_ADDRESS = '127.0.0.1';
export const MCP_HTTP_PATH = '/mcp';
/** The largest initialize request read (the SDK's own bound for the bodies it reads itself). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface McpHttpServer {
  readonly url: string;
  readonly port: number;
  /** This start's bearer token: for the person starting it, never for a log. */
  readonly token: string;
  /** Open sessions (clients that initialized and did not end their session). */
  sessions(): number;
  /** Closes every session, then the listener. */
  close(): Promise<void>;
}

export interface McpHttpOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** A new MCP server for each session: its own client name, tool list and list-changed notifications. */
  readonly createServer: () => Promise<Server>;
  readonly onError?: (error: Error) => void;
  /** Sessions kept at most: many clients never end theirs, so the least recently used one goes first. */
  readonly maxSessions?: number;
}

const jsonRpcError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void => {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
};

/** The body of a POST that starts a session, parsed (the transport is then handed it, as it cannot read it twice). */
function readJson(req: IncomingMessage): Promise<{ value?: unknown; problem?: { status: number; message: string } }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve({ problem: { status: 413, message: `Payload Too Large: a request may have at most ${MAX_BODY_BYTES} bytes.` } });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('error', () => resolve({ problem: { status: 400, message: 'Bad Request: the request body could not be read.' } }));
    req.on('end', () => {
      try {
        resolve({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ problem: { status: 400, message: 'Parse error: the request body is not JSON.' } });
      }
    });
  });
}

/**
 * Reign's MCP server over the SDK's streamable HTTP transport, on 127.0.0.1 only. Every request
 * needs a loopback Host, no foreign Origin and this start's bearer token (checked here, before the
 * SDK sees it). Sessions are the SDK's stateful ones: an initialize request without a session id
 * gets a new server/transport pair, later requests name their session in `Mcp-Session-Id`.
 */
export async function startMcpHttpServer(options: McpHttpOptions): Promise<McpHttpServer> {
  const token = newMcpHttpToken();
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: Server }>();
  let port = options.port;
  let closing = false;

  const startSession = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return jsonRpcError(res, 400, 'Bad Request: no Mcp-Session-Id header. Start a session with an initialize request (POST) first.');
    const body = await readJson(req);
    if (body.problem) return jsonRpcError(res, body.problem.status, body.problem.message);
    if (!isInitializeRequest(body.value)) return jsonRpcError(res, 400, 'Bad Request: no Mcp-Session-Id header. Start a session with an initialize request first.');
    const server = await options.createServer();
    // A client whose session was dropped is told 404 on its next request, and starts a new one.
    const oldest = sessions.size >= (options.maxSessions ?? 64) ? sessions.keys().next().value : undefined;
    if (oldest !== undefined) await sessions.get(oldest)?.server.close().catch(() => undefined);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, server }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body.value);
    // Refused by the transport (a second initialize in one message, say): nothing to keep.
    if (!transport.sessionId) await server.close();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = mcpHttpRefusal({ host: req.headers.host, origin: req.headers.origin, authorization: req.headers.authorization }, { port, token });
    if (refusal) return jsonRpcError(res, refusal.status, refusal.message, refusal.status === 401 ? { 'www-authenticate': 'Bearer realm="reign"' } : {});
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== MCP_HTTP_PATH) return jsonRpcError(res, 404, `Not Found: Reign's MCP endpoint is ${MCP_HTTP_PATH}.`);
    if (closing) return jsonRpcError(res, 503, 'Service Unavailable: Reign is stopping its MCP server.');
    const id = req.headers['mcp-session-id'];
    if (id === undefined) return startSession(req, res);
    const session = typeof id === 'string' ? sessions.get(id) : undefined;
    // 404 is the specification's word for "start a new session" (after a restart of Reign, say).
    if (!session) return jsonRpcError(res, 404, 'Session not found: it ended, or Reign was restarted. Start a new session with an initialize request.');
    // Most recently used last: the order in which sessions are dropped.
    sessions.delete(id as string);
    sessions.set(id as string, session);
    await session.transport.handleRequest(req, res);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      options.onError?.(error);
      jsonRpcError(res, 500, 'Internal error: Reign could not handle this request.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ port, host: MCP_HTTP_ADDRESS, exclusive: true }, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;

  return {
    url: `http://${MCP_HTTP_ADDRESS}:${port}${MCP_HTTP_PATH}`,
    port,
    token,
    sessions: () => sessions.size,
    close: async () => {
      closing = true;
      await Promise.all([...sessions.values()].map(({ server }) => server.close().catch(() => undefined)));
      sessions.clear();
      await new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      });
    },
  };
}
