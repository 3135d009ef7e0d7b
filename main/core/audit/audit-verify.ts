import type { Database } from 'better-sqlite3';
import { missingTableProblem, missingTables } from './audit-tables';
import { type AuditEntry, chainHash, GENESIS, keyIdOf } from './chain-hash';
import type { KeySource } from './chain-key';
import { type AuditHead, headSignatureOk, readHeadFile } from './head-file';
import { ChainedRows, ROW_ADOPTED, ROW_SAVED } from './row-journal';

/** Recorded in the chain when Reign opens a log that no longer agrees with its head file, so the next append cannot hide it. */
export const AUDIT_TAMPERED = 'audit.tampered';

interface Report {
  readonly rows: number;
  /** Where the chain key lives; null when it could not be had. */
  readonly keyedBy: KeySource | null;
  /** What is worth knowing but is not a failure (rows from before the chain was keyed, where the key is). */
  readonly notes: readonly string[];
}

export type VerifyResult =
  | (Report & { readonly ok: true })
  | (Report & {
      readonly ok: false;
      /** `unverifiable`: the log cannot be checked at all (a table dropped, the key unavailable). */
      readonly cause: 'tampered' | 'unverifiable';
      /** The first row that does not fit, when the problem is about one row. */
      readonly badSeq: number | null;
      readonly problem: string;
    });

export interface VerifyInput {
  readonly db: Database;
  readonly key: Buffer | null;
  readonly keyedBy: KeySource | null;
  /** Why the log cannot be used at all, found when it was opened. */
  readonly problem: string | null;
  readonly headFile: string | null;
  readonly notes: readonly string[];
}

type Row = Record<string, string | number | null>;
type Problem = { readonly badSeq: number | null; readonly problem: string };

/** A row is as Reign wrote it when it still fits the stored chain, the signed head and the run tables. */
export function verifyAuditLog(input: VerifyInput): VerifyResult {
  const notes = [...input.notes];
  const base = { keyedBy: input.keyedBy, notes };
  const missing = missingTables(input.db);
  if (missing.length) return { ...base, rows: 0, ok: false, cause: 'unverifiable', badSeq: null, problem: missingTableProblem(missing) };
  if (input.problem || !input.key) return { ...base, rows: 0, ok: false, cause: 'unverifiable', badSeq: null, problem: input.problem ?? 'the chain key is not available' };
  const rows = Number(input.db.prepare('SELECT count(*) FROM audit').pluck().get());
  const found = firstProblem(input.db, input.key, input.headFile, notes);
  // Reign's own record of tampering it found on opening the log comes first: later damage may stem from it.
  const flagged = tamperRecord(input.db, input.key);
  if (flagged) {
    const also = found && found.badSeq !== flagged.seq ? `; also: ${found.problem}` : '';
    return { ...base, rows, ok: false, cause: 'tampered', badSeq: flagged.seq, problem: `when Reign opened the log at ${flagged.at} it no longer agreed with its head file: ${flagged.problem}${also}` };
  }
  if (found) return { ...base, rows, ok: false, cause: 'tampered', ...found };
  return { ...base, rows, ok: true };
}

function firstProblem(db: Database, key: Buffer, headFile: string | null, notes: string[]): Problem | null {
  let head: AuditHead | null = null;
  if (headFile) {
    const read = readHeadFile(headFile);
    if (read.state === 'missing') return { badSeq: null, problem: `the head file ${headFile} is missing: rows may have been removed from the end of the log` };
    if (read.state === 'unreadable') return { badSeq: null, problem: read.problem };
    if (!headSignatureOk(key, read)) {
      const other = read.head.keyId !== keyIdOf(key) ? ` (it names key ${read.head.keyId}, the key in use is ${keyIdOf(key)})` : '';
      return { badSeq: null, problem: `the head file ${headFile} is not signed with this log's key${other}: it was edited or replaced` };
    }
    head = read.head;
  }
  const legacyThrough = head?.legacyThrough ?? 0;

  let prevHash = GENESIS;
  let expectedSeq = 1;
  const chainedRows = new ChainedRows();
  for (const row of db.prepare('SELECT * FROM audit ORDER BY rowid').iterate() as Iterable<Row>) {
    const seq = Number(row.seq);
    if (seq !== expectedSeq) return { badSeq: seq, problem: seq > expectedSeq ? `row ${expectedSeq} is missing (deleted)` : `row ${seq} is out of order` };
    if (row.prev_hash !== prevHash) return { badSeq: seq, problem: `row ${seq} does not follow row ${seq - 1} (a row before it was changed, removed or reordered)` };
    const entry = entryOf(row);
    if (!entry) return { badSeq: seq, problem: `row ${seq} has a payload that is not JSON (edited)` };
    const hash = chainHash(seq <= legacyThrough ? null : key, prevHash, entry);
    if (hash !== row.hash) {
      const unkeyed = seq > legacyThrough && chainHash(null, prevHash, entry) === row.hash;
      return { badSeq: seq, problem: unkeyed ? `row ${seq} was rewritten by someone without the chain key (its hash is unkeyed)` : `row ${seq} was edited (its content no longer matches its hash)` };
    }
    if (entry.kind === ROW_SAVED || entry.kind === ROW_ADOPTED) chainedRows.note(seq, entry.payload);
    prevHash = hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;

  if (head) {
    if (head.seq > lastSeq) {
      const what = lastSeq === 0 ? `all ${head.seq} rows were deleted` : `rows ${lastSeq + 1}…${head.seq} are missing (deleted from the end)`;
      return { badSeq: lastSeq + 1, problem: `${what}: the signed head file outside the database still records row ${head.seq} (or a power cut lost the last commits)` };
    }
    const atHead = head.seq === 0 ? GENESIS : (db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(head.seq) as string | undefined);
    if (atHead !== head.hash) return { badSeq: head.seq, problem: `row ${head.seq} is not the row the signed head file recorded: the log was rewritten` };
    if (head.seq < lastSeq) notes.push(`the head file is ${lastSeq - head.seq} row(s) behind the database (Reign stopped between writing a row and its head); those rows are keyed and fit the chain`);
  } else {
    // An in-memory log has no head file: the database's own head row is all there is.
    const dbHead = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    if (dbHead && (dbHead.seq !== lastSeq || dbHead.hash !== prevHash)) return { badSeq: lastSeq + 1, problem: dbHead.seq > lastSeq ? `rows ${lastSeq + 1}…${dbHead.seq} are missing (deleted from the end)` : 'the chain does not end where the log last wrote' };
    if (!dbHead && lastSeq > 0) return { badSeq: 1, problem: 'the record of the last row is missing' };
  }

  const rowProblem = chainedRows.check(db);
  if (rowProblem) return rowProblem;
  if (legacyThrough > 0) {
    notes.push(`rows 1…${legacyThrough} were written before the chain was keyed: they are chained with plain SHA-256, so a rewrite of them made before then could not be told; any change to them since would be, and every later row is keyed`);
  }
  return null;
}

function entryOf(row: Row): AuditEntry | null {
  try {
    return { seq: Number(row.seq), at: String(row.at), runId: row.run_id === null ? null : String(row.run_id), kind: String(row.kind), payload: JSON.parse(String(row.payload)) };
  } catch {
    return null;
  }
}

/** The first tamper record whose own keyed hash holds (so Reign wrote it), even when the chain around it is broken. */
function tamperRecord(db: Database, key: Buffer): { seq: number; at: string; problem: string } | null {
  for (const row of db.prepare('SELECT * FROM audit WHERE kind = ? ORDER BY seq').all(AUDIT_TAMPERED) as Row[]) {
    const entry = entryOf(row);
    if (entry && chainHash(key, String(row.prev_hash), entry) === row.hash) return { seq: entry.seq, at: entry.at, problem: String((entry.payload as { problem?: unknown }).problem) };
  }
  return null;
}
