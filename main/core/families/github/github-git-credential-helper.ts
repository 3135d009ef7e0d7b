import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What git asked a credential helper about (never a password: `store` and `erase` send none back to Reign). */
export interface CredentialQuestion {
  /** `get` (give me one), `store` (it worked), `erase` (the server refused it). */
  readonly action: 'get' | 'store' | 'erase';
  readonly protocol: string;
  /** As git gives it: `github.com`, `127.0.0.1:8080`. */
  readonly host: string;
}

export interface Credential {
  readonly username: string;
  readonly password: string;
}

/** A helper served for one git call: the `-c` arguments that make git use it, what git asked, and `close`. */
export interface CredentialHelper {
  /** `-c credential.helper=` (the user's helpers are cleared for this call), then Reign's helper. */
  readonly configArgs: readonly string[];
  readonly questions: readonly (CredentialQuestion & { readonly answered: boolean })[];
  close(): Promise<void>;
}

// The helper git runs, as a CommonJS script with the socket and a nonce written into it: git starts
// it with `get`, `store` or `erase` and the request on stdin (key=value lines). It forwards only
// the action, protocol and host, and prints a username and password only when Reign answers with
// them. It never sees the token until Reign decides this host gets it, and never writes it anywhere
// but to git's pipe.
const script = (socket: string, nonce: string): string => `'use strict';
const net = require('net');
const action = process.argv[2];
if (action !== 'get' && action !== 'store' && action !== 'erase') process.exit(0);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const fields = {};
  for (const line of input.split('\\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields[line.slice(0, at)] = line.slice(at + 1).replace(/\\r$/, '');
  }
  const socket = net.connect(${JSON.stringify(socket)}, () => {
    socket.end(JSON.stringify({ nonce: ${JSON.stringify(nonce)}, action, protocol: fields.protocol || '', host: fields.host || '' }));
  });
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => { answer += chunk; });
  socket.on('end', () => {
    if (action !== 'get') return;
    try {
      const found = JSON.parse(answer);
      if (found && typeof found.username === 'string' && typeof found.password === 'string') process.stdout.write('username=' + found.username + '\\npassword=' + found.password + '\\n');
    } catch (error) {}
  });
  socket.on('error', () => process.exit(0));
});
`;

/** Single quotes for sh (git runs a `!` helper through its shell): nothing inside is expanded. */
const quoted = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Serves a credential helper for the duration of one git call, as VS Code does for its git: a tiny
 * Node script in a private folder (0700) that git runs with Node (process.execPath, with
 * ELECTRON_RUN_AS_NODE=1 so the Electron binary acts as Node), talking to a one-time socket in that
 * folder, checked with a nonce. `answer` decides, per question, whether this protocol and host get
 * a credential; the token therefore reaches git only through its own pipe from the helper: never a
 * command line, a URL, a file or an environment variable.
 */
export async function serveCredentialHelper(answer: (question: CredentialQuestion) => Credential | null): Promise<CredentialHelper> {
  const folder = mkdtempSync(join(tmpdir(), 'reign-git-credential-'));
  chmodSync(folder, 0o700);
  const nonce = randomBytes(32).toString('hex');
  const socketPath = process.platform === 'win32' ? `\\\\.\\pipe\\reign-git-credential-${randomBytes(12).toString('hex')}` : join(folder, 'helper.sock');
  const helperPath = join(folder, 'credential-helper.cjs');
  writeFileSync(helperPath, script(socketPath, nonce), { mode: 0o700 });
  const questions: (CredentialQuestion & { answered: boolean })[] = [];
  const server: Server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 8192) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('end', () => {
      const question = parseQuestion(text, nonce);
      if (!question) return socket.destroy();
      const credential = question.action === 'get' ? answer(question) : null;
      questions.push({ ...question, answered: Boolean(credential) });
      socket.end(JSON.stringify(credential ?? {}));
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const command = `!ELECTRON_RUN_AS_NODE=1 ${quoted(process.execPath)} ${quoted(helperPath)}`;
  return {
    configArgs: ['-c', 'credential.helper=', '-c', `credential.helper=${command}`],
    questions,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(folder, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

function parseQuestion(text: string, nonce: string): CredentialQuestion | null {
  let parsed: { nonce?: unknown; action?: unknown; protocol?: unknown; host?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return null;
  }
  // Only the helper Reign wrote knows the nonce: anything else connecting gets nothing.
  if (typeof parsed.nonce !== 'string' || parsed.nonce.length !== nonce.length || !timingSafeEqual(Buffer.from(parsed.nonce), Buffer.from(nonce))) return null;
  if (parsed.action !== 'get' && parsed.action !== 'store' && parsed.action !== 'erase') return null;
  return { action: parsed.action, protocol: String(parsed.protocol ?? ''), host: String(parsed.host ?? '').toLowerCase() };
}
