import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from './canonical-json';

/**
 * The run tables are kept outside the chain (they are updated in place), so every write to one of
 * their rows also appends a chained entry holding a digest of the row as written. Verify recomputes
 * the digests: a row edited, added or deleted behind Reign's back no longer matches its last entry.
 */
export const JOURNALED_TABLES = { plans: ['id'], runs: ['id'], run_steps: ['run_id', 'step_id'] } as const;
export type JournaledTable = keyof typeof JOURNALED_TABLES;

/** What RunRepository calls after it writes a row; `key` holds the values of the table's key columns, in order. */
export interface RowJournal {
  journalRow(table: JournaledTable, key: readonly string[]): void;
  /** Many rows of one table at once, committed together (the steps of a run as it starts). */
  journalRows(table: JournaledTable, keys: readonly (readonly string[])[]): void;
}

/** `row.saved` after each write; `row.adopted` for the rows already there when the chain was first keyed. */
export const ROW_SAVED = 'row.saved';
export const ROW_ADOPTED = 'row.adopted';

export interface RowEntry {
  readonly payload: { readonly table: JournaledTable; readonly label: string; readonly keyDigest: string; readonly digest: string };
  readonly runId: string | null;
}

type Row = Record<string, unknown>;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Null columns are left out, so a nullable column added by a later migration does not change every digest. */
const rowDigest = (row: Row): string => sha256(canonicalJson(Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null))));

const keyOf = (table: JournaledTable, row: Row): string[] => JOURNALED_TABLES[table].map((column) => String(row[column]));

// The key travels as a digest: the payload is redacted, and a redacted step id would no longer find its row.
const keyDigestOf = (table: JournaledTable, key: readonly string[]): string => sha256(`${table}\n${canonicalJson(key)}`);

const labelOf = (table: JournaledTable, key: readonly string[]): string => (table === 'run_steps' ? `step "${key[1]}" of run ${key[0]}` : `${table === 'runs' ? 'run' : 'plan'} ${key[0]}`);

function entryOf(table: JournaledTable, row: Row): RowEntry {
  const key = keyOf(table, row);
  return { payload: { table, label: labelOf(table, key), keyDigest: keyDigestOf(table, key), digest: rowDigest(row) }, runId: table === 'plans' ? null : (key[0] ?? null) };
}

const readers = new WeakMap<Database, Map<JournaledTable, Statement>>();

/** The entry for one row as it is now in the database; undefined if there is no such row. */
export function rowEntry(db: Database, table: JournaledTable, key: readonly string[]): RowEntry | undefined {
  let statements = readers.get(db);
  if (!statements) readers.set(db, (statements = new Map()));
  let read = statements.get(table);
  if (!read) statements.set(table, (read = db.prepare(`SELECT * FROM ${table} WHERE ${JOURNALED_TABLES[table].map((column) => `${column} = ?`).join(' AND ')}`)));
  const row = read.get(...key) as Row | undefined;
  return row && entryOf(table, row);
}

/** Every row of every journaled table as it is now: what the chain adopts when it is first keyed. */
export function* allRowEntries(db: Database): Generator<RowEntry> {
  for (const table of Object.keys(JOURNALED_TABLES) as JournaledTable[]) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate() as Iterable<Row>) yield entryOf(table, row);
  }
}

/** The newest digest the chain holds for each row, gathered while the chain is walked, then compared with the tables. */
export class ChainedRows {
  private readonly latest = new Map<string, { seq: number; digest: string; label: string }>();

  note(seq: number, payload: unknown): void {
    const { keyDigest, digest, label } = (payload ?? {}) as Record<string, unknown>;
    if (typeof keyDigest === 'string' && typeof digest === 'string') this.latest.set(keyDigest, { seq, digest, label: String(label) });
  }

  /** The first row that does not match the chain, naming it; null when all do. */
  check(db: Database): { problem: string; badSeq: number | null } | null {
    const seen = new Set<string>();
    for (const table of Object.keys(JOURNALED_TABLES) as JournaledTable[]) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate() as Iterable<Row>) {
        const { payload } = entryOf(table, row);
        const chained = this.latest.get(payload.keyDigest);
        if (!chained) return { problem: `${payload.label} is not in the audit chain: it was added to the database outside Reign`, badSeq: null };
        if (chained.digest !== payload.digest) return { problem: `${payload.label} was changed outside Reign after audit row ${chained.seq} recorded it (its row no longer matches)`, badSeq: chained.seq };
        seen.add(payload.keyDigest);
      }
    }
    for (const [keyDigest, chained] of this.latest) {
      if (!seen.has(keyDigest)) return { problem: `${chained.label} was deleted from the database (audit row ${chained.seq} recorded it)`, badSeq: chained.seq };
    }
    return null;
  }
}
