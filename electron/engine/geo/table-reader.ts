// Reads a reference table (CSV streamed in chunks; xlsx/xls through the import reader) as rows
// of text cells with their 1-based row numbers. National lookups run to millions of rows, so a
// CSV is never held whole in memory. The engine reads through table-in-worker.ts, which runs
// this in a worker thread; this module is what the worker runs.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { looksBinary } from '../import/decode.js';
import { CsvParser, sniffDelimiter } from '../import/csv.js';
import { readWorkbook } from '../import/read-file.js';

export interface TableRow {
  row: number;
  cells: string[];
}

export interface OpenedTable {
  fileName: string;
  format: string;
  sheet: string;
  sizeBytes: number;
  header: string[];
  headerRow: number;
  /** Data rows after the header, in batches. Consume once. */
  batches(): AsyncGenerator<TableRow[]>;
  /** Bytes of the file read so far (for a workbook, the share of its rows handed out): progress by bytes, as row totals are unknown until the end. */
  bytesRead(): number;
  /** Releases the file when the rows are not wanted (after reading only the header). */
  close(): void;
}

/** sha256 of a file, streamed: the one file hasher. */
export { fileSha256 } from '../files/file-hash.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];
const BATCH = 5000;
const HEADER_SCAN = 20;

/** A reference file's size in bytes (for byte progress), or a clear error naming the file. */
export function referenceFileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    throw new WorkbenchError('bad-input', `${basename(path)}: the file cannot be read (missing or not allowed).`);
  }
}

/**
 * Opens a table and finds its header: the first of the first 20 non-blank rows that
 * `isHeader` accepts, else the first non-blank row (so recognition can say what was missing).
 * For workbooks every sheet is tried and the first with an accepted header wins.
 */
export async function openTableHere(path: string, isHeader: (cells: string[]) => boolean): Promise<OpenedTable> {
  const fileName = basename(path);
  const size = referenceFileSize(path);
  if (size === 0) throw new WorkbenchError('bad-input', `${fileName}: the file is empty (0 bytes).`);
  const head = Buffer.alloc(Math.min(size, 65536));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (ZIP.every((b, i) => head[i] === b) || CFB.every((b, i) => head[i] === b)) return openWorkbook(path, fileName, size, isHeader);
  if (looksBinary(head)) throw new WorkbenchError('bad-input', `${fileName}: this is not a CSV or spreadsheet file (it holds binary data).`);
  return openCsv(path, fileName, size, head, isHeader);
}

function openWorkbook(path: string, fileName: string, size: number, isHeader: (cells: string[]) => boolean): OpenedTable {
  const wb = readWorkbook(path);
  let chosen: { sheet: string; headerIndex: number; rows: TableRow[] } | undefined;
  for (const sheet of wb.sheets) {
    const rows = sheet.rows
      .map((r) => ({ row: r.rowNumber, cells: r.cells.map((c) => c ?? '') }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
    const idx = rows.slice(0, HEADER_SCAN).findIndex((r) => isHeader(r.cells));
    if (idx >= 0) {
      chosen = { sheet: sheet.name, headerIndex: idx, rows };
      break;
    }
    if (!chosen && rows.length > 0) chosen = { sheet: sheet.name, headerIndex: 0, rows };
  }
  if (!chosen) throw new WorkbenchError('bad-input', `${fileName}: every sheet is empty.`);
  const { rows, headerIndex, sheet } = chosen;
  const header = rows[headerIndex]?.cells ?? [];
  let handedOut = headerIndex + 1;
  return {
    fileName,
    format: wb.format,
    sheet,
    sizeBytes: size,
    header,
    headerRow: rows[headerIndex]?.row ?? 1,
    async *batches() {
      for (let i = headerIndex + 1; i < rows.length; i += BATCH) {
        handedOut = Math.min(rows.length, i + BATCH);
        yield rows.slice(i, i + BATCH);
      }
    },
    bytesRead: () => Math.round((size * handedOut) / Math.max(1, rows.length)),
    close: () => undefined,
  };
}

function chooseEncoding(head: Buffer): { encoding: string; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // Trim a possibly cut multi-byte character at the end of the sample before testing it.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && ((head[end - 1] ?? 0) & 0xc0) === 0x80) end--;
  if (end > 0 && (head[end - 1] ?? 0) >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

async function openCsv(path: string, fileName: string, size: number, head: Buffer, isHeader: (cells: string[]) => boolean): Promise<OpenedTable> {
  const { encoding, bom } = chooseEncoding(head);
  const sample = new TextDecoder(encoding).decode(head.subarray(bom));
  const delimiter = sniffDelimiter(sample);

  // One pass over the file; the header is found in the first rows and the rest streamed on.
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder(encoding);
  // The importer's parser: one reading of CSV (quotes, line ends, blank lines counted) for
  // partner extracts and reference files alike.
  const parser = new CsvParser(
    delimiter,
    (r) => {
      if (r.problem) throw new WorkbenchError('bad-input', `${fileName}: row ${r.rowNumber}: ${r.problem}`);
      if (r.cells.some((c) => c !== null && c !== '')) pending.push({ row: r.rowNumber, cells: r.cells.map((c) => c ?? '') });
    },
    fileName,
  );
  let first = true;
  const pending: TableRow[] = [];
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let done = false;
  let bytes = 0;
  const pull = async (): Promise<boolean> => {
    if (done) return false;
    const next = await iterator.next();
    if (next.done) {
      done = true;
      parser.push(decoder.decode());
      parser.end();
      return false;
    }
    const chunk = next.value;
    bytes += chunk.length;
    const text = first ? chunk.subarray(bom) : chunk;
    first = false;
    parser.push(decoder.decode(text, { stream: true }));
    return true;
  };
  while (pending.length < HEADER_SCAN && (await pull()));
  const scan = pending.slice(0, HEADER_SCAN);
  let headerIndex = scan.findIndex((r) => isHeader(r.cells));
  if (headerIndex < 0) headerIndex = 0;
  const headerRow = pending[headerIndex];
  if (!headerRow) {
    stream.destroy();
    throw new WorkbenchError('bad-input', `${fileName}: the file has no rows with any values.`);
  }
  pending.splice(0, headerIndex + 1);
  return {
    fileName,
    format: 'csv',
    sheet: '',
    sizeBytes: size,
    header: headerRow.cells,
    headerRow: headerRow.row,
    async *batches() {
      try {
        for (;;) {
          while (pending.length < BATCH && (await pull()));
          if (pending.length === 0) return;
          yield pending.splice(0, BATCH);
        }
      } finally {
        if (!done) stream.destroy();
      }
    },
    bytesRead: () => bytes,
    close: () => {
      stream.destroy();
    },
  };
}

