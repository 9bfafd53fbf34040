// Writes the parse worker's row batches into raw_row, record and event, inside the import's
// transaction. Ids are given, not read back: the transaction holds the store's write lock, so the
// next id of each table is known once at the start (SQLite would pick max(id) + 1 for each row, the
// same numbers), and a record can name its raw row and an event its record without a round trip.
// Rows go in many to a statement, so each statement's run, reset and result object is paid once
// per chunk rather than once per row, and the values are copied into one reused argument array.
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/database.js';
import { EVENT_WIDTH, type Columns, type RowBatch } from './row-batch.js';
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
 * sheet without NHS numbers, no formulas, no end dates): the parse side sends those as one value
 * (row-batch.ts), and they are written into the statement as literals, so only the values that
 * vary are bound. One statement per set of constant columns, prepared once (a sheet gives one or two).
 */
class ChunkedInsert {
  private readonly statements = new Map<string, { many: Statement; one: Statement; bound: number[] }>();
  private readonly manyArgs: Value[] = [];
  private readonly oneArgs: Value[] = [];

  /** `head` up to VALUES, then `width` values a row; `fixed[c]`, when given, is column c's SQL for every row. */
  constructor(private readonly db: Db, private readonly head: string, private readonly width: number, private readonly fixed: ReadonlyArray<string | null>) {}

  /**
   * Inserts `count` rows: `columns[c]` is every row's value of column c, or one value for them
   * all (ignored where `fixed[c]` is given).
   */
  insert(count: number, columns: ReadonlyArray<Value | Value[]>): void {
    if (count === 0) return;
    const w = this.width;
    // A batch smaller than one chunk is all bound: it gains nothing, and would make a statement
    // of its own from every row.
    const literals = new Array<string | null>(w).fill(null);
    if (count >= CHUNK) {
      for (let c = 0; c < w; c++) {
        const column = columns[c];
        if (this.fixed[c] == null && !Array.isArray(column)) literals[c] = literalOf(column ?? null);
      }
    }
    const { many, one, bound } = this.statementFor(literals);
    const b = bound.length;
    // Every bound column as an array (a constant one that cannot be a literal, repeated).
    const from = bound.map((c) => {
      const column = columns[c];
      return Array.isArray(column) ? column : new Array<Value>(count).fill(column ?? null);
    });
    const manyArgs = this.manyArgs;
    const oneArgs = this.oneArgs;
    manyArgs.length = CHUNK * b;
    oneArgs.length = b;
    let i = 0;
    for (; i + CHUNK <= count; i += CHUNK) {
      for (let j = 0; j < b; j++) {
        const column = from[j]!;
        for (let k = 0, to = j; k < CHUNK; k++, to += b) manyArgs[to] = column[i + k]!;
      }
      // Spread, not an array: the binding then reads each argument directly instead of
      // looking it up in an array object (a quarter less of the binding's cost).
      many.run(...manyArgs);
    }
    for (; i < count; i++) {
      for (let j = 0; j < b; j++) oneArgs[j] = from[j]![i]!;
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

const column = (table: Columns, c: number): Value | Value[] => table.columns[c] ?? null;

/** base, base + 1, … (`count` ids). */
function sequence(base: number, count: number): number[] {
  const ids = new Array<number>(count);
  for (let i = 0; i < count; i++) ids[i] = base + i;
  return ids;
}

/** base + each index in a batch (a record's raw row, an event's record), as ids. */
function offsets(base: number, indexes: Value | Value[], count: number): Value | number[] {
  if (!Array.isArray(indexes)) return typeof indexes === 'number' ? base + indexes : indexes;
  const ids = new Array<number>(count);
  for (let i = 0; i < count; i++) ids[i] = base + (indexes[i] as number);
  return ids;
}

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
    const counts: BatchCounts = { rows: 0, records: records.rows, structure: 0, quarantined: 0, events: events.rows };
    const status = column(raw, 1);
    for (let i = 0; i < batch.rows; i++) {
      const s = Array.isArray(status) ? status[i] : status;
      if (s === 'quarantine') counts.quarantined++;
      else if (s === 'structure') counts.structure++;
      if (s !== 'header') counts.rows++;
    }
    // raw_row: (source_id fixed), id, sheet_ordinal, row_number, cells_json, status, reason, formulas_json
    this.raw.insert(batch.rows, [null, sequence(rawBase, batch.rows), ordinal, column(raw, 0), cells, status, column(raw, 2), column(raw, 3)]);
    // record: id, raw_row_id, (source_id fixed), then its values; event: id, record_id, (source_id fixed), then its values
    this.records.insert(records.rows, [sequence(recordBase, records.rows), offsets(rawBase, column(records, 0), records.rows), null, ...records.columns.slice(1)]);
    this.events.insert(events.rows, [sequence(eventBase, events.rows), offsets(recordBase, column(events, 0), events.rows), null, ...events.columns.slice(1)]);
    this.nextRaw += batch.rows;
    this.nextRecord += records.rows;
    this.nextEvent += counts.events;
    return counts;
  }
}
