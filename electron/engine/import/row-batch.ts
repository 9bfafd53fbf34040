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
import type { OutRow } from './pipeline.js';
import { RECORD_COLUMNS, type RecordTuple } from './row-builder.js';

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

export function packRows(rows: readonly OutRow[]): PackedRows {
  const raw: Value[] = [];
  const records: Value[] = [];
  const events: Value[] = [];
  const cells = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [rowNumber, cellsJson, status, reason, formulasJson, record, rowEvents] = rows[i]!;
    cells[i] = cellsJson;
    raw.push(rowNumber, status, reason, formulasJson);
    if (!record) continue;
    const recordIndex = records.length / RECORD_WIDTH;
    records.push(i);
    for (let c = 0; c < record.length; c++) records.push(record[c]!);
    if (rowEvents) {
      for (const e of rowEvents) {
        events.push(recordIndex);
        for (let c = 0; c < e.length; c++) events.push(e[c]!);
      }
    }
  }
  return { cells: cells.join('\n'), raw, records, events };
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
