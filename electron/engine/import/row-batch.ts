// How a batch of parsed rows travels from the parse worker to the store: a few flat arrays and
// one string, not thousands of small row arrays. Cloning every row's tuples cost both threads
// about as much as building the rows, and the store's thread is the import's bottleneck; flat
// arrays of strings, numbers and nulls clone in one tight pass and are bound from as they are.
// (Measured at 300k rows: receiving and unpacking 0.75 CPU s on the store's thread against 2.3–2.9
// for row arrays and 1.1 for JSON text in a transferred buffer; packing and posting 1.1 CPU s on
// the worker against 1.6–2.0 and 1.9.)
//
//   cells    every row's cells JSON, one per line (JSON.stringify escapes line breaks, so a raw
//            "\n" never occurs inside one), kept out of the arrays so each is one string to clone
//   raw      [rowNumber, status, reason, formulasJson]      per row, in file order
//   records  [rowIndex, ...RecordTuple]                     per record, rowIndex into raw
//   events   [recordIndex, ...EventTuple]                   per event, recordIndex into records
import type { EventTuple } from './events.js';
import { RECORD_COLUMNS, type RecordTuple } from './row-builder.js';

/** One row as tests and tools read a batch: [row number, cells JSON, status, reason, formulas JSON, record values or null, its events]. */
export type OutRow = [
  rowNumber: number, cellsJson: string, status: 'header' | 'structure' | 'quarantine' | 'record', reason: string | null, formulasJson: string | null,
  record: RecordTuple | null, events: EventTuple[] | null,
];

export const RAW_WIDTH = 4;
export const RECORD_WIDTH = 1 + RECORD_COLUMNS.length;
export const EVENT_WIDTH = 7;

type Value = string | number | null;

/** What the worker posts for a batch. */
export interface PackedRows {
  cells: string;
  raw: Value[];
  records: Value[];
  events: Value[];
}

/** What the store writes from: the packed batch with its cells split again. */
export interface RowBatch {
  rows: number;
  cells: string[];
  raw: Value[];
  records: Value[];
  events: Value[];
}

/**
 * Fills one batch's flat arrays row by row as the parse side reads them: a record's values go
 * straight into `records` (no tuple per record, no copy at the end), which took about a tenth of
 * the parse worker's time when rows were built as tuples and packed afterwards.
 */
export class RowBatchBuilder {
  private cells: string[] = [];
  private raw: Value[] = [];
  private records: Value[] = [];
  private events: Value[] = [];

  /** Rows added since the last `take`. */
  get length(): number {
    return this.cells.length;
  }

  /** Adds a row; a record's values follow through `record` (before the next row). */
  row(rowNumber: number, cellsJson: string, status: OutRow[2], reason: string | null, formulasJson: string | null): void {
    this.cells.push(cellsJson);
    this.raw.push(rowNumber, status, reason, formulasJson);
  }

  /** Starts the last row's record: push its RECORD_COLUMNS values, in order, onto the array returned. */
  record(): Value[] {
    this.records.push(this.cells.length - 1);
    return this.records;
  }

  /** One event of the last record. */
  event(e: EventTuple): void {
    this.events.push(this.records.length / RECORD_WIDTH - 1, e[0], e[1], e[2], e[3], e[4], e[5]);
  }

  /** The batch so far, packed; the builder starts empty again. */
  take(): PackedRows {
    if (this.records.length % RECORD_WIDTH !== 0) throw new Error(`a record was given other than ${RECORD_COLUMNS.length} values`);
    const packed: PackedRows = { cells: this.cells.join('\n'), raw: this.raw, records: this.records, events: this.events };
    this.cells = [];
    this.raw = [];
    this.records = [];
    this.events = [];
    return packed;
  }
}

/** Rows (as tests and tools hold them) packed as the parse side packs them. */
export function packRows(rows: readonly OutRow[]): PackedRows {
  const batch = new RowBatchBuilder();
  for (const [rowNumber, cellsJson, status, reason, formulasJson, record, rowEvents] of rows) {
    batch.row(rowNumber, cellsJson, status, reason, formulasJson);
    if (!record) continue;
    batch.record().push(...record);
    for (const e of rowEvents ?? []) batch.event(e);
  }
  return batch.take();
}

/** The store's side of `packRows`. */
export function unpackRows(packed: PackedRows): RowBatch {
  const rows = packed.raw.length / RAW_WIDTH;
  return { rows, cells: rows ? packed.cells.split('\n') : [], raw: packed.raw, records: packed.records, events: packed.events };
}

/** The batch as rows again (for tests and tools that read a batch row by row). */
export function rowsOf(batch: RowBatch): OutRow[] {
  const out: OutRow[] = [];
  for (let i = 0; i < batch.rows; i++) {
    const r = i * RAW_WIDTH;
    out.push([batch.raw[r] as number, batch.cells[i]!, batch.raw[r + 1] as OutRow[2], batch.raw[r + 2] as string | null, batch.raw[r + 3] as string | null, null, null]);
  }
  const recordRows: number[] = [];
  for (let k = 0; k < batch.records.length; k += RECORD_WIDTH) {
    const row = out[batch.records[k] as number]!;
    row[5] = batch.records.slice(k + 1, k + RECORD_WIDTH) as RecordTuple;
    recordRows.push(batch.records[k] as number);
  }
  for (let e = 0; e < batch.events.length; e += EVENT_WIDTH) {
    const row = out[recordRows[batch.events[e] as number]!]!;
    (row[6] ??= []).push(batch.events.slice(e + 1, e + EVENT_WIDTH) as EventTuple);
  }
  return out;
}
