import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SyncSecretAccess } from '../secrets/secret-store';

/** Where the key of an audit log's chain lives. */
export type KeySource = 'keychain' | 'key file' | 'memory';

export interface ChainKey {
  /** null: the key this log was signed with cannot be had now (`problem` says why); nothing may be appended. */
  readonly key: Buffer | null;
  readonly source: KeySource | null;
  /** Made by this call: the log is keyed from now on, and rows already in it were written unkeyed. */
  readonly created: boolean;
  readonly problem: string | null;
  /** Said by `reign audit verify` (the keychain was unavailable, the key file is readable by others). */
  readonly notes: readonly string[];
}

export interface ChainKeyOptions {
  readonly dbFile: string;
  readonly keychain?: SyncSecretAccess;
  /** Where the log's head file says its key lives: a missing key is then reported, never silently re-made elsewhere. */
  readonly expected?: KeySource;
}

export const keyFileOf = (dbFile: string): string => `${dbFile}.audit-key`;

/** One key per database file, so a fresh database (a reset data folder) never inherits another log's key. */
export const keychainNameOf = (dbFile: string): string => `audit.chain-key.${createHash('sha256').update(resolve(dbFile)).digest('hex').slice(0, 16)}`;

/** An in-memory database lives only as long as this process, so its key does too: one per database, for every log opened on it. */
const memoryKeys = new WeakMap<object, ChainKey>();
export function memoryChainKey(db: object): ChainKey {
  let chain = memoryKeys.get(db);
  if (!chain) memoryKeys.set(db, (chain = { key: randomBytes(32), source: 'memory', created: true, problem: null, notes: [] }));
  return chain;
}

const unavailable = (problem: string): ChainKey => ({ key: null, source: null, created: false, problem, notes: [] });
const isKey = (text: string | null): text is string => text !== null && /^[0-9a-f]{64}$/.test(text.trim());

/**
 * The key of the chain: kept in the OS keychain, created there on first use. Without a usable
 * keychain (a headless machine with no keyring) it goes to a 0600 key file beside the database,
 * which only keeps out someone who can edit the database but not read that file; verify says which.
 */
export function openChainKey({ dbFile, keychain, expected }: ChainKeyOptions): ChainKey {
  const file = keyFileOf(dbFile);
  if (expected !== 'keychain' && existsSync(file)) return readKeyFile(file, false);
  if (expected === 'key file') return unavailable(`the key file ${file} that signed this log is missing, so the log cannot be checked or continued`);
  const name = keychainNameOf(dbFile);
  let why = 'this process has no keychain access';
  if (keychain) {
    try {
      const stored = keychain.getSync(name);
      if (isKey(stored)) return { key: Buffer.from(stored.trim(), 'hex'), source: 'keychain', created: false, problem: null, notes: [] };
      if (stored !== null) return unavailable(`the keychain entry ${name} does not hold a chain key (it was changed), so the log cannot be checked or continued`);
      if (expected === 'keychain') return unavailable(`the chain key (${name}) is missing from the OS keychain although this log was signed with it, so the log cannot be checked or continued`);
      const made = randomBytes(32).toString('hex');
      keychain.setSync(name, made);
      // A keychain that accepts a write without keeping it would leave the log unverifiable at the next start.
      if (keychain.getSync(name) === made) return { key: Buffer.from(made, 'hex'), source: 'keychain', created: true, problem: null, notes: [] };
      why = 'the keychain did not keep the key it was given';
    } catch (error) {
      const detail = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
      if (expected === 'keychain') return unavailable(`this log's chain key is in the OS keychain, which cannot be used now (${detail}). Unlock or start the keychain and try again`);
      why = detail;
    }
  } else if (expected === 'keychain') {
    return unavailable("this log's chain key is in the OS keychain, which this process was given no access to");
  }
  const made = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file, false);
    throw error;
  }
  const fallback = readKeyFile(file, true);
  return { ...fallback, notes: [`the OS keychain could not be used when this log was first keyed (${why})`, ...fallback.notes] };
}

function readKeyFile(file: string, created: boolean): ChainKey {
  const text = readFileSync(file, 'utf8');
  if (!isKey(text)) return unavailable(`the key file ${file} does not hold a chain key (it was changed), so the log cannot be checked or continued`);
  const notes = [`the chain key is in the key file ${file}, not the OS keychain: it keeps out whoever can change the database but cannot read that file`];
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && mode & 0o077) notes.push(`the key file ${file} can be read by other users (mode ${mode.toString(8)}): run chmod 600 on it`);
  return { key: Buffer.from(text.trim(), 'hex'), source: 'key file', created, problem: null, notes };
}
