import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { SyncSecretAccess } from '../secrets/secret-store';
import { AUDIT_TABLES, missingTableProblem, missingTables } from './audit-tables';
import { AuditUnavailableError } from './audit-unavailable';
import { AUDIT_TAMPERED, type VerifyResult, verifyAuditLog } from './audit-verify';
import { appendFailed, headWriteProblem, MAX_QUEUED_ROWS, queuedWriteFailed } from './audit-write-failure';
import { canonicalJson } from './canonical-json';
import { type AuditEntry, chainHasher, entryText, GENESIS, keyIdOf } from './chain-hash';
import { type ChainKey, memoryChainKey, openChainKey } from './chain-key';
import { type HeadRead, headFileOf, headSignatureOk, readHeadFile, writeHeadFile } from './head-file';
import type { Redactor } from './redactor';
import { allRowEntries, type JournaledTable, ROW_ADOPTED, ROW_SAVED, type RowEntry, type RowJournal, rowEntry } from './row-journal';

export type { AuditEntry } from './chain-hash';
export type { VerifyResult } from './audit-verify';

export interface AuditLogOptions {
  /** The OS keychain, read synchronously while the core is built; without it the chain key goes to a key file beside the database. */
  readonly keychain?: SyncSecretAccess;
  /** Where the signed head file goes: `<db>.audit-head` by default, none for an in-memory database. */
  readonly headFile?: string | null;
}

export { AuditUnavailableError } from './audit-unavailable';

/**
 * The head file is rewritten at most this often: a rename per append made appends four times slower,
 * and step output is appended line by line. It is written from what this process appended, so rows
 * removed meanwhile are still caught; only a crash within this window leaves the newest rows uncovered.
 */
const HEAD_INTERVAL_MS = 50;

/** An event redacted and serialised when it was appended, waiting for its row number and hash. */
interface PendingRow {
  readonly at: string;
  readonly runId: string | null;
  readonly kind: string;
  readonly payload: unknown;
  readonly payloadJson: string;
}

type NewEntry = Pick<AuditEntry, 'kind' | 'payload'> & Pick<RowEntry, 'runId'>;

const NO_KEY: ChainKey = { key: null, source: null, created: false, problem: null, notes: [] };

/**
 * Append-only journal, chained with an HMAC whose key lives in the OS keychain: each row holds the
 * keyed hash of the row before it and of its own canonical content, so an edit, deletion or
 * reordering breaks the chain and cannot be re-chained without the key. A signed head file outside
 * the database catches rows removed from the end; rows of the run tables are journaled as digests
 * (row-journal.ts). Payloads are redacted before they are written.
 */
export class AuditLog implements RowJournal {
  private lastHash = GENESIS;
  private lastSeq = 0;
  private legacyThrough = 0;
  private readonly chain: ChainKey;
  private readonly headFile: string | null;
  /** Why nothing can be appended; verify reports it too. */
  readonly problem: string | null;
  // Prepared once: append is on the path of every event of every run.
  private insertRow?: Statement;
  private writeDbHead?: Statement;
  private readLast?: Statement;
  private headDue: NodeJS.Timeout | null = null;
  private headWrittenAt = 0;
  private hashRow?: (prevHash: string, text: string) => string;
  private writeRows?: Transaction<(rows: readonly PendingRow[]) => { seq: number; hash: string }>;
  /** appendBatched events not in the database yet, in call order; written by the end of the tick. */
  private queued: PendingRow[] = [];
  private queueDue: NodeJS.Immediate | null = null;
  /** Why the queued events could not be committed; until a commit succeeds, appendBatched refuses more. */
  private queueFailure: AuditUnavailableError | null = null;
  /** Why the head file could not be rewritten; verify and flush report it, the next good write clears it. */
  private headFailure: string | null = null;
  /** The last row the head file on disk is known to cover, for the report of a failed write. */
  private headCoveredThrough = 0;

  constructor(
    private readonly db: Database,
    private readonly redactor: Redactor,
    options: AuditLogOptions = {},
  ) {
    const dbFile = db.memory ? null : db.name;
    this.headFile = options.headFile !== undefined ? options.headFile : dbFile && headFileOf(dbFile);
    const missing = missingTables(db, AUDIT_TABLES);
    if (missing.length) {
      this.chain = NO_KEY;
      this.problem = missingTableProblem(missing);
      return;
    }
    const head: HeadRead = this.headFile ? readHeadFile(this.headFile) : { state: 'missing' };
    if (head.state === 'present') this.headCoveredThrough = head.head.seq;
    this.chain = dbFile ? openChainKey({ dbFile, keychain: options.keychain, expected: head.state === 'present' ? head.head.keyedBy : undefined }) : memoryChainKey(db);
    this.problem = this.chain.key ? null : this.chain.problem;
    if (!this.chain.key) return;
    const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    this.lastHash = last?.hash ?? GENESIS;
    this.lastSeq = last?.seq ?? 0;
    this.readLast = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.insertRow = db.prepare('INSERT INTO audit (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.writeDbHead = db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash');
    this.hashRow = chainHasher(this.chain.key);
    this.writeRows = db.transaction((rows: readonly PendingRow[]) => this.chainRows(rows));
    this.checkOnOpen(this.chain.key, head);
  }

  /** Where the chain key lives, for reports. */
  get keyedBy(): ChainKey['source'] {
    return this.chain.source;
  }

  /**
   * Compares the database with the head file before anything is appended: the next append rewrites
   * the head file, so a disagreement found now is written into the chain, where it stays.
   */
  private checkOnOpen(key: Buffer, head: HeadRead): void {
    if (!this.headFile) return;
    if (head.state === 'missing') {
      if (this.chain.created) {
        // First keyed open: the rows already here were chained unkeyed, and the run tables' rows are taken as they are.
        this.legacyThrough = this.lastSeq;
        this.appendAll([...allRowEntries(this.db)].map((entry) => ({ kind: ROW_ADOPTED, ...entry })));
      } else if (this.lastSeq > 0) {
        this.append(AUDIT_TAMPERED, { problem: `the head file ${this.headFile} was missing although the log's key exists: rows may have been removed from the end (or Reign stopped while it first keyed this log)` });
      } else {
        this.saveHead();
      }
      return;
    }
    const problem = this.headProblem(key, head);
    if (problem) this.append(AUDIT_TAMPERED, { problem });
  }

  private headProblem(key: Buffer, head: Exclude<HeadRead, { state: 'missing' }>): string | null {
    if (head.state === 'unreadable') return head.problem;
    if (!headSignatureOk(key, head)) return `the head file was not signed with this log's key (it names key ${head.head.keyId}, the key in use is ${keyIdOf(key)})`;
    this.legacyThrough = head.head.legacyThrough;
    if (head.head.seq > this.lastSeq) return `the log ended at row ${this.lastSeq} but the head file recorded row ${head.head.seq}: rows were deleted from the end (or a power cut lost the last commits)`;
    const atHead = head.head.seq === 0 ? GENESIS : (this.db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(head.head.seq) as string | undefined);
    return atHead === head.head.hash ? null : `row ${head.head.seq} was not the row the head file recorded: the log was rewritten`;
  }

  /**
   * Journals one event and returns once it is committed: what depends on it (the step an approval
   * lets run, a rule taking effect) happens after it is in the database. Events queued with
   * appendBatched before it are committed first, in the same transaction, so the chain keeps the
   * order of the calls.
   */
  append(kind: string, payload: unknown, runId: string | null = null): AuditEntry {
    const [entry] = this.appendAll([{ kind, payload, runId }]);
    return entry!;
  }

  /**
   * Journals an event that nothing waits for (a line of step output: the step that printed it has
   * already acted), together with the others appended in the same tick: one transaction for all of
   * them, where append pays one each. It is redacted and serialised now, so a payload that cannot be
   * journaled throws here, to its caller. It is in the database by the end of the tick, or sooner if
   * append, entries, verify or flush is called: a crash within the tick can lose it, as it can lose
   * the head file's newest rows (HEAD_INTERVAL_MS), but it is never chained after a later append.
   *
   * Once the queued events could not be committed, it throws why (until an append, flush or entries
   * gets them in): each further line would only be held in memory and make the retry's transaction
   * larger, and nothing would say so until the next append.
   */
  appendBatched(kind: string, payload: unknown, runId: string | null = null): void {
    this.usable();
    if (this.queueFailure) throw this.queueFailure;
    const row = this.pendingRow(kind, payload, runId);
    // Backstop for one tick of a great deal of output: committed now, before this one, so a thrown event is never queued.
    if (this.queued.length >= MAX_QUEUED_ROWS) this.writeQueued();
    this.queued.push(row);
    this.queueDue ??= setImmediate(() => this.writeQueuedSoon());
  }

  /** Journals a run-table row as it now is (RowJournal); RunRepository calls it after each write. */
  journalRow(table: JournaledTable, key: readonly string[]): void {
    const entry = rowEntry(this.db, table, key);
    if (entry) this.append(ROW_SAVED, entry.payload, entry.runId);
  }

  /** journalRow for many rows, in one transaction: committed on return, as append is. */
  journalRows(table: JournaledTable, keys: readonly (readonly string[])[]): void {
    const entries = keys.flatMap((key) => rowEntry(this.db, table, key) ?? []);
    if (entries.length) this.appendAll(entries.map((entry) => ({ kind: ROW_SAVED, payload: entry.payload, runId: entry.runId })));
  }

  private usable(): void {
    if (this.problem || !this.writeRows) throw new AuditUnavailableError(this.problem ?? 'it was not opened');
  }

  /** Redacted and serialised once: the same text is stored and hashed (entryText). */
  private pendingRow(kind: string, payload: unknown, runId: string | null): PendingRow {
    // undefined has no JSON: it is stored as null, and hashed as what is stored, so verify agrees.
    const redacted = this.redactor.redactValue(payload) ?? null;
    return { at: new Date().toISOString(), runId, kind, payload: redacted, payloadJson: canonicalJson(redacted) };
  }

  /** Appends the queued events and these in one transaction, then writes the head file once. */
  private appendAll(items: readonly NewEntry[]): AuditEntry[] {
    this.usable();
    const fresh = items.map(({ kind, payload, runId }) => this.pendingRow(kind, payload, runId));
    const firstSeq = this.commit(fresh);
    return fresh.map((row, i) => ({ seq: firstSeq + i, at: row.at, runId: row.runId, kind: row.kind, payload: row.payload }));
  }

  /**
   * One transaction for the queued events followed by `fresh`; returns the first fresh row's number.
   * If it fails (the disk is full, another writer holds the lock too long) SQLite rolls all of it
   * back: the chain ends where it did, this log's idea of its last row is unchanged, and queued
   * events stay queued for the next try (and appendBatched refuses more until then).
   */
  private commit(fresh: readonly PendingRow[]): number {
    const queued = this.queued.length;
    const rows = queued ? [...this.queued, ...fresh] : fresh;
    let last: { seq: number; hash: string };
    try {
      last = this.writeRows!.immediate(rows);
    } catch (error) {
      if (!queued) throw appendFailed(error);
      this.queueFailure = queuedWriteFailed(queued, error);
      throw this.queueFailure;
    }
    // Committed: the queue is emptied and the head moved before anything else can throw, or the next
    // commit would write the same rows a second time and an append would throw for a committed event.
    this.queued = [];
    this.queueFailure = null;
    this.lastSeq = last.seq;
    this.lastHash = last.hash;
    this.saveHead();
    return last.seq - fresh.length + 1;
  }

  // Another process may append to the same log (`reign mcp` beside the app, `reign plan run`): the
  // chain continues from the last row in the database, read inside a write transaction (BEGIN
  // IMMEDIATE), so two writers never take the same row number or fork the chain.
  private chainRows(rows: readonly PendingRow[]): { seq: number; hash: string } {
    let { seq, hash } = (this.readLast!.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS };
    for (const row of rows) {
      seq += 1;
      const rowHash = this.hashRow!(hash, entryText(seq, row.at, row.runId, row.kind, row.payloadJson));
      this.insertRow!.run(seq, row.at, row.runId, row.kind, row.payloadJson, hash, rowHash);
      hash = rowHash;
    }
    this.writeDbHead!.run(seq, hash);
    return { seq, hash };
  }

  /** Writes the queued events now; throws why they could not be (they stay queued, in order). */
  private writeQueued(): void {
    if (this.queueDue) clearImmediate(this.queueDue);
    this.queueDue = null;
    if (this.queued.length) this.commit([]);
  }

  private writeQueuedSoon(): void {
    try {
      this.writeQueued();
    } catch {
      // Kept in queueFailure: the next appendBatched throws it; append, entries and flush retry, and throw it if the retry fails too.
    }
  }

  private saveHead(): void {
    if (!this.headFile || this.headDue) return;
    const wait = this.headWrittenAt + HEAD_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.writeHead();
    this.headDue = setTimeout(() => this.writeHeadIfDue(), wait);
    // A pending head write must not keep a finished CLI alive; Core.dispose flushes it.
    this.headDue.unref();
  }

  /**
   * Writes the queued events, then the head file if an append is not covered by it yet (Core.dispose
   * calls this). Throws if the queued events cannot be written; the head still covers what was.
   */
  flush(): void {
    try {
      this.writeQueued();
    } finally {
      this.writeHeadIfDue();
      if (this.headFailure) this.writeHead();
    }
    // The last chance to say so before Reign stops; the rows themselves are committed.
    if (this.headFailure) throw new AuditUnavailableError(this.headFailure);
  }

  private writeHeadIfDue(): void {
    if (!this.headDue) return;
    clearTimeout(this.headDue);
    this.headDue = null;
    this.writeHead();
  }

  private writeHead(): void {
    if (!this.headFile || !this.chain.key || !this.chain.source) return;
    this.headWrittenAt = Date.now();
    try {
      // Another process appending to the same log may have written a newer head: never move it back.
      const onDisk = readHeadFile(this.headFile);
      if (!(onDisk.state === 'present' && onDisk.head.seq > this.lastSeq && headSignatureOk(this.chain.key, onDisk))) {
        writeHeadFile(this.headFile, this.chain.key, { seq: this.lastSeq, hash: this.lastHash, legacyThrough: this.legacyThrough, keyedBy: this.chain.source, keyId: keyIdOf(this.chain.key) });
      }
      this.headCoveredThrough = this.lastSeq;
      this.headFailure = null;
    } catch (error) {
      // Never thrown from an append: its rows are committed, and a caller told otherwise would retry
      // and journal them twice (or, from the head timer, crash the process). The head file is the
      // backstop that catches rows removed from the end; while it cannot be written that goes
      // uncaught for newer rows, which verify and flush report. saveHead retries on the next commit.
      this.headFailure = headWriteProblem(this.headFile, this.headCoveredThrough, error);
    }
  }

  /** Walks the chain from the first row, then checks the head file and the run tables; reports, never throws. */
  verify(): VerifyResult {
    try {
      // Queued events are verified with the rest; if they cannot be written, the rows that are there are checked.
      this.writeQueuedSoon();
      this.writeHeadIfDue();
      const notes = [...this.chain.notes, ...[this.queueFailure?.message, this.headFailure].filter((note): note is string => !!note)];
      return verifyAuditLog({ db: this.db, key: this.chain.key, keyedBy: this.chain.source, problem: this.problem, headFile: this.headFile, notes });
    } catch (error) {
      // A table dropped or altered while Reign runs fails the SQL itself; say so rather than crash.
      return { rows: 0, keyedBy: this.chain.source, notes: [], ok: false, cause: 'unverifiable', badSeq: null, problem: `the log could not be read (${(error as Error).message}); if a table was dropped or changed, restore reign.db from a backup` };
    }
  }

  *entries(runId?: string): Generator<AuditEntry> {
    this.writeQueued();
    const statement = runId ? this.db.prepare('SELECT seq, at, run_id, kind, payload FROM audit WHERE run_id = ? ORDER BY seq') : this.db.prepare('SELECT seq, at, run_id, kind, payload FROM audit ORDER BY seq');
    for (const row of (runId ? statement.iterate(runId) : statement.iterate()) as Iterable<Record<string, string | number | null>>) {
      yield { seq: Number(row.seq), at: String(row.at), runId: (row.run_id as string | null) ?? null, kind: String(row.kind), payload: JSON.parse(String(row.payload)) };
    }
  }
}
