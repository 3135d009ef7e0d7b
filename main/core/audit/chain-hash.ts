import { createHash, createHmac, type Hash } from 'node:crypto';
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

/**
 * canonicalJson(entry) from the payload's canonical JSON, so an append serialises its payload once
 * (for the stored column) rather than again inside the hash. The keys are in canonicalJson's order.
 */
export function entryText(seq: number, at: string, runId: string | null, kind: string, payloadJson: string): string {
  return `{"at":${JSON.stringify(at)},"kind":${JSON.stringify(kind)},"payload":${payloadJson},"runId":${runId === null ? 'null' : JSON.stringify(runId)},"seq":${JSON.stringify(seq)}}`;
}

const SHA256_BLOCK = 64;

/**
 * chainHash with one key for many rows, given the entry's canonical text: the same HMAC-SHA256
 * (RFC 2104), with the keyed inner and outer states made once and copied per row. createHmac imports
 * the key anew on every call, which was most of the cost of hashing an append.
 */
export function chainHasher(key: Buffer): (prevHash: string, text: string) => string {
  const block = Buffer.alloc(SHA256_BLOCK);
  (key.length > SHA256_BLOCK ? createHash('sha256').update(key).digest() : key).copy(block);
  const padded = (pad: number): Hash => createHash('sha256').update(Buffer.from(block.map((byte) => byte ^ pad)));
  const inner = padded(0x36);
  const outer = padded(0x5c);
  return (prevHash, text) => outer.copy().update(inner.copy().update(prevHash).update('\n').update(text).digest()).digest('hex');
}

/** A short public fingerprint of a key, so a report can say "signed with another key" rather than only "wrong". */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('reign audit key id').digest('hex').slice(0, 16);
}
