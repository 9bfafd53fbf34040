// How a batch of parsed rows travels from the parse worker to the store: a few arrays and one
// string, not thousands of small row arrays. Cloning every row's tuples cost both threads about as
// much as building the rows, and the store's thread is the import's bottleneck; arrays of strings,
// numbers and nulls clone in one tight pass and are bound from as they are. (Measured at 300k
// rows: receiving and unpacking 0.75 CPU s on the store's thread against 2.3–2.9 for row arrays
// and 1.1 for JSON text in a transferred buffer; packing and posting 1.1 CPU s on the worker
// against 1.6–2.0 and 1.9.)
//
// Each table goes column by column, and a column whose value is the same in every row of the batch
// (a sheet with no NHS numbers, no formulas, the same status and the same empty problems) goes as
// that one value: of a record's 36 values a row, a typical extract varies in about 15, and cloning
// is paid per value on both sides. The store writes such a column into its SQL once (store-rows.ts).
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

/**
 * One table's rows of a batch, column by column: `columns[c]` is every row's value of column c
 * (an array), or, when every row has the same one, that value alone (values are never arrays).
 */
export interface Columns {
  rows: number;
  columns: Array<Value | Value[]>;
}

/** What the worker posts for a batch. */
export interface PackedRows {
  cells: string;
  raw: Columns;
  records: Columns;
  events: Columns;
}

/** What the store writes from: the packed batch with its cells split again. */
export interface RowBatch {
  rows: number;
  cells: string[];
  raw: Columns;
  records: Columns;
  events: Columns;
}

/**
 * Row-major values (`width` a row) as columns, each constant column as its value. Arrays are
 * built by push: one made with `new Array(n)` is "holey" to V8, and a holey array is cloned as a
 * sparse one, index by index, at several times the cost.
 */
export function toColumns(values: readonly Value[], width: number): Columns {
  const rows = values.length / width;
  const columns: Array<Value | Value[]> = [];
  for (let c = 0; c < width; c++) {
    const first = rows > 0 ? values[c]! : null;
    let at = c + width;
    while (at < values.length && values[at] === first) at += width;
    if (at >= values.length) {
      columns.push(first);
      continue;
    }
    const column: Value[] = [];
    for (let from = c; from < values.length; from += width) column.push(values[from]!);
    columns.push(column);
  }
  return { rows, columns };
}

/** Row i's value of column c. */
export function valueAt(table: Columns, c: number, i: number): Value {
  const column = table.columns[c]!;
  return Array.isArray(column) ? (column[i] as Value) : column;
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
    const packed: PackedRows = {
      cells: this.cells.join('\n'),
      raw: toColumns(this.raw, RAW_WIDTH),
      records: toColumns(this.records, RECORD_WIDTH),
      events: toColumns(this.events, EVENT_WIDTH),
    };
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
  const rows = packed.raw.rows;
  return { rows, cells: rows ? packed.cells.split('\n') : [], raw: packed.raw, records: packed.records, events: packed.events };
}

/** The batch as rows again (for tests and tools that read a batch row by row). */
export function rowsOf(batch: RowBatch): OutRow[] {
  const out: OutRow[] = [];
  const { raw, records, events } = batch;
  const rowOf = (table: Columns, i: number, width: number): Value[] => Array.from({ length: width - 1 }, (_, c) => valueAt(table, c + 1, i));
  for (let i = 0; i < batch.rows; i++) {
    out.push([valueAt(raw, 0, i) as number, batch.cells[i]!, valueAt(raw, 1, i) as OutRow[2], valueAt(raw, 2, i) as string | null, valueAt(raw, 3, i) as string | null, null, null]);
  }
  const recordRows: number[] = [];
  for (let k = 0; k < records.rows; k++) {
    const at = valueAt(records, 0, k) as number;
    out[at]![5] = rowOf(records, k, RECORD_WIDTH) as RecordTuple;
    recordRows.push(at);
  }
  for (let e = 0; e < events.rows; e++) {
    const row = out[recordRows[valueAt(events, 0, e) as number]!]!;
    (row[6] ??= []).push(rowOf(events, e, EVENT_WIDTH) as EventTuple);
  }
  return out;
}
