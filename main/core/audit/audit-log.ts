import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from './canonical-json';
import type { Redactor } from './redactor';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly runId: string | null;
  readonly kind: string;
  readonly payload: unknown;
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; badSeq: number; problem: string };

const GENESIS = '0'.repeat(64);

const hashOf = (prevHash: string, entry: AuditEntry): string =>
  createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');

/**
 * Append-only, hash-chained journal: each row holds the hash of the row before it and of its own
 * canonical content (seq, time, run, kind, payload), so an edit, a deletion or a reordering breaks
 * the chain. Payloads are redacted before they are written.
 */
export class AuditLog {
  private lastHash: string;
  private lastSeq: number;
  // Prepared once: append is on the path of every event of every run.
  private readonly insertRow: Statement;
  private readonly writeHead: Statement;

  constructor(
    private readonly db: Database,
    private readonly redactor: Redactor,
  ) {
    const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    this.lastHash = last?.hash ?? GENESIS;
    this.lastSeq = last?.seq ?? 0;
    this.insertRow = db.prepare('INSERT INTO audit (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.writeHead = db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash');
  }

  append(kind: string, payload: unknown, runId: string | null = null): AuditEntry {
    const entry: AuditEntry = { seq: this.lastSeq + 1, at: new Date().toISOString(), runId, kind, payload: this.redactor.redactValue(payload) };
    const hash = hashOf(this.lastHash, entry);
    this.db.transaction(() => {
      this.insertRow.run(entry.seq, entry.at, runId, kind, canonicalJson(entry.payload), this.lastHash, hash);
      this.writeHead.run(entry.seq, hash);
    })();
    this.lastHash = hash;
    this.lastSeq = entry.seq;
    return entry;
  }

  /** Walks the chain from the first row; names the first row that does not fit. */
  verify(): VerifyResult {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let rows = 0;
    for (const row of this.db.prepare('SELECT * FROM audit ORDER BY rowid').iterate() as Iterable<Record<string, string | number | null>>) {
      rows += 1;
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, rows, badSeq: seq, problem: seq > expectedSeq ? `row ${expectedSeq} is missing (deleted)` : `row ${seq} is out of order` };
      if (row.prev_hash !== prevHash) return { ok: false, rows, badSeq: seq, problem: `row ${seq} does not follow row ${seq - 1} (a row before it was changed, removed or reordered)` };
      let payload: unknown;
      try {
        payload = JSON.parse(String(row.payload));
      } catch {
        return { ok: false, rows, badSeq: seq, problem: `row ${seq} has a payload that is not JSON (edited)` };
      }
      const entry: AuditEntry = { seq, at: String(row.at), runId: (row.run_id as string | null) ?? null, kind: String(row.kind), payload };
      const hash = hashOf(prevHash, entry);
      if (hash !== row.hash) return { ok: false, rows, badSeq: seq, problem: `row ${seq} was edited (its content no longer matches its hash)` };
      prevHash = hash;
      expectedSeq += 1;
    }
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
      return { ok: false, rows, badSeq: expectedSeq, problem: head.seq > expectedSeq - 1 ? `rows ${expectedSeq}…${head.seq} are missing (deleted from the end)` : 'the chain does not end where the log last wrote' };
    }
    if (!head && rows > 0) return { ok: false, rows, badSeq: 1, problem: 'the record of the last row is missing' };
    return { ok: true, rows };
  }

  *entries(runId?: string): Generator<AuditEntry> {
    const statement = runId ? this.db.prepare('SELECT seq, at, run_id, kind, payload FROM audit WHERE run_id = ? ORDER BY seq') : this.db.prepare('SELECT seq, at, run_id, kind, payload FROM audit ORDER BY seq');
    for (const row of (runId ? statement.iterate(runId) : statement.iterate()) as Iterable<Record<string, string | number | null>>) {
      yield { seq: Number(row.seq), at: String(row.at), runId: (row.run_id as string | null) ?? null, kind: String(row.kind), payload: JSON.parse(String(row.payload)) };
    }
  }
}
