import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The path a request names, decoded; null when it cannot be (`/%ff`): a bad request, never an exception. */
function requestPath(url: string | undefined): string | null {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
}

/**
 * Serves the built renderer. Paths cannot leave `root`, symlinks included (the real path must be
 * inside); unknown paths get index.html (one-page app).
 */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...headers }).end();
    return;
  }
  const pathname = requestPath(req.url);
  if (pathname === null || pathname.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end('Bad request: the path is not valid.\n');
    return;
  }
  const requested = normalize(join(root, pathname));
  const file = isFile(requested) && insideRoot(root, requested) ? requested : join(root, 'index.html');
  if (!isFile(file)) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`The Reign UI is not built (no ${file}). Run \`npm run build\` first.\n`);
    return;
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    // Hashed assets never change; the page itself must always be fresh.
    'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    ...headers,
  });
  if (req.method === 'HEAD') res.end();
  // pipeline, not pipe: when the client goes away first (a reset, an early close), pipe leaves the
  // file stream paused with its descriptor open forever, so any page could exhaust the process's
  // descriptors (found by serve-fuzz.test.ts); and a read error (the file removed by a rebuild after
  // the stat) would be an unhandled 'error' event that kills the process. pipeline closes both ends.
  else pipeline(createReadStream(file), res, () => undefined);
}

function insideRoot(root: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    const realRoot = realpathSync(root);
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
