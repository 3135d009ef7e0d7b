import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh token for one start of `reign mcp --http`: 256 random bits, URL- and header-safe. */
export function newMcpHttpToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether an Authorization header carries this start's token as a bearer token. Compared in
 * constant time over digests, so neither the token's characters nor its length leak through timing.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The hosts the server answers as: it listens on 127.0.0.1 only, which `localhost` names too. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The request's Host names this server on loopback: anything else is another site's name (DNS rebinding). */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && loopbackHosts(port).includes(host.toLowerCase());
}

/**
 * A request from a web page carries its Origin, which must then be this server itself; clients
 * that are not browsers send none. With a foreign Origin a page elsewhere is trying to reach it.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || loopbackHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

export interface McpHttpRefusal {
  readonly status: 401 | 403;
  readonly message: string;
}

/**
 * Why a request may not reach the MCP server, or null when it may: a loopback Host, no foreign
 * Origin, and this start's token. The host checks come first: a rebinding page learns nothing,
 * not even whether it guessed the token.
 */
export function mcpHttpRefusal(headers: { host?: string; origin?: string; authorization?: string }, expected: { port: number; token: string }): McpHttpRefusal | null {
  if (!isLoopbackHost(headers.host, expected.port)) return { status: 403, message: `Forbidden: Reign's MCP server answers only as ${loopbackHosts(expected.port).join(' or ')}, not as "${headers.host ?? ''}".` };
  if (!isAllowedOrigin(headers.origin, expected.port)) return { status: 403, message: `Forbidden: requests from the web page at ${headers.origin} may not use Reign's MCP server.` };
  if (!bearerMatches(headers.authorization, expected.token)) {
    const what = headers.authorization ? 'the Authorization header does not carry the token of this start' : 'the request has no Authorization header';
    return { status: 401, message: `Unauthorized: ${what}. Send "Authorization: Bearer TOKEN" with the token \`reign mcp --http\` printed when it started (a new one each start).` };
  }
  return null;
}
