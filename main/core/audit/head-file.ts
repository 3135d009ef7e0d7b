import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { canonicalJson } from './canonical-json';
import type { KeySource } from './chain-key';

/**
 * The newest row as last written, kept outside the database and signed with the chain key: rows
 * removed from the end of the log (even with the database's own head row updated to match), or all
 * of them, no longer agree with it, and it cannot be rewritten to agree without the key.
 */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  /** Rows 1…legacyThrough were written before the chain was keyed (plain SHA-256). */
  readonly legacyThrough: number;
  readonly keyedBy: KeySource;
  /** The signing key's fingerprint, so a report can tell "another key" from "edited". */
  readonly keyId: string;
}

export type HeadRead = { readonly state: 'missing' } | { readonly state: 'unreadable'; readonly problem: string } | { readonly state: 'present'; readonly head: AuditHead; readonly mac: string };

export const headFileOf = (dbFile: string): string => `${dbFile}.audit-head`;

const macOf = (key: Buffer, head: AuditHead): string => createHmac('sha256', key).update('reign audit head v1\n').update(canonicalJson(head)).digest('hex');

export function readHeadFile(path: string): HeadRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', problem: `the head file ${path} cannot be read (${(error as Error).message})` };
  }
  try {
    const { seq, hash, legacyThrough, keyedBy, keyId, mac } = JSON.parse(text) as Record<string, unknown>;
    if (typeof seq === 'number' && typeof hash === 'string' && typeof legacyThrough === 'number' && typeof keyId === 'string' && typeof mac === 'string' && (keyedBy === 'keychain' || keyedBy === 'key file' || keyedBy === 'memory')) {
      return { state: 'present', head: { seq, hash, legacyThrough, keyedBy, keyId }, mac };
    }
  } catch {
    // Reported below, as for a file of the wrong shape.
  }
  return { state: 'unreadable', problem: `the head file ${path} is not a head file Reign wrote (edited or damaged)` };
}

export function headSignatureOk(key: Buffer, read: Extract<HeadRead, { state: 'present' }>): boolean {
  const expected = Buffer.from(macOf(key, read.head), 'hex');
  const given = Buffer.from(read.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Written to a temporary file and renamed over the old one, so a reader never sees half a head. */
export function writeHeadFile(path: string, key: Buffer, head: AuditHead): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ ...head, mac: macOf(key, head) })}\n`);
  renameSync(temporary, path);
}
