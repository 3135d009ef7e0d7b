import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { type AddressInfo, connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestCore } from '../../e2e/fixtures/test-core';
import type { Core } from '../core/bootstrap';
import { type ServeHost, startServeHost } from './serve-host';
import { serveStatic } from './static-files';

/*
 * Fuzzes `reign serve` over raw TCP sockets (node:net, so nothing is normalised on the way): malformed
 * HTTP request lines, headers and bodies, WebSocket upgrades, and raw WebSocket frames. After every
 * batch: nothing was thrown out of the server (uncaughtException / unhandledRejection), no answer
 * was a 5xx, an internal-error envelope or an unexpected close code (1011 only as the echo of a
 * client's own close), none carried a stack trace, a server path or a file from outside the
 * renderer folder, no file descriptor was left open, and the server still answers a normal page
 * request and a contract command.
 *
 * Deterministic: every input comes from a seeded PRNG. REIGN_FUZZ_SEED=<n> replays a run,
 * REIGN_FUZZ_SEED=random explores a new one; the seed is printed and named in every failure.
 */
const SEED = ((): number => {
  const given = process.env.REIGN_FUZZ_SEED;
  if (given === 'random') return (Math.random() * 2 ** 32) >>> 0;
  return given ? Number(given) >>> 0 : 0x5eed_f00d;
})();

/** mulberry32: tiny, fast and good enough to drive a fuzzer. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    bytes: (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}
type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------- fixture and server

const INDEX_HTML = '<!doctype html><title>Reign fuzz</title>';
const SECRET = `REIGN-OUTSIDE-SECRET-${SEED.toString(16)}`;
const BIG_FILE_BYTES = 2 * 1024 * 1024;
/** HARD_FRAME_LIMIT in serve-host.ts: frames above it are refused before they are buffered. */
const HARD_LIMIT = 1024 * 1024 + 64 * 1024;

let core: Core;
let host: ServeHost;
let rendererDir: string;
let outsideDir: string;
const crashes: string[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
};
const stats = { http: 0, upgrades: 0, wsCases: 0, wsFrames: 0, statuses: new Map<number, number>(), closeCodes: new Map<string, number>(), hung: 0 };
const started = Date.now();

beforeAll(async () => {
  console.log(`serve fuzz: seed ${SEED} (replay with REIGN_FUZZ_SEED=${SEED})`);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  rendererDir = realpathSync(mkdtempSync(join(tmpdir(), 'reign-fuzz-renderer-')));
  outsideDir = realpathSync(mkdtempSync(join(tmpdir(), 'reign-fuzz-outside-')));
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'big.bin'), Buffer.alloc(BIG_FILE_BYTES, 'x'));
  writeFileSync(join(outsideDir, 'secret.txt'), SECRET);
  writeFileSync(join(tmpdir(), 'reign-fuzz-secret.txt'), SECRET);
  // Ways out of the renderer folder that the static server must not follow.
  symlinkSync(join(outsideDir, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  symlinkSync(outsideDir, join(rendererDir, 'assets', 'outdir'));
  symlinkSync('/', join(rendererDir, 'assets', 'root'));
  core = createTestCore();
  host = await startServeHost({ core, rendererDir, port: 0 });
});

afterAll(async () => {
  await host?.close();
  core?.dispose();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  for (const path of [rendererDir, outsideDir, join(tmpdir(), 'reign-fuzz-secret.txt')]) if (path) rmSync(path, { recursive: true, force: true });
  const histogram = (map: Map<string | number, number>): string => [...map].sort().map(([k, v]) => `${k}:${v}`).join(' ');
  console.log(
    `serve fuzz (seed ${SEED}): ${stats.http} HTTP requests, ${stats.upgrades} upgrade requests, ${stats.wsCases} WebSocket sessions with ${stats.wsFrames} frames` +
      ` in ${((Date.now() - started) / 1000).toFixed(1)} s; HTTP statuses ${histogram(stats.statuses)}; server close codes ${histogram(stats.closeCodes)}; hung ${stats.hung}`,
  );
});

const hostHeader = (): string => `127.0.0.1:${host.port}`;
const origin = (): string => `http://127.0.0.1:${host.port}`;
const count = <K>(map: Map<K, number>, key: K): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

// ---------------------------------------------------------------- what no answer may contain

/** Problems found in the current batch: each names the seed and the input that caused it. */
let problems: string[] = [];
const problem = (label: string, what: string): void => {
  if (problems.length < 20) problems.push(`[seed ${SEED}] ${what} — input: ${label}`);
};
const show = (bytes: Buffer | string): string => JSON.stringify((typeof bytes === 'string' ? bytes : bytes.toString('latin1')).slice(0, 300));

function leaks(text: string): string | null {
  if (text.includes(SECRET)) return 'a file outside the renderer folder';
  if (text.includes('root:x:0:0')) return '/etc/passwd';
  for (const path of [rendererDir, outsideDir, process.cwd()]) if (text.includes(path)) return `a server path (${path})`;
  if (text.includes('node:internal') || text.includes('/node_modules/')) return 'a server path (node internals)';
  if (/\bat [^\n]*\.(?:[cm]?[jt]s):\d+:\d+/.test(text) || /\n\s+at \S/.test(text)) return 'a stack trace';
  return null;
}

/** Every status line in what the server sent back (pipelined requests get several). */
function inspectHttp(data: Buffer, label: string): number[] {
  const text = data.toString('latin1');
  const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
  for (const status of statuses) {
    count(stats.statuses, status);
    if (status >= 500) problem(label, `answered ${status}`);
  }
  const leak = leaks(text);
  if (leak) problem(label, `leaked ${leak}`);
  return statuses;
}

// ---------------------------------------------------------------- raw TCP

interface RawOutcome {
  data: Buffer;
  hung: boolean;
}

/**
 * How a client leaves: half-closes at once ('end': Node then drops answers not written yet, so only
 * the synchronous ones are seen), resets ('reset'), or waits until the server has been quiet for
 * LINGER_MS and then half-closes ('linger': every answer, the files served included, is read).
 */
type Finish = 'end' | 'reset' | 'linger';
const LINGER_MS = 30;
/** How long a lingering client waits for the first byte (a loaded machine may take a while). */
const LINGER_FIRST_MS = 200;

/**
 * Opens a TCP connection, writes the parts (a tick apart, so the parser sees them split), leaves
 * as `finish` says, and collects everything until the server closes.
 */
function sendRaw(parts: readonly Buffer[], finish: Finish, timeoutMs = 3000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const socket = connectTcp({ host: '127.0.0.1', port: host.port });
    const settle = (hung: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), hung });
    };
    const timer = setTimeout(() => settle(true), timeoutMs);
    let quiet: NodeJS.Timeout | undefined;
    const lingerThenEnd = (): void => {
      clearTimeout(quiet);
      quiet = setTimeout(() => !socket.destroyed && socket.end(), chunks.length ? LINGER_MS : LINGER_FIRST_MS);
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (finish === 'linger') lingerThenEnd();
    });
    socket.on('close', () => {
      clearTimeout(quiet);
      settle(false);
    });
    socket.on('error', () => settle(false));
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (socket.destroyed) return;
        socket.write(part);
        if (i < parts.length - 1) await new Promise(setImmediate);
      }
      if (socket.destroyed) return;
      if (finish === 'reset') socket.resetAndDestroy();
      else if (finish === 'linger') lingerThenEnd();
      else socket.end();
    });
  });
}

/** Runs the jobs with at most `width` in flight. */
async function pool<T>(items: readonly T[], width: number, job: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await job(items[index] as T, index);
      }
    }),
  );
}

// ---------------------------------------------------------------- health after every batch

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader() } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function ping(message: string): Promise<any> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: origin() });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const reply = await new Promise<any>((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ type: 'request', id: 'health', command: 'app.ping', payload: { message } }));
  });
  ws.close();
  return reply;
}

const openFds = (): number => readdirSync('/proc/self/fd').length;
const describeFds = (): string => {
  const kinds = new Map<string, number>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      count(kinds, readlinkSync(`/proc/self/fd/${fd}`).replace(/\[\d+\]$/, '[]'));
    } catch {
      count(kinds, 'gone');
    }
  }
  return [...kinds].map(([k, v]) => `${k} x${v}`).join(', ');
};
let baselineFds: number | null = null;

/** The assertions after every batch. */
async function checkpoint(batch: string): Promise<void> {
  // Taken and cleared first, so that one failing batch does not fail the ones after it.
  const thrown = crashes.splice(0);
  const found = problems;
  problems = [];
  expect(thrown, `${batch} (seed ${SEED}): the server threw`).toEqual([]);
  expect(found, `${batch} (seed ${SEED})`).toEqual([]);
  const page = await get('/');
  expect(page.status, `${batch}: GET / afterwards`).toBe(200);
  expect(page.body).toBe(INDEX_HTML);
  expect(await ping(batch)).toMatchObject({ type: 'response', id: 'health', envelope: { ok: true, result: { message: batch } } });
  expect(({} as Record<string, unknown>).polluted, `${batch}: Object.prototype was polluted`).toBeUndefined();
  // Every connection of the batch is closed, so the server holds no more descriptors than before
  // (a file stream left open by a client that went away would show here).
  if (process.platform === 'linux' && baselineFds !== null) {
    const deadline = Date.now() + 2000;
    while (openFds() > baselineFds + 16 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const [open, baseline] = [openFds(), baselineFds];
    baselineFds = open; // so that one leaking batch does not fail all the others
    expect(open, `${batch}: file descriptors left open: ${describeFds()}`).toBeLessThanOrEqual(baseline + 16);
  }
}

// ---------------------------------------------------------------- HTTP inputs

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH'];
const JUNK_METHODS = ['get', 'BREW', 'PRI', 'M-SEARCH', 'PROPFIND', 'SOURCE', 'G\0ET', 'G E T', '', 'X'.repeat(300), 'G\xc9T', '\x01\x02\x7f', 'GET\t', '0', '(){}'];

/** Request targets that broke, or could break, a path decoder or a containment check. */
const BAD_TARGETS = [
  '/%ff', '/%e0%80', '/%%', '/%', '/%a', '/%zz', '/%c0%af', '/%ed%a0%80', '/%f4%90%80%80', '/%fe%ff', '/a%ff/b', '/assets/%ff.js',
  '/%00', '/a%00b', '/index.html%00.js', '/\0', '/a\x01b', '/\x7f', '/\x1b[31m', '/\xff\xfe', '/\xc3\x28', '/é', '/\xe2\x82',
  '/..', '/../', '/../../../../etc/passwd', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
  '/.%2e/.%2e/etc/passwd', '/%252e%252e%252fetc%252fpasswd', '/..%5c..%5cetc%5cpasswd', '/\\..\\..\\etc\\passwd', '/assets/../../reign-fuzz-secret.txt',
  '/%2e%2e/reign-fuzz-secret.txt', '/assets/%2e%2e/%2e%2e/reign-fuzz-secret.txt',
  '/assets/link.txt', '/assets/%6c%69%6e%6b.txt', '/assets/link.txt%00', '/assets/outdir/secret.txt', '/assets/outdir/', '/assets/root/etc/passwd', '/assets/root/proc/self/environ',
  '/assets/root/%2e%2e/etc/passwd',
  '*', '', ' ', 'index.html', '//evil.example/x', '///etc/passwd', 'http://evil.example/../../etc/passwd', 'http://127.0.0.1/assets/app.js', 'https://x', 'ws://x/ws', 'file:///etc/passwd',
  '127.0.0.1:80', 'evil.example:443', 'http://[::1', 'http://a:b@c/', 'http://%ff/', '/?%ff', '/?a=%ff&b=%', '/#%ff', '/?\0', '/ws', '/ws?token=%ff', '/ws?token=',
  `/${'a'.repeat(20_000)}`, `/${'%ff'.repeat(5000)}`, `/${'../'.repeat(2000)}etc/passwd`, `/${'a/'.repeat(4000)}`, `/${'%2e%2e%2f'.repeat(500)}etc/passwd`,
  '/index.html', '/assets/app.js', '/assets', '/assets/', '/assets/big.bin', '/assets//app.js', '/./assets/./app.js', '/ASSETS/APP.JS',
];

const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', null, 'HTTP/2.0', 'HTTP/0.9', 'HTTP/9.9', 'HTTP/1.1x', 'http/1.1', 'HTTP/1.', 'HTTP/', 'HTTP/1.1 extra', 'HTTP/01.1', 'HTCPCP/1.0'];

/** Header lines that a parser or a handler could choke on (latin1 strings; bytes over 0x7f are not UTF-8). */
const BAD_HEADERS = [
  'Content-Length: 5', 'Content-Length: 0', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Content-Length: 1, 2', 'Content-Length: 3\r\nContent-Length: 4',
  'Content-Length: abc', 'Content-Length: 0x10', 'Content-Length: +5', 'Content-Length:  7 ', 'Content-Length: 1e3',
  'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: chunked, gzip', 'Transfer-Encoding: xchunked', 'Transfer-Encoding: chunked\r\nContent-Length: 5',
  'Transfer-Encoding: chunked\r\nTransfer-Encoding: identity', 'Transfer-Encoding:\x0bchunked',
  'Bad Name: x', ' Leading: x', 'Name\0: x', ': empty', 'NoColon', 'X-Folded: a\r\n folded', 'X-Ctl: \x01\x7f', 'X-Nul: a\0b', 'X-Bytes: \xff\xfe\xc0\x80', 'X-Utf8: é',
  'Expect: 100-continue', 'Expect: bogus', 'Connection: Upgrade', 'Upgrade: websocket', 'Upgrade: h2c', 'Connection: Upgrade\r\nUpgrade: websocket', 'Connection: close',
  'Connection: keep-alive', 'Connection: \xff', 'Cookie: a=%ff; b', 'Range: bytes=0-0', 'Range: bytes=-1', 'Range: bytes=99999999999-', 'If-None-Match: *',
  'If-Modified-Since: %ff', 'Accept-Encoding: gzip', 'Origin: null', 'Referer: %ff', 'Authorization: Bearer %ff', 'X-Forwarded-For: ::1', 'Host: 127.0.0.1',
  'Host: evil.example', 'Host:', 'Host: localhost:1\r\nHost: 127.0.0.1:1', 'HOST: LOCALHOST', `X-Long: ${'a'.repeat(20_000)}`, 'X-Empty:', 'X-Colon:: :',
];

const CHUNKED_BODIES = [
  '5\r\nhello\r\n0\r\n\r\n', 'zz\r\nhello\r\n', 'ffffffffffffffffff\r\n', `5;ext=${'x'.repeat(20_000)}\r\nhello\r\n`, '-1\r\n', '5\r\nhelloXX\r\n', '0\r\nTrailer: x\r\n\r\n',
  '0\r\n\r\nGET / HTTP/1.1\r\n\r\n', '\r\n\r\n', '5\nhello\n0\n\n', '1\r\n\0\r\n0\r\n\r\n',
];

function randomTarget(rng: Rng): string {
  const pieces = ['a', 'assets', 'index.html', 'app.js', 'link.txt', 'outdir', 'root', 'etc', 'passwd', '..', '.', '%2e', '%2e%2e', '%2f', '%5c', '%00', '%ff', '%', '%%', '%e0%80', '%c0%ae', '\\', '/', '//', '?', '#', '&', '=', ';', ' ', '\t', '\0', '\x7f', '\xff', 'é', '~', '*', '@', ':'];
  let target = rng.chance(0.9) ? '/' : '';
  const length = rng.int(12);
  for (let i = 0; i < length; i++) {
    const roll = rng.int(10);
    if (roll < 6) target += rng.pick(pieces);
    else if (roll < 8) target += `%${rng.int(256).toString(16).padStart(rng.chance(0.8) ? 2 : 1, '0')}`;
    else target += String.fromCharCode(rng.int(256));
    if (rng.chance(0.4)) target += '/';
  }
  if (rng.chance(0.03)) target += 'a'.repeat(rng.int(70_000));
  return target;
}

interface HttpCase {
  label: string;
  parts: Buffer[];
  finish: Finish;
}

/**
 * One request: method, target, version, headers, body. Given a method and a target, the rest is
 * well-formed (HTTP/1.1, CRLF, mostly a good Host, no body) so that the target reaches the handler.
 */
function httpRequest(rng: Rng, options: { method?: string; target?: string } = {}): string {
  const method = options.method ?? (rng.chance(0.75) ? rng.pick(METHODS) : rng.pick(JUNK_METHODS));
  const target = options.target ?? (rng.chance(0.5) ? rng.pick(BAD_TARGETS) : randomTarget(rng));
  const version = options.method !== undefined ? 'HTTP/1.1' : rng.chance(0.8) ? 'HTTP/1.1' : rng.pick(VERSIONS);
  const eol = options.method !== undefined || rng.chance(0.9) ? '\r\n' : rng.pick(['\n', '\r', '\r\r\n', '\n\r']);
  const lines: string[] = [];
  const hostRoll = rng.int(20);
  if (hostRoll < 15) lines.push(`Host: ${hostHeader()}`);
  else if (hostRoll < 17) lines.push(`Host: ${rng.pick([`localhost:${host.port}`, `[::1]:${host.port}`, `LOCALHOST:${host.port}`, `${hostHeader()}\0`, `${hostHeader()}.evil.example`, `evil.example:${host.port}`, ''])}`);
  else if (hostRoll < 18) lines.push(`Host: ${hostHeader()}`, `Host: evil.example`);
  let body = '';
  if (options.method === undefined) {
    const extras = rng.int(5);
    for (let i = 0; i < extras; i++) lines.push(rng.pick(BAD_HEADERS));
    if (rng.chance(0.01)) for (let i = 0; i < 2000; i++) lines.push(`X-Many-${i}: v`);
    if (rng.chance(0.02)) lines.push(`X-Huge: ${'h'.repeat(16_000 + rng.int(100_000))}`);
    if (lines.some((line) => /transfer-encoding/i.test(line)) || rng.chance(0.05)) body = rng.pick(CHUNKED_BODIES);
    else if (rng.chance(0.2)) body = rng.bytes(rng.int(2000)).toString('latin1');
  }
  const requestLine = version === null ? `${method} ${target}` : `${method} ${target} ${version}`;
  return `${requestLine}${eol}${lines.map((line) => line + eol).join('')}${eol}${body}`;
}

/** Splits the bytes at random offsets (the parser must cope with any boundary), maybe cuts them short. */
function deliver(rng: Rng, text: string): HttpCase {
  let bytes = Buffer.from(text, 'latin1');
  let finish: Finish = rng.chance(0.5) ? 'linger' : rng.chance(0.8) ? 'end' : 'reset';
  if (rng.chance(0.08)) {
    bytes = bytes.subarray(0, rng.int(bytes.length + 1)); // early close mid-request
    finish = rng.chance(0.5) ? 'end' : 'reset';
  }
  const parts: Buffer[] = [];
  let rest = bytes;
  const splits = rng.chance(0.7) ? 0 : 1 + rng.int(4);
  for (let i = 0; i < splits && rest.length > 1; i++) {
    const at = 1 + rng.int(rest.length - 1);
    parts.push(rest.subarray(0, at));
    rest = rest.subarray(at);
  }
  parts.push(rest);
  return { label: show(bytes), parts, finish };
}

async function runHttpCases(cases: readonly HttpCase[]): Promise<void> {
  await pool(cases, 24, async (item) => {
    const outcome = await sendRaw(item.parts, item.finish);
    stats.http++;
    if (outcome.hung) {
      stats.hung++;
      problem(item.label, 'the server neither answered nor closed the connection within 3 s of the client closing');
    }
    inspectHttp(outcome.data, item.label);
  });
}

// ---------------------------------------------------------------- WebSocket frames

const MASK = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);

interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload?: Buffer | string;
  mask?: boolean;
  /** Lies about the payload length (the payload sent is still `payload`). */
  length?: bigint;
  /** Forces the 7-bit, 16-bit (126) or 64-bit (127) length form. */
  form?: 7 | 16 | 64;
}

function frame({ fin = true, rsv = 0, opcode, payload = Buffer.alloc(0), mask = true, length, form }: FrameSpec): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const declared = length ?? BigInt(body.length);
  const lengthForm = form ?? (declared < 126n ? 7 : declared < 65536n ? 16 : 64);
  const b0 = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  const maskBit = mask ? 0x80 : 0;
  let header: Buffer;
  if (lengthForm === 7) header = Buffer.from([b0, maskBit | Number(declared & 0x7fn)]);
  else if (lengthForm === 16) {
    header = Buffer.from([b0, maskBit | 126, 0, 0]);
    header.writeUInt16BE(Number(declared & 0xffffn), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = b0;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(declared & 0xffff_ffff_ffff_ffffn, 2);
  }
  if (!mask) return Buffer.concat([header, body]);
  const masked = Buffer.from(body);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= MASK[i & 3]!;
  return Buffer.concat([header, MASK, masked]);
}

const text = (payload: Buffer | string): Buffer => frame({ opcode: 1, payload });
const closeFrame = (code: number | null, reason: Buffer | string = ''): Buffer => {
  if (code === null) return frame({ opcode: 8 });
  const payload = Buffer.concat([Buffer.alloc(2), typeof reason === 'string' ? Buffer.from(reason) : reason]);
  payload.writeUInt16BE(code & 0xffff, 0);
  return frame({ opcode: 8, payload });
};

interface ServerFrame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** Reads the server's frames off the socket. */
class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  readonly frames: ServerFrame[] = [];
  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.buffer.length < 2) return;
      const b0 = this.buffer[0]!;
      const b1 = this.buffer[1]!;
      let offset = 2;
      let length = b1 & 0x7f;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      if (masked) offset += 4;
      if (this.buffer.length < offset + length) return;
      this.frames.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, masked, payload: this.buffer.subarray(offset, offset + length) });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }
}

interface RawWs {
  socket: Socket;
  reader: FrameReader;
  closed: Promise<void>;
  isClosed(): boolean;
  /** Bytes written after the handshake. */
  sent(): number;
  write(bytes: Buffer): void;
}

function handshake(key = 'dGhlIHNhbXBsZSBub25jZQ=='): string {
  return (
    `GET /ws?token=${host.token} HTTP/1.1\r\nHost: ${hostHeader()}\r\nOrigin: ${origin()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

/** A WebSocket opened by hand (valid token and Origin), so that any bytes can follow. */
function openRawWs(): Promise<RawWs> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: '127.0.0.1', port: host.port });
    const reader = new FrameReader();
    let pending = Buffer.alloc(0);
    let upgraded = false;
    let closed = false;
    let sent = 0;
    const closedPromise = new Promise<void>((done) =>
      socket.once('close', () => {
        closed = true;
        if (!upgraded) reject(new Error(`closed during the handshake: ${show(pending)}`));
        done();
      }),
    );
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      if (upgraded) return reader.push(chunk);
      pending = Buffer.concat([pending, chunk]);
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101 ')) {
        socket.destroy();
        return reject(new Error(`handshake refused: ${head}`));
      }
      upgraded = true;
      reader.push(pending.subarray(end + 4));
      resolve({
        socket,
        reader,
        closed: closedPromise,
        isClosed: () => closed,
        sent: () => sent,
        write: (bytes) => {
          if (closed || socket.destroyed) return;
          sent += bytes.length;
          socket.write(bytes);
        },
      });
    });
    socket.on('connect', () => socket.write(handshake()));
  });
}

const withTimeout = (promise: Promise<void>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

/** What the server sent on one connection: every text message is a contract envelope without leaks; its close code. */
function inspectWs(reader: FrameReader, label: string): number | null {
  let closeCode: number | null = null;
  for (const f of reader.frames) {
    if (f.masked) problem(label, 'the server sent a masked frame');
    if (f.opcode === 1) {
      const message = f.payload.toString();
      const leak = leaks(message);
      if (leak) problem(label, `leaked ${leak} in ${show(message)}`);
      let parsed: any;
      try {
        parsed = JSON.parse(message);
      } catch {
        problem(label, `sent text that is not JSON: ${show(message)}`);
        continue;
      }
      if (parsed?.type !== 'response' && parsed?.type !== 'event') problem(label, `sent a message outside the contract: ${show(message)}`);
      if (parsed?.envelope?.ok === false && /INTERNAL|INVALID_RESPONSE/.test(String(parsed.envelope.error?.code))) problem(label, `answered with an internal error: ${show(message)}`);
    } else if (f.opcode === 8 && closeCode === null) {
      closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
    }
  }
  count(stats.closeCodes, closeCode === null ? 'none' : String(closeCode));
  return closeCode;
}

interface WsCase {
  label: string;
  writes: Buffer[];
  /** How the client leaves: a clean close frame, a half-close, or a reset. */
  finish: 'close' | 'end' | 'reset';
  /**
   * Close codes the server may answer with (null among them: no close frame at all). Unset: any code
   * a protocol error gives, an echo of a code the client sent, or none.
   */
  expect?: readonly (number | null)[];
  /** Codes a close frame we sent may make the server echo. */
  echoes?: readonly number[];
}

const PROTOCOL_CLOSE_CODES = [1000, 1002, 1007, 1009, 1005];

async function runWsCase(item: WsCase): Promise<void> {
  let ws: RawWs;
  try {
    ws = await openRawWs();
  } catch (error) {
    problem(item.label, `could not open a WebSocket: ${(error as Error).message}`);
    return;
  }
  stats.wsCases++;
  for (const bytes of item.writes) {
    ws.write(bytes);
    stats.wsFrames++;
    if (item.writes.length > 1) await new Promise(setImmediate);
  }
  // Let the server answer (or close on a protocol error) before the client leaves: bytes the server
  // has not read when it drops the connection turn its FIN into a RST, which can lose its close frame.
  // A case that expects a protocol error waits for the server to close by itself.
  const serverCloses = item.expect !== undefined && !item.expect.includes(1000) && !item.expect.includes(null);
  await withTimeout(ws.closed, serverCloses ? 2000 : 20);
  if (ws.isClosed()) {
    // Closed by the server already.
  } else if (item.finish === 'close') {
    ws.write(closeFrame(1000));
    ws.socket.end();
  } else if (item.finish === 'end') ws.socket.end();
  else ws.socket.resetAndDestroy();
  if (!(await withTimeout(ws.closed, 3000))) {
    stats.hung++;
    problem(item.label, 'the server did not close the WebSocket within 3 s');
    ws.socket.destroy();
  }
  const code = inspectWs(ws.reader, item.label);
  if (item.finish === 'reset') return;
  const allowed = item.expect ?? [...PROTOCOL_CLOSE_CODES, ...(item.echoes ?? []), null];
  if (!allowed.includes(code)) problem(item.label, `closed with ${code}, expected one of ${allowed.join(', ')}`);
}

// Contract-level messages: valid frames carrying JSON (or not) that the contract must refuse.
const SAFE_COMMANDS = ['app.ping', 'settings.get', 'runs.show', 'runs.list', 'tools.inputSchema'];
const JUNK_COMMANDS = ['rm -rf /', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'app.ping ', 'APP.PING', 'app.ping\u0000', '../app.ping', 'app', '', 'x'.repeat(201), 'app.ping\ud800'];
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'polluted', 'id', 'type', 'command', 'payload', 'message', '', '\u0000'];

function randomJson(rng: Rng, depth = 0): string {
  const roll = rng.int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return 'null';
    case 1:
      return rng.pick(['true', 'false']);
    case 2:
      return rng.pick(['0', '-0', '1e308', '-1e309', '9007199254740993', '0.1', '-1', '1.5e-400']);
    case 3:
      return JSON.stringify(rng.pick(['', 'hi', 'x'.repeat(rng.int(12_000)), '\u0000', '\ud800', '<script>', '%ff', '\u202e', 'ʘ‿ʘ']));
    case 4:
      return JSON.stringify(rng.pick(DANGEROUS_KEYS));
    case 5:
      return rng.pick(['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"__proto__":null}', '{"toString":1,"valueOf":"x"}']);
    case 6:
    case 7: {
      const keys = rng.int(4);
      return `{${Array.from({ length: keys }, () => `${JSON.stringify(rng.pick(DANGEROUS_KEYS))}:${randomJson(rng, depth + 1)}`).join(',')}}`;
    }
    default:
      return `[${Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1)).join(',')}]`;
  }
}

function randomMessage(rng: Rng): string {
  const fields: string[] = [];
  if (rng.chance(0.9)) fields.push(`"type":${rng.chance(0.8) ? JSON.stringify(rng.pick(['request', 'request', 'cancel'])) : randomJson(rng)}`);
  if (rng.chance(0.9)) fields.push(`"id":${rng.chance(0.8) ? JSON.stringify(`f${rng.int(50)}`) : rng.pick(['""', JSON.stringify('i'.repeat(101)), '5', 'null', '{}', '["a"]'])}`);
  if (rng.chance(0.9)) fields.push(`"command":${JSON.stringify(rng.chance(0.6) ? rng.pick(SAFE_COMMANDS) : rng.pick(JUNK_COMMANDS))}`);
  if (rng.chance(0.9)) fields.push(`"payload":${rng.chance(0.3) ? `{"message":${JSON.stringify(`m${rng.int(1000)}`)}}` : randomJson(rng)}`);
  if (rng.chance(0.2)) fields.push(`${JSON.stringify(rng.pick(DANGEROUS_KEYS))}:${randomJson(rng)}`);
  if (rng.chance(0.1)) fields.push(`"id":${JSON.stringify('dup')}`);
  for (let i = fields.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
  }
  const message = `{${fields.join(',')}}`;
  return rng.chance(0.05) ? message.slice(0, rng.int(message.length)) : message;
}

const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from('{"a":"\xfe"}', 'latin1')];
const BAD_CLOSE_CODES = [0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];
const LYING_LENGTHS = [126n, 65535n, 65536n, 2n ** 31n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, 64n * 1024n * 1024n];

/** One random frame (or a run of raw bytes): the building blocks of the random sessions. */
function randomFrame(rng: Rng, echoes: number[]): Buffer {
  switch (rng.int(14)) {
    case 0:
    case 1:
    case 2:
      return text(randomMessage(rng));
    case 3:
      return text(Buffer.concat([Buffer.from('{"type":"request","id":"u","command":"app.ping","payload":{"message":"'), rng.pick(INVALID_UTF8), Buffer.from('"}}')]));
    case 4:
      return frame({ opcode: rng.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: rng.bytes(rng.int(20)) });
    case 5:
      return frame({ opcode: rng.pick([0, 1, 2, 8, 9, 10]), rsv: 1 + rng.int(7), payload: rng.bytes(rng.int(20)) });
    case 6:
      return frame({ opcode: rng.pick([1, 2, 9]), mask: false, payload: 'unmasked' });
    case 7:
      return frame({ opcode: rng.pick([8, 9, 10]), fin: rng.chance(0.5), payload: rng.bytes(rng.chance(0.5) ? rng.int(125) : 126 + rng.int(300)) });
    case 8:
      return frame({ opcode: rng.pick([0, 1, 2]), fin: rng.chance(0.5), payload: rng.bytes(rng.int(40)) });
    case 9: {
      const length = rng.pick(LYING_LENGTHS);
      return frame({ opcode: rng.pick([0, 1, 2, 9]), length, form: length < 65536n && rng.chance(0.5) ? 16 : 64, payload: rng.bytes(rng.int(64)) });
    }
    case 10: {
      const code = rng.chance(0.6) ? rng.pick(BAD_CLOSE_CODES) : rng.pick([1000, 1001, 1003, 1008, 1011, 3000, 4999]);
      echoes.push(code);
      const reason = rng.chance(0.3) ? rng.pick(INVALID_UTF8) : rng.chance(0.2) ? 'r'.repeat(130) : 'bye';
      return rng.chance(0.1) ? frame({ opcode: 8, payload: Buffer.from([0x03]) }) : closeFrame(code, reason);
    }
    case 11:
      return frame({ opcode: 2, payload: rng.bytes(rng.int(200)) });
    case 12:
      return frame({ opcode: rng.pick([9, 10]), payload: rng.bytes(rng.int(125)) });
    default:
      return rng.bytes(1 + rng.int(64));
  }
}

// ---------------------------------------------------------------- the batches

describe('reign serve under fuzzing (raw TCP)', () => {
  beforeAll(async () => {
    // The descriptors the process holds while idle, to find any a batch leaves open.
    await checkpoint('warm-up');
    baselineFds = openFds();
  });

  it('HTTP: every method against every known-bad request target', async () => {
    const rng = prng(SEED ^ 0x1001);
    const cases: HttpCase[] = [];
    for (const method of [...METHODS, ...JUNK_METHODS]) for (const target of BAD_TARGETS) cases.push(deliver(rng, httpRequest(rng, { method, target })));
    await runHttpCases(cases);
    await checkpoint('known-bad targets');
    // Each way out of the renderer folder, asked for plainly: the page (the one-page app's fallback), never the file.
    for (const target of ['/assets/link.txt', '/assets/outdir/secret.txt', '/assets/root/etc/passwd', '/%2e%2e/reign-fuzz-secret.txt', '/assets/%2e%2e/%2e%2e/reign-fuzz-secret.txt']) {
      expect(await get(target), target).toEqual({ status: 200, body: INDEX_HTML });
    }
  });

  it('HTTP: random request lines, headers, bodies, split and cut at random', async () => {
    const rng = prng(SEED ^ 0x2002);
    const cases = Array.from({ length: 2500 }, () => deliver(rng, httpRequest(rng)));
    await runHttpCases(cases);
    await checkpoint('random HTTP');
  });

  it('HTTP: pipelined requests, and clients that leave mid-request or mid-download', async () => {
    const rng = prng(SEED ^ 0x3003);
    const cases: HttpCase[] = [];
    for (let i = 0; i < 300; i++) {
      const requests = Array.from({ length: 2 + rng.int(4) }, () =>
        rng.chance(0.5) ? `GET ${rng.pick(['/', '/assets/app.js', '/%ff', '/assets/link.txt'])} HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n` : httpRequest(rng),
      );
      cases.push(deliver(rng, requests.join('')));
    }
    await runHttpCases(cases);
    // A client that reads the first bytes of a large file and goes away (or resets).
    const leavers = Array.from({ length: 60 }, (_, i) =>
      new Promise<void>((resolve) => {
        const socket = connectTcp({ host: '127.0.0.1', port: host.port }, () => socket.write(`GET /assets/big.bin HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n`));
        socket.once('data', (chunk) => {
          const status = Number(chunk.toString('latin1').match(/^HTTP\/1\.1 (\d{3})/)?.[1]);
          count(stats.statuses, status);
          if (!(status < 500)) problem('GET /assets/big.bin, then leave', `answered ${status}`);
          if (i % 2) socket.resetAndDestroy();
          else socket.destroy();
        });
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      }),
    );
    await Promise.all(leavers);
    stats.http += leavers.length;
    await checkpoint('pipelined and early close');
  });

  it('WebSocket upgrades with missing, wrong and duplicated key, version, Origin, Host and token', async () => {
    const rng = prng(SEED ^ 0x4004);
    const validKey = 'dGhlIHNhbXBsZSBub25jZQ==';
    const cases: { label: string; bytes: Buffer; authorised: boolean; finish: Finish }[] = [];
    for (let i = 0; i < 800; i++) {
      const exact = i === 0; // the first one is the valid baseline
      let authorised = true;
      const choose = <T>(good: T, bad: readonly T[], p = 0.25): T => (exact || !rng.chance(p) ? good : rng.pick(bad));
      const method = choose('GET', ['POST', 'HEAD', 'PUT', 'OPTIONS', 'get', 'BREW'], 0.1);
      const tokenQuery = choose(`token=${host.token}`, [
        '', 'token=', 'token=%ff', `token=${host.token}x`, `token=${host.token.slice(1)}`, `token=${host.token.toUpperCase()}`, `token=x&token=${host.token}`,
        `token=${host.token}&token=x`, `TOKEN=${host.token}`, `token=${encodeURIComponent(host.token)}%00`, `token[]=${host.token}`, `token=${'a'.repeat(5000)}`, '%%', `token=${host.token}%`,
      ]);
      const tokenOk = tokenQuery === `token=${host.token}` || tokenQuery === `token=${host.token}&token=x`;
      const path = choose('/ws', ['/ws/', '/WS', '/%77s', '/ws%00', '/', '/%ff', '//ws', '/ws/../ws', 'http://evil.example/ws', '*'], 0.1);
      const pathOk = path === '/ws' || path === '/ws/../ws' || path === 'http://evil.example/ws' || path === '/%77s';
      const headerSets: string[][] = [];
      const hostValue = choose([`Host: ${hostHeader()}`], [[], [`Host: evil.example:${host.port}`], [`Host: ${hostHeader()}`, `Host: evil.example`], [`Host: ${hostHeader()}.evil`], [`Host: 127.0.0.1`]], 0.15);
      const hostOk = hostValue.length >= 1 && hostValue[0] === `Host: ${hostHeader()}`;
      const originValue = choose([`Origin: ${origin()}`], [
        [], ['Origin: null'], ['Origin: http://evil.example'], [`Origin: ${origin()}`, 'Origin: http://evil.example'], [`Origin: ${origin()}.evil.example`], [`Origin: https://127.0.0.1:${host.port}`],
        [`Origin: ${origin()}/`], ['Origin: %ff'], [`Origin: http://localhost:${host.port + 1}`], ['Origin: \xff\xfe'],
      ]);
      const originOk = originValue.length === 1 && originValue[0] === `Origin: ${origin()}`;
      authorised = tokenOk && pathOk && hostOk && originOk;
      headerSets.push(hostValue, originValue);
      headerSets.push(choose(['Upgrade: websocket'], [[], ['Upgrade: WebSocket'], ['Upgrade: websocket, h2c'], ['Upgrade: h2c'], ['Upgrade: websocket', 'Upgrade: websocket'], ['Upgrade:']], 0.15));
      headerSets.push(choose(['Connection: Upgrade'], [[], ['Connection: keep-alive, Upgrade'], ['Connection: close'], ['Connection: upgrade\xff']], 0.15));
      headerSets.push(choose([`Sec-WebSocket-Key: ${validKey}`], [
        [], ['Sec-WebSocket-Key: x'], ['Sec-WebSocket-Key: '], [`Sec-WebSocket-Key: ${validKey}`, `Sec-WebSocket-Key: ${validKey}`], ['Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA=='],
        [`Sec-WebSocket-Key: ${'A'.repeat(10_000)}`], ['Sec-WebSocket-Key: \xff\xff'],
      ]));
      headerSets.push(choose(['Sec-WebSocket-Version: 13'], [[], ['Sec-WebSocket-Version: 8'], ['Sec-WebSocket-Version: 14'], ['Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 13'], ['Sec-WebSocket-Version: abc'], ['Sec-WebSocket-Version: -1']]));
      if (!exact && rng.chance(0.2)) headerSets.push([rng.pick(['Sec-WebSocket-Protocol: a, , b', 'Sec-WebSocket-Protocol: \xff', 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99', 'Sec-WebSocket-Extensions: ;;;', 'Sec-WebSocket-Protocol: a, a', rng.pick(BAD_HEADERS)])]);
      const head = `${method} ${path}${tokenQuery ? `?${tokenQuery}` : ''} HTTP/1.1\r\n${headerSets.flat().map((line) => `${line}\r\n`).join('')}\r\n`;
      // Bytes after the request arrive as the upgrade's `head`: frames before the handshake is answered.
      const after = exact ? closeFrame(1000) : rng.chance(0.5) ? Buffer.concat([randomFrame(rng, []), closeFrame(1000)]) : rng.chance(0.5) ? rng.bytes(rng.int(100)) : Buffer.alloc(0);
      const bytes = Buffer.concat([Buffer.from(head, 'latin1'), after]);
      cases.push({ label: show(bytes), bytes, authorised, finish: exact ? 'linger' : rng.pick(['linger', 'end', 'end', 'reset'] as const) });
    }
    let accepted = 0;
    await pool(cases, 24, async (item, index) => {
      const outcome = await sendRaw([item.bytes], item.finish);
      stats.upgrades++;
      if (outcome.hung) {
        stats.hung++;
        problem(item.label, 'the server did not close the connection');
      }
      const [status] = inspectHttp(outcome.data, item.label);
      if (status === 101) {
        accepted++;
        // The security property: only a request with the token, a loopback Origin and Host gets a socket.
        if (!item.authorised) problem(item.label, 'upgraded without a valid token, Origin and Host');
      }
      if (index === 0 && status !== 101) problem(item.label, `the valid upgrade was refused with ${status}`);
    });
    expect(accepted).toBeGreaterThan(0);
    await checkpoint('WebSocket upgrades');
  });

  it('WebSocket frames: reserved opcodes, RSV bits, unmasked, fragmented control, lying lengths, bad UTF-8 and close codes', async () => {
    // Known-bad frames, each alone on a connection, with the close code the protocol demands.
    const known: WsCase[] = [
      ...[3, 4, 5, 6, 7, 11, 12, 13, 14, 15].map((opcode) => ({ label: `reserved opcode ${opcode}`, writes: [frame({ opcode, payload: 'x' })], finish: 'close' as const, expect: [1002] })),
      ...[1, 2, 3, 4, 5, 6, 7].map((rsv) => ({ label: `RSV bits ${rsv}`, writes: [frame({ opcode: 1, rsv, payload: '{}' })], finish: 'close' as const, expect: [1002] })),
      ...[1, 2, 8, 9, 10].map((opcode) => ({ label: `unmasked opcode ${opcode}`, writes: [frame({ opcode, mask: false, payload: opcode === 8 ? Buffer.from([3, 232]) : 'x' })], finish: 'close' as const, expect: [1002] })),
      ...[8, 9, 10].map((opcode) => ({ label: `fragmented control opcode ${opcode}`, writes: [frame({ opcode, fin: false, payload: Buffer.from([3, 232]) })], finish: 'close' as const, expect: [1002] })),
      ...[9, 10].map((opcode) => ({ label: `control frame of 126 bytes, opcode ${opcode}`, writes: [frame({ opcode, payload: Buffer.alloc(126) })], finish: 'close' as const, expect: [1002] })),
      { label: 'continuation without a first fragment', writes: [frame({ opcode: 0, payload: 'x' })], finish: 'close', expect: [1002] },
      { label: 'a new message inside a fragmented one', writes: [frame({ opcode: 1, fin: false, payload: '{' }), frame({ opcode: 1, payload: '}' })], finish: 'close', expect: [1002] },
      ...INVALID_UTF8.map((bytes, i) => ({ label: `invalid UTF-8 #${i} in a text frame`, writes: [text(bytes)], finish: 'close' as const, expect: [1007] })),
      { label: 'invalid UTF-8 split across fragments', writes: [frame({ opcode: 1, fin: false, payload: Buffer.from([0xe2]) }), frame({ opcode: 0, payload: Buffer.from([0x28, 0xa1]) })], finish: 'close', expect: [1007] },
      ...BAD_CLOSE_CODES.map((code) => ({ label: `close code ${code}`, writes: [closeFrame(code)], finish: 'end' as const, expect: [1002] })),
      { label: 'close frame with a 1-byte payload', writes: [frame({ opcode: 8, payload: Buffer.from([3]) })], finish: 'end', expect: [1002] },
      { label: 'close frame with an invalid UTF-8 reason', writes: [closeFrame(1000, Buffer.from([0xff]))], finish: 'end', expect: [1007] },
      ...LYING_LENGTHS.filter((n) => n > BigInt(HARD_LIMIT)).map((length) => ({ label: `declared length ${length}`, writes: [frame({ opcode: 1, length, form: 64 as const, payload: 'x' })], finish: 'end' as const, expect: length >= 2n ** 63n ? [1002, 1009] : [1009] })),
      { label: 'declared 65535 bytes (16-bit form), 10 sent, then EOF', writes: [frame({ opcode: 1, length: 65535n, form: 16, payload: Buffer.alloc(10) })], finish: 'end', expect: [null, 1005] },
      { label: 'declared 5 bytes in the 64-bit form (not minimal)', writes: [frame({ opcode: 1, form: 64, payload: '"abc"' })], finish: 'close', expect: [1000, 1002] },
      { label: 'declared fewer bytes than sent', writes: [Buffer.concat([frame({ opcode: 1, length: 2n, payload: '{}' }), Buffer.from('garbage after the frame')])], finish: 'close', expect: [1002] },
      { label: 'binary frame', writes: [frame({ opcode: 2, payload: Buffer.from([0, 1, 2]) })], finish: 'close', expect: [1000] },
      { label: '200 pings', writes: Array.from({ length: 200 }, () => frame({ opcode: 9, payload: 'p' })), finish: 'close', expect: [1000] },
    ];
    await pool(known, 16, runWsCase);
    await checkpoint('known-bad frames');

    // Random sessions: 1-6 frames of any kind, then a clean close, a half-close or a reset.
    const rng = prng(SEED ^ 0x5005);
    const sessions: WsCase[] = Array.from({ length: 700 }, () => {
      const echoes: number[] = [];
      const writes = Array.from({ length: 1 + rng.int(6) }, () => randomFrame(rng, echoes));
      const bytes = Buffer.concat(writes);
      // Sometimes all in one write, sometimes cut at a random byte.
      const split = rng.chance(0.3) ? [bytes] : rng.chance(0.1) ? [bytes.subarray(0, rng.int(bytes.length))] : writes;
      return { label: `${show(bytes)} (${writes.length} frames)`, writes: split, finish: rng.pick(['close', 'close', 'end', 'reset'] as const), echoes };
    });
    await pool(sessions, 16, runWsCase);
    await checkpoint('random frames');
  });

  it('WebSocket messages that are not contract messages, unknown commands and prototype-pollution keys', async () => {
    const fixed = [
      'null', 'true', '1', '"str"', '[]', '{}', '{"type":"request"}', '{"type":"cancel"}', '{"type":"cancel","id":"never-sent"}', `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `{"a":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, '{"type":"request","id":"","command":"app.ping","payload":{"message":"x"}}',
      '{"type":"request","id":5,"command":"app.ping","payload":{"message":"x"}}', '{"type":"request","id":"p1","command":"app.ping","payload":{"__proto__":{"polluted":"yes"},"message":"x"}}',
      '{"__proto__":{"polluted":"yes"},"type":"request","id":"p2","command":"app.ping","payload":{"message":"x"}}',
      '{"type":"request","id":"p3","command":"app.ping","payload":{"constructor":{"prototype":{"polluted":"yes"}},"message":"x"}}',
      '{"type":"request","id":"p4","command":"__proto__","payload":{}}', '{"type":"request","id":"p5","command":"constructor","payload":{}}',
      '{"type":"request","id":"p6","command":"hasOwnProperty","payload":{}}', '{"type":"request","id":"p7","command":"settings.update","payload":{"patch":{"__proto__":{"polluted":"yes"}}}}',
      '{"type":"request","id":"p8","command":"settings.update","payload":{"patch":{"constructor":{"prototype":{"polluted":"yes"}}}}}',
      '{"type":"request","id":"p9","command":"settings.get","payload":{"__proto__":{"polluted":"yes"}}}',
      '{"type":"request","id":"dup","command":"app.ping","payload":{"message":"a"}}', '{"type":"request","id":"dup","command":"app.ping","payload":{"message":"b"}}',
      '{"type":"request","id":"p10","command":"app.ping","payload":{"message":"\\ud800"}}', '\ufeff{"type":"request","id":"bom","command":"app.ping","payload":{"message":"x"}}',
    ];
    const rng = prng(SEED ^ 0x6006);
    const messages = [...fixed, ...Array.from({ length: 1200 }, () => randomMessage(rng))];
    const cases: WsCase[] = [];
    for (let i = 0; i < messages.length; i += 12) {
      const batch = messages.slice(i, i + 12);
      cases.push({ label: show(batch.join('\n')), writes: batch.map((message) => text(message)), finish: 'close', expect: [1000] });
    }
    await pool(cases, 8, runWsCase);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    await checkpoint('contract messages');
  });

  it('WebSocket: a declared 64 MiB (or 2^63) payload, sent slowly, is refused before ~1.1 MiB is buffered', async () => {
    const LIMIT = 1.1 * 1024 * 1024;
    const CHUNK = 16 * 1024;
    const slow = async (label: string, first: Buffer, next: () => Buffer): Promise<{ sentAtClose: number; code: number | null }> => {
      const ws = await openRawWs();
      ws.write(first);
      while (!ws.isClosed() && ws.sent() < 3 * 1024 * 1024) {
        ws.write(next());
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const sentAtClose = ws.sent();
      ws.socket.destroy();
      stats.wsCases++;
      const code = inspectWs(ws.reader, label);
      if (sentAtClose > LIMIT) problem(label, `the server was still reading after ${sentAtClose} bytes`);
      return { sentAtClose, code };
    };
    const before = process.memoryUsage();
    const garbage = Buffer.alloc(CHUNK, 0x61);
    // The server sends 1009 and drops the connection at once (ws-connection.ts terminates on a
    // protocol error), so the close frame can be lost to the RST of the bytes still arriving: the
    // connection being gone within the limit is what counts.
    for (const length of [64n * 1024n * 1024n, 2n ** 63n - 1n, BigInt(HARD_LIMIT) + 1n, 2n * 1024n * 1024n]) {
      const result = await slow(`declared ${length}`, frame({ opcode: 1, length, form: 64, payload: Buffer.alloc(0) }).subarray(0, 14), () => garbage);
      expect([1009, null], `declared ${length}`).toContain(result.code);
      expect(result.sentAtClose, `declared ${length}`).toBeLessThan(LIMIT);
    }
    // The limit counts a fragmented message as a whole: 256 KiB fragments, streamed 16 KiB at a time.
    let fragment: Buffer = Buffer.alloc(0);
    const fragments = (): Buffer => {
      if (fragment.length === 0) fragment = frame({ opcode: 0, fin: false, payload: Buffer.alloc(256 * 1024, 0x61) });
      const piece = fragment.subarray(0, CHUNK);
      fragment = fragment.subarray(CHUNK);
      return piece;
    };
    const fragmented = await slow('fragmented text of 256 KiB pieces', frame({ opcode: 1, fin: false, payload: '"' }), fragments);
    expect([1009, null]).toContain(fragmented.code);
    expect(fragmented.sentAtClose).toBeGreaterThan(HARD_LIMIT - 256 * 1024); // it did take fragments up to the limit
    expect(fragmented.sentAtClose).toBeLessThan(LIMIT);
    const after = process.memoryUsage();
    console.log(
      `serve fuzz: slow oversized frames closed after ${fragmented.sentAtClose} bytes (fragmented); memory growth arrayBuffers ${((after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toFixed(1)} MiB, rss ${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB`,
    );
    await checkpoint('slow oversized frames');
  });
});

// ---------------------------------------------------------------- regressions the fuzz found

describe('reign serve static files: regressions found by fuzzing', () => {
  // Counts descriptors through /proc, so Linux only.
  it.skipIf(process.platform !== 'linux')('closes the file when the client resets before the answer is sent, or leaves mid-download (no descriptor leak)', async () => {
    const before = openFds();
    const leave = (path: string, how: 'reset-at-once' | 'after-first-bytes'): Promise<void> =>
      new Promise((resolve) => {
        const socket = connectTcp({ host: '127.0.0.1', port: host.port }, () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader()}\r\n\r\n`);
          if (how === 'reset-at-once') socket.resetAndDestroy();
        });
        socket.once('data', () => socket.destroy());
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    for (let i = 0; i < 40; i++) await leave('/', 'reset-at-once');
    for (let i = 0; i < 20; i++) await leave('/assets/big.bin', 'after-first-bytes');
    // Before the fix every one of these left a file descriptor open for good (60 here).
    const deadline = Date.now() + 2000;
    while (openFds() > before + 8 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(openFds(), describeFds()).toBeLessThanOrEqual(before + 8);
    expect((await get('/')).body).toBe(INDEX_HTML);
  });

  it('survives a file that disappears between the check and the read (a rebuild while serving)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reign-fuzz-vanish-'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'gone.js'), 'gone');
    // The file is removed right after serveStatic has stat'ed it and before the stream opens it.
    const server = createServer((req, res) => {
      serveStatic(dir, req, res, {});
      rmSync(join(dir, 'gone.js'), { force: true });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/gone.js' }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve('ended'));
        res.on('error', () => resolve('reset'));
      });
      req.on('error', () => resolve('reset'));
      req.setTimeout(2000, () => resolve('hung'));
      req.end();
    });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Before the fix the stream's ENOENT was an unhandled 'error' event (an uncaught exception),
    // and the response was never finished.
    expect(crashes).toEqual([]);
    expect(['ended', 'reset']).toContain(outcome);
  });
});
