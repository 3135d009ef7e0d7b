import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly runId: string | null;
  readonly kind: string;
  readonly payload: unknown;
}

/** The prev_hash of row 1. */
export const GENESIS = '0'.repeat(64);

/**
 * A row's hash: HMAC-SHA256 over the previous row's hash and the row's canonical content, so only
 * whoever holds the key can write a row that fits. `key` null gives the plain SHA-256 that logs
 * used before the chain was keyed; it is only used to verify those old rows, never to write.
 */
export function chainHash(key: Buffer | null, prevHash: string, entry: AuditEntry): string {
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

/** A short public fingerprint of a key, so a report can say "signed with another key" rather than only "wrong". */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('reign audit key id').digest('hex').slice(0, 16);
}
