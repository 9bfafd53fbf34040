// How a batch of parsed rows travels from the parse worker to the store: one UTF-8 buffer,
// transferred (not copied), instead of a structured clone of thousands of small arrays. Cloning
// every row's tuple cost both threads about as much as building the rows; the store's thread is
// the import's bottleneck, so it gets flat arrays it can bind from without reshaping.
//
// Layout of the text: one line per row holding the row's cells JSON (JSON.stringify escapes every
// line break, so a raw "\n" never occurs inside one), then one last line of JSON with three flat
// tables, each a run of fixed-width groups:
//   raw     [rowNumber, status, reason, formulasJson]                 per row, in file order
//   records [rowIndex, ...RecordTuple]                                per record, rowIndex into raw
//   events  [recordIndex, ...EventTuple]                              per event, recordIndex into records
// The cells lines stay out of the JSON so they are not escaped a second time.
import type { EventTuple } from './events.js';
import type { OutRow } from './pipeline.js';
import { RECORD_COLUMNS, type RecordTuple } from './row-builder.js';

export const RAW_WIDTH = 4;
export const RECORD_WIDTH = 1 + RECORD_COLUMNS.length;
export const EVENT_WIDTH = 7;

export interface RowBatch {
  rows: number;
  cells: string[];
  raw: Array<string | number | null>;
  records: Array<string | number | null>;
  events: Array<string | number | null>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Packs rows for transfer: the returned buffer can go in a postMessage transfer list. */
export function packRows(rows: readonly OutRow[]): Uint8Array {
  const raw: unknown[] = [];
  const records: unknown[] = [];
  const events: unknown[] = [];
  const cells = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [rowNumber, cellsJson, status, reason, formulasJson, record, rowEvents] = rows[i]!;
    cells[i] = cellsJson;
    raw.push(rowNumber, status, reason, formulasJson);
    if (!record) continue;
    const recordIndex = records.length / RECORD_WIDTH;
    records.push(i);
    for (let c = 0; c < record.length; c++) records.push(record[c]);
    if (rowEvents) {
      for (const e of rowEvents) {
        events.push(recordIndex);
        for (let c = 0; c < e.length; c++) events.push(e[c]);
      }
    }
  }
  const tables = JSON.stringify({ raw, records, events });
  return encoder.encode(cells.length ? `${cells.join('\n')}\n${tables}` : tables);
}

/** The store's side of `packRows`. */
export function unpackRows(buffer: Uint8Array): RowBatch {
  const lines = decoder.decode(buffer).split('\n');
  const tables = JSON.parse(lines.pop() ?? '{}') as Pick<RowBatch, 'raw' | 'records' | 'events'>;
  return { rows: lines.length, cells: lines, ...tables };
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
