// Reads any supported file into sheets of text rows with true row numbers, streaming them to a
// sink: CSV in decoded chunks, xlsx through the streaming reader (xlsx-stream.ts), and xls, ods
// and xlsb through SheetJS (also the fallback when a zip is not an xlsx the streamer knows).
import * as XLSX from '@e965/xlsx';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { excelSerialToIso } from '../../../shared/domain/normalise/date.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { CsvParser, sniffDelimiter } from './csv.js';
import { looksBinary } from './decode.js';
import type { FileFormat, RowSink, SheetData, SheetRow, WorkbookData } from './sheet.js';
import { NotStreamableError, streamXlsx } from './xlsx-stream.js';
import { DEFAULT_ZIP_LIMITS, ZipFile, type ZipLimits } from './zip.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);
const CHUNK = 1 << 20;

export interface ReadOptions {
  limits?: ZipLimits;
  /** Read an xlsx with SheetJS rather than the streaming reader (benchmarks and tests compare the two). */
  sheetJs?: boolean;
  /** Bytes of the file consumed so far, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

function readHead(fd: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, 0);
  return buf.subarray(0, n);
}

/** Streams the file at `path` into `sink`. Throws `bad-input` naming the file (and sheet/row where known). */
export function readWorkbookStream(path: string, sink: RowSink, options: ReadOptions = {}): { format: FileFormat } {
  const name = basename(path);
  const fd = openSync(path, 'r');
  let size: number;
  let head: Buffer;
  try {
    size = fstatSync(fd).size;
    head = readHead(fd, 8192);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (size === 0) {
    closeSync(fd);
    throw new WorkbenchError('bad-input', `${name}: the file is empty (0 bytes).`);
  }
  if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) {
    closeSync(fd);
    return readZip(path, name, sink, options);
  }
  if (startsWith(head, CFB)) {
    closeSync(fd);
    return readWithSheetJs(path, name, sink);
  }
  try {
    // UTF-16 text is full of NUL bytes: only call a file binary when it has no UTF-16 BOM.
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    if (!utf16 && looksBinary(head)) throw new WorkbenchError('bad-input', `${name}: this is not a spreadsheet or a CSV file (it holds binary data).`);
    readCsv(fd, size, head, name, sink, options);
    return { format: 'csv' };
  } finally {
    closeSync(fd);
  }
}

/** Encoding of a text file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252. */
function detectEncoding(fd: number, size: number, head: Buffer): { encoding: string; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  // Validate the whole file as UTF-8 first (a streaming pass, no text kept): a Windows-1252
  // byte deep in the file must not leave earlier rows decoded one way and later ones another.
  const check = new TextDecoder('utf-8', { fatal: true });
  const buf = Buffer.alloc(Math.min(CHUNK, size));
  try {
    for (let pos = 0; pos < size; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      pos += n;
      check.decode(buf.subarray(0, n), { stream: pos < size });
    }
    return { encoding: 'utf-8', skip: 0 };
  } catch {
    return { encoding: 'windows-1252', skip: 0 };
  }
}

function readCsv(fd: number, size: number, head: Buffer, name: string, sink: RowSink, options: ReadOptions): void {
  const { encoding, skip } = detectEncoding(fd, size, head);
  const decoder = new TextDecoder(encoding);
  const buf = Buffer.alloc(Math.min(CHUNK, size));
  let parser: CsvParser | null = null;
  let any = false;
  sink.begin?.('csv');
  sink.startSheet('');
  const onRow = (row: SheetRow): void => {
    if (!any && row.cells.some((c) => c !== null && c.trim() !== '')) any = true;
    sink.row(row);
  };
  for (let pos = skip; pos < size; ) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    pos += n;
    const text = decoder.decode(buf.subarray(0, n), { stream: pos < size });
    if (!parser) parser = new CsvParser(sniffDelimiter(text), onRow, name);
    parser.push(text);
    options.onProgress?.(pos, size);
  }
  const rest = decoder.decode();
  parser ??= new CsvParser(sniffDelimiter(rest), onRow, name);
  if (rest) parser.push(rest);
  parser.end();
  if (!any) throw new WorkbenchError('bad-input', `${name}: the file has no rows with any values.`);
  sink.endSheet();
}

function readZip(path: string, name: string, sink: RowSink, options: ReadOptions): { format: FileFormat } {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const zip = ZipFile.open(path, name, limits);
  try {
    const isOds = zip.entry('mimetype') !== undefined || (zip.entry('content.xml') !== undefined && !zip.entry('xl/workbook.xml'));
    if (!isOds && !options.sheetJs) {
      let rows = 0;
      let started = false;
      const counting: RowSink = {
        startSheet: (n) => {
          started = true;
          sink.startSheet(n);
        },
        row: (r) => {
          rows++;
          sink.row(r);
        },
        endSheet: () => sink.endSheet(),
      };
      try {
        sink.begin?.('xlsx');
        streamXlsx(zip, counting, options.onProgress ? { onProgress: options.onProgress } : {});
        if (rows === 0) throw new WorkbenchError('bad-input', `${name}: every sheet is empty.`);
        return { format: 'xlsx' };
      } catch (error) {
        // Before the first sheet nothing has been handed on: a workbook part this reader cannot
        // make sense of (xlsb, an odd generator) is SheetJS's to try. After that, it is damage.
        if (error instanceof WorkbenchError || (started && !(error instanceof NotStreamableError))) throw error;
        if (started) throw new WorkbenchError('bad-input', `${name}: the file could not be read as a spreadsheet (it may be damaged or truncated).`);
      }
    }
    // SheetJS inflates everything at once with its own inflater; check the real sizes first.
    const everything = zip.entries.map((e) => e.name);
    zip.checkDeclaredSizes(everything);
    for (const entry of everything) zip.inflate(entry, () => {});
  } finally {
    zip.close();
  }
  return readWithSheetJs(path, name, sink);
}

/** xls, ods, xlsb and encrypted (CFB) workbooks: SheetJS reads the whole file. */
function readWithSheetJs(path: string, name: string, sink: RowSink): { format: FileFormat } {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    const size = fstatSync(fd).size;
    bytes = Buffer.alloc(size);
    readSync(fd, bytes, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      throw new WorkbenchError('bad-input', `${name}: the workbook is password-protected. Save an unprotected copy and import that.`);
    }
    throw new WorkbenchError('bad-input', `${name}: the file could not be read as a spreadsheet (it may be damaged or truncated).`);
  }
  const bookType = (wb as { bookType?: string }).bookType;
  const format: FileFormat = bookType === 'ods' ? 'ods' : bookType === 'xlsx' || bookType === 'xlsb' || bookType === 'xlsm' || startsWith(bytes, ZIP) ? 'xlsx' : 'xls';
  sink.begin?.(format);
  const date1904 = Boolean((wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904);
  let rows = 0;
  for (const sheetName of wb.SheetNames) {
    sink.startSheet(sheetName);
    for (const row of sheetRows(wb.Sheets[sheetName], date1904)) {
      rows++;
      sink.row(row);
    }
    sink.endSheet();
  }
  if (rows === 0) throw new WorkbenchError('bad-input', `${name}: every sheet is empty.`);
  return { format };
}

function* sheetRows(ws: XLSX.WorkSheet | undefined, date1904: boolean): Generator<SheetRow> {
  const data = (ws as { '!data'?: Array<Array<XLSX.CellObject | undefined> | undefined> } | undefined)?.['!data'];
  if (!data) return;
  // Dense rows are indexed by absolute row, so the index is the spreadsheet's own row number.
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: Array<string | null> = [];
    let formulas: Array<[number, string]> | undefined;
    let any = false;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      const text = cellText(cell, date1904);
      cells.push(text);
      if (text !== null) any = true;
      if (cell?.f) (formulas ??= []).push([c, `=${cell.f}`]);
    }
    if (any || formulas) yield formulas ? { rowNumber: r + 1, cells, formulas } : { rowNumber: r + 1, cells };
  }
}

function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string | null {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 's':
      return cell.v === '' ? null : String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case 'n': {
      const v = Number(cell.v);
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) return excelSerialToIso(date1904 ? v + 1462 : v) ?? String(v);
      return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
    }
    default:
      return String(cell.v);
  }
}

/** Reads a whole file into memory as sheets of rows: for tests and small files only. */
export function readWorkbook(path: string, options: ReadOptions = {}): WorkbookData {
  const sheets: SheetData[] = [];
  let current: SheetData | null = null;
  const { format } = readWorkbookStream(
    path,
    {
      startSheet: (name) => {
        current = { name, rows: [] };
        sheets.push(current);
      },
      row: (row) => current?.rows.push(row),
      endSheet: () => {
        current = null;
      },
    },
    options,
  );
  return { format, sheets };
}
