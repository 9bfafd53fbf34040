// Tests and benches read the CSV files the demo and the benches write (truth files, exports) with
// the importer's own parser: one CSV reader in the project, tests included.
import { readFileSync } from 'node:fs';
import { parseCsv as parseRows } from '../../electron/engine/import/csv.js';

/** The rows of comma-separated text (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  return parseRows(text, ',').map((row) => row.cells.map((cell) => cell ?? ''));
}

export const readCsv = (path: string): string[][] => parseCsv(readFileSync(path, 'utf8'));
