// Writes the parse worker's row batches into raw_row, record and event, inside the import's
// transaction. Ids are given, not read back: the transaction holds the store's write lock, so the
// next id of each table is known once at the start (SQLite would pick max(id) + 1 for each row, the
// same numbers), and a record can name its raw row and an event its record without a round trip.
// Rows go in many to a statement, so each statement's run, reset and result object is paid once
// per chunk rather than once per row, and the values are copied into one reused argument array.
import type { Db } from '../store/database.js';
import { EVENT_WIDTH, RAW_WIDTH, RECORD_WIDTH, type RowBatch } from './row-batch.js';
import { RECORD_COLUMNS } from './row-builder.js';

/** Rows per multi-row INSERT: wide enough to spread the per-statement cost, well under SQLite's 32,766 parameters for records. */
const CHUNK = 32;

type Value = string | number | null;

/** One table's INSERT, for a full chunk of rows and for a single row (the end of a batch). */
class ChunkedInsert {
  private readonly many;
  private readonly one;
  private readonly manyArgs: Value[];
  private readonly oneArgs: Value[];

  constructor(db: Db, head: string, rowSql: string, private readonly width: number) {
    this.many = db.prepare(`${head} VALUES ${Array.from({ length: CHUNK }, () => rowSql).join(', ')}`);
    this.one = db.prepare(`${head} VALUES ${rowSql}`);
    this.manyArgs = new Array<Value>(CHUNK * width).fill(null);
    this.oneArgs = new Array<Value>(width).fill(null);
  }

  /** Inserts `count` rows; `fill` writes row i's values into args from `at`. */
  insert(count: number, fill: (args: Value[], at: number, i: number) => void): void {
    let i = 0;
    for (; i + CHUNK <= count; i += CHUNK) {
      for (let k = 0; k < CHUNK; k++) fill(this.manyArgs, k * this.width, i + k);
      this.many.run(this.manyArgs);
    }
    for (; i < count; i++) {
      fill(this.oneArgs, 0, i);
      this.one.run(this.oneArgs);
    }
  }
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

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
      'INSERT INTO raw_row (id, source_id, sheet_ordinal, row_number, cells_json, status, reason, formulas_json)',
      `(?, ${sourceId}, ${placeholders(6)})`,
      7,
    );
    this.records = new ChunkedInsert(
      db,
      `INSERT INTO record (id, raw_row_id, source_id, ${RECORD_COLUMNS.join(', ')})`,
      `(?, ?, ${sourceId}, ${placeholders(RECORD_COLUMNS.length)})`,
      2 + RECORD_COLUMNS.length,
    );
    this.events = new ChunkedInsert(
      db,
      'INSERT INTO event (id, record_id, source_id, kind, category, start_date, end_date, value, detail_json)',
      `(?, ?, ${sourceId}, ${placeholders(EVENT_WIDTH - 1)})`,
      EVENT_WIDTH + 1,
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
      args[at] = rawBase + i;
      args[at + 1] = ordinal;
      args[at + 2] = raw[r]!;
      args[at + 3] = cells[i]!;
      args[at + 4] = status!;
      args[at + 5] = raw[r + 2]!;
      args[at + 6] = raw[r + 3]!;
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
      for (let c = 1; c < RECORD_WIDTH; c++) args[at + 1 + c] = records[r + c]!;
    });
    this.events.insert(counts.events, (args, at, i) => {
      const e = i * EVENT_WIDTH;
      args[at] = eventBase + i;
      args[at + 1] = recordBase + (events[e] as number);
      for (let c = 1; c < EVENT_WIDTH; c++) args[at + 1 + c] = events[e + c]!;
    });
    this.nextRaw += batch.rows;
    this.nextRecord += recordCount;
    this.nextEvent += counts.events;
    return counts;
  }
}
