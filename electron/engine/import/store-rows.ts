// Writes the parse worker's row batches into raw_row, record and event, inside the import's
// transaction. Ids are given, not read back: the transaction holds the store's write lock, so the
// next id of each table is known once at the start (SQLite would pick max(id) + 1 for each row, the
// same numbers), and a record can name its raw row and an event its record without a round trip.
// Rows go in many to a statement, so each statement's run, reset and result object is paid once
// per chunk rather than once per row, and the values are copied into one reused argument array.
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/database.js';
import { EVENT_WIDTH, RAW_WIDTH, RECORD_WIDTH, type RowBatch } from './row-batch.js';
import { RECORD_COLUMNS } from './row-builder.js';

/** Rows per multi-row INSERT: wide enough to spread the per-statement cost, well under SQLite's 32,766 parameters for records. */
const CHUNK = 32;

type Value = string | number | null;

/** Statements kept per table (one per set of constant columns seen). */
const MAX_STATEMENTS = 16;

/** Longest text written into the SQL as a literal rather than bound. */
const LITERAL_TEXT = 64;

/**
 * A value as SQL text that stores exactly what binding it stores, or null when it cannot be one.
 * A bound number goes in as a double (better-sqlite3 binds every number so), so a whole number
 * is written `n.0`: an INTEGER column then holds n, a REAL one n.0, a TEXT one "n.0", as bound.
 */
function literalOf(value: Value): string | null {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? `${value}.0` : null;
  return value.length <= LITERAL_TEXT && !/[^\x20-\x7e]/.test(value) ? `'${value.replace(/'/g, "''")}'` : null;
}

/**
 * One table's INSERT. Binding is most of what a row costs the store's thread (each value fetched
 * from the argument array and converted), and many columns hold one value for a whole batch (a
 * sheet without NHS numbers, no formulas, no end dates): those are written into the statement as
 * literals, so only the values that vary are bound. One statement per set of constant columns,
 * prepared once (a sheet gives one or two).
 */
class ChunkedInsert {
  private readonly statements = new Map<string, { many: Statement; one: Statement; bound: number[] }>();
  private readonly manyArgs: Value[] = [];
  private readonly oneArgs: Value[] = [];

  /** `head` up to VALUES, then `width` values a row; `fixed[c]`, when given, is column c's SQL for every row. */
  constructor(private readonly db: Db, private readonly head: string, private readonly width: number, private readonly fixed: ReadonlyArray<string | null>) {}

  /** Inserts `count` rows; `fill(values, at, i)` writes row i's `width` values into `values` from `at`. */
  insert(count: number, fill: (values: Value[], at: number, i: number) => void): void {
    if (count === 0) return;
    const w = this.width;
    const values = new Array<Value>(count * w).fill(null);
    for (let i = 0; i < count; i++) fill(values, i * w, i);
    // Columns whose value is the same in every row of this batch (a batch smaller than one chunk
    // is all bound: it gains nothing, and would make a statement of its own from every row).
    const literals = new Array<string | null>(w).fill(null);
    for (let c = 0; c < w && count >= CHUNK; c++) {
      if (this.fixed[c] != null) continue;
      const first = values[c]!;
      let same = true;
      for (let at = w + c; at < values.length; at += w) {
        if (values[at] !== first) {
          same = false;
          break;
        }
      }
      if (same) literals[c] = literalOf(first);
    }
    const { many, one, bound } = this.statementFor(literals);
    const b = bound.length;
    const manyArgs = this.manyArgs;
    const oneArgs = this.oneArgs;
    manyArgs.length = CHUNK * b;
    oneArgs.length = b;
    let i = 0;
    for (; i + CHUNK <= count; i += CHUNK) {
      for (let k = 0; k < CHUNK; k++) {
        const from = (i + k) * w;
        const to = k * b;
        for (let j = 0; j < b; j++) manyArgs[to + j] = values[from + bound[j]!]!;
      }
      // Spread, not an array: the binding then reads each argument directly instead of
      // looking it up in an array object (a quarter less of the binding's cost).
      many.run(...manyArgs);
    }
    for (; i < count; i++) {
      const from = i * w;
      for (let j = 0; j < b; j++) oneArgs[j] = values[from + bound[j]!]!;
      one.run(...oneArgs);
    }
  }

  private statementFor(literals: ReadonlyArray<string | null>): { many: Statement; one: Statement; bound: number[] } {
    const key = literals.map((l) => l ?? '?').join('\u0000');
    let found = this.statements.get(key);
    if (!found) {
      // A file whose constant columns keep changing cannot fill memory with statements.
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      const bound: number[] = [];
      const rowSql = `(${literals
        .map((l, c) => {
          const sql = this.fixed[c] ?? l;
          if (sql != null) return sql;
          bound.push(c);
          return '?';
        })
        .join(', ')})`;
      found = {
        many: this.db.prepare(`${this.head} VALUES ${Array.from({ length: CHUNK }, () => rowSql).join(', ')}`),
        one: this.db.prepare(`${this.head} VALUES ${rowSql}`),
        bound,
      };
      this.statements.set(key, found);
    }
    return found;
  }
}

// The INSERTs are OR FAIL: on an error SQLite then keeps no statement journal (without it, every
// page a multi-row statement touches is first copied so that statement alone could be undone).
// Nothing needs undoing statement by statement: any error ends the import and its transaction is
// rolled back whole. (300k rows into three tables: about a fifth less CPU per INSERT, measured
// alone in a scratch table; see test/bench/RESULTS.md.)

/** `fixed` for a table whose third column is the source id and the rest are values. */
const sourceIdThird = (width: number, sourceId: number): Array<string | null> => Array.from({ length: width }, (_, c) => (c === 2 ? String(sourceId) : null));

export interface BatchCounts {
  /** Rows other than the header. */
  rows: number;
  records: number;
  structure: number;
  quarantined: number;
  events: number;
}

export class BatchWriter {
  private nextRaw: number;
  private nextRecord: number;
  private nextEvent: number;
  private readonly raw: ChunkedInsert;
  private readonly records: ChunkedInsert;
  private readonly events: ChunkedInsert;

  /** Call inside the import's (write-locked) transaction, after nothing else will add to these tables. */
  constructor(db: Db, sourceId: number) {
    if (!Number.isSafeInteger(sourceId)) throw new Error('source id must be an integer');
    const next = (table: string): number => (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n;
    this.nextRaw = next('raw_row');
    this.nextRecord = next('record');
    this.nextEvent = next('event');
    // The source id is the same for every row of the import: written into the SQL once.
    this.raw = new ChunkedInsert(
      db,
      'INSERT OR FAIL INTO raw_row (source_id, id, sheet_ordinal, row_number, cells_json, status, reason, formulas_json)',
      8,
      [String(sourceId), null, null, null, null, null, null, null],
    );
    this.records = new ChunkedInsert(
      db,
      `INSERT OR FAIL INTO record (id, raw_row_id, source_id, ${RECORD_COLUMNS.join(', ')})`,
      3 + RECORD_COLUMNS.length,
      sourceIdThird(3 + RECORD_COLUMNS.length, sourceId),
    );
    this.events = new ChunkedInsert(
      db,
      'INSERT OR FAIL INTO event (id, record_id, source_id, kind, category, start_date, end_date, value, detail_json)',
      EVENT_WIDTH + 2,
      sourceIdThird(EVENT_WIDTH + 2, sourceId),
    );
  }

  write(ordinal: number, batch: RowBatch): BatchCounts {
    const rawBase = this.nextRaw;
    const recordBase = this.nextRecord;
    const eventBase = this.nextEvent;
    const { raw, cells, records, events } = batch;
    const counts: BatchCounts = { rows: 0, records: 0, structure: 0, quarantined: 0, events: events.length / EVENT_WIDTH };
    this.raw.insert(batch.rows, (args, at, i) => {
      const r = i * RAW_WIDTH;
      const status = raw[r + 1];
      args[at + 1] = rawBase + i;
      args[at + 2] = ordinal;
      args[at + 3] = raw[r]!;
      args[at + 4] = cells[i]!;
      args[at + 5] = status!;
      args[at + 6] = raw[r + 2]!;
      args[at + 7] = raw[r + 3]!;
      if (status === 'quarantine') counts.quarantined++;
      else if (status === 'structure') counts.structure++;
      if (status !== 'header') counts.rows++;
    });
    const recordCount = records.length / RECORD_WIDTH;
    counts.records = recordCount;
    this.records.insert(recordCount, (args, at, i) => {
      const r = i * RECORD_WIDTH;
      args[at] = recordBase + i;
      args[at + 1] = rawBase + (records[r] as number);
      for (let c = 1; c < RECORD_WIDTH; c++) args[at + 2 + c] = records[r + c]!;
    });
    this.events.insert(counts.events, (args, at, i) => {
      const e = i * EVENT_WIDTH;
      args[at] = eventBase + i;
      args[at + 1] = recordBase + (events[e] as number);
      for (let c = 1; c < EVENT_WIDTH; c++) args[at + 2 + c] = events[e + c]!;
    });
    this.nextRaw += batch.rows;
    this.nextRecord += recordCount;
    this.nextEvent += counts.events;
    return counts;
  }
}
