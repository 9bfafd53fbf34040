// Reads any supported file into sheets of text rows with true row numbers, streaming them to a
// sink: CSV in decoded chunks, xlsx through the streaming reader (xlsx-stream.ts), and xls, ods
// and xlsb through SheetJS (also the fallback when a zip is not an xlsx the streamer knows).
import type * as XLSX from '@e965/xlsx';
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    // UTF-16 text is full of NUL bytes: only call a file binary when it is not UTF-16 (BOM or not).
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || utf16WithoutBom(head) !== null;
    if (!utf16 && looksBinary(head)) throw new WorkbenchError('bad-input', `${name}: this is not a spreadsheet or a CSV file (it holds binary data).`);
    readCsv(fd, size, head, name, sink, options);
    return { format: 'csv' };
  } finally {
    closeSync(fd);
  }
}

/**
 * UTF-16 written without a BOM: text whose every other byte is NUL (ASCII characters' high
 * byte). Little-endian puts the NULs at odd offsets, big-endian at even ones.
 */
export function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.7 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.7 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** Encoding of a text file: UTF-8 (BOM or not), UTF-16 (BOM or not), UTF-8 with stray Windows-1252 lines ('mixed'), else Windows-1252. */
function detectEncoding(fd: number, size: number, head: Buffer): { encoding: string; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const bomless = utf16WithoutBom(head);
  if (bomless) return { encoding: bomless, skip: 0 };
  // Validate the whole file as UTF-8 first (a streaming pass, no text kept): a Windows-1252
  // byte deep in the file must not leave earlier rows decoded one way and later ones another.
  // (isUtf8 checks bytes without making text: a tenth of a fatal TextDecoder's time, and this
  // pass runs before anything else can, once for the partner's fit and once in the parse worker.)
  const buf = Buffer.alloc(Math.min(CHUNK, size) + 3);
  let carry = 0;
  for (let pos = 0; pos < size; ) {
    const n = readSync(fd, buf, carry, buf.length - carry, pos);
    if (n === 0) break;
    pos += n;
    const filled = carry + n;
    // A character cut by the chunk's end is checked whole with the next chunk.
    const end = pos < size ? completeUtf8End(buf, filled) : filled;
    if (!isUtf8(buf.subarray(0, end))) {
      // Not all UTF-8. If some of it is (multi-byte sequences that decode), the file is UTF-8 with
      // a few lines pasted from elsewhere: each line is decoded on its own, not the whole file as 1252.
      return { encoding: hasUtf8Sequences(fd, size) ? 'mixed' : 'windows-1252', skip: 0 };
    }
    buf.copy(buf, 0, end, filled);
    carry = filled - end;
  }
  return { encoding: 'utf-8', skip: 0 };
}

/** Where the last whole character of `buf[0, n)` ends: before a lead byte whose continuation bytes are not all there yet. */
function completeUtf8End(buf: Buffer, n: number): number {
  for (let back = 1; back <= 3 && n - back >= 0; back++) {
    const b = buf[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Whether the file holds at least one well-formed multi-byte UTF-8 sequence. */
function hasUtf8Sequences(fd: number, size: number): boolean {
  const buf = Buffer.alloc(Math.min(CHUNK, size));
  for (let pos = 0; pos < size; ) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    pos += n;
    for (let i = 0; i + 1 < n; i++) {
      const b = buf[i] ?? 0;
      if (b < 0xc2 || b > 0xf4) continue;
      const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
      let ok = i + need < n;
      for (let k = 1; ok && k <= need; k++) ok = ((buf[i + k] ?? 0) & 0xc0) === 0x80;
      if (ok) return true;
    }
  }
  return false;
}

/** Decodes line by line: UTF-8 where a line is, Windows-1252 where it is not; says which lines were not. */
class LineDecoder {
  private rest: Buffer = Buffer.alloc(0);
  private line = 1;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private readonly cp1252 = new TextDecoder('windows-1252');
  readonly fallbackLines: number[] = [];

  decode(bytes: Buffer, last: boolean): string {
    const all = this.rest.length ? Buffer.concat([this.rest, bytes]) : bytes;
    const end = last ? all.length : all.lastIndexOf(10) + 1;
    this.rest = Buffer.from(all.subarray(end));
    let out = '';
    let start = 0;
    while (start < end) {
      let nl = all.indexOf(10, start);
      if (nl < 0 || nl >= end) nl = end - 1;
      const line = all.subarray(start, nl + 1);
      try {
        out += this.utf8.decode(line);
      } catch {
        out += this.cp1252.decode(line);
        this.fallbackLines.push(this.line);
      }
      this.line++;
      start = nl + 1;
    }
    return out;
  }
}

const lineList = (lines: number[]): string => {
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown} and ${lines.length - 10} more` : shown;
};

function readCsv(fd: number, size: number, head: Buffer, name: string, sink: RowSink, options: ReadOptions): void {
  const { encoding, skip } = detectEncoding(fd, size, head);
  const mixed = encoding === 'mixed' ? new LineDecoder() : null;
  const decoder = new TextDecoder(mixed ? 'utf-8' : encoding);
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
    const text = mixed ? mixed.decode(buf.subarray(0, n), pos >= size) : decoder.decode(buf.subarray(0, n), { stream: pos < size });
    if (!parser) parser = new CsvParser(sniffDelimiter(text), onRow, name);
    parser.push(text);
    options.onProgress?.(pos, size);
  }
  const rest = mixed ? '' : decoder.decode();
  parser ??= new CsvParser(sniffDelimiter(rest), onRow, name);
  if (rest) parser.push(rest);
  parser.end();
  if (!any) throw new WorkbenchError('bad-input', `${name}: the file has no rows with any values.`);
  if (mixed && mixed.fallbackLines.length) {
    const n = mixed.fallbackLines.length;
    sink.warn?.(`${name} is UTF-8 but ${n} line${n === 1 ? ' is' : 's are'} not (line${n === 1 ? '' : 's'} ${lineList(mixed.fallbackLines)}): ${n === 1 ? 'it was' : 'they were'} read as Windows-1252, so check the names on ${n === 1 ? 'it' : 'them'}.`);
  }
  for (const r of parser.repairs) {
    sink.warn?.(`${name}: a quote opened in row ${r.row} (line ${r.line}) never closes; that row is quarantined and the ${r.lines} line${r.lines === 1 ? '' : 's'} after it were read again as rows.`);
  }
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

// SheetJS is the largest module an import worker would load, and only the workbooks the
// streaming reader cannot read need it: it is loaded for the first of those, so the worker each
// file is read in starts without it.
const require = createRequire(import.meta.url);
let sheetJs: typeof XLSX | undefined;
const loadSheetJs = (): typeof XLSX => (sheetJs ??= require('@e965/xlsx') as typeof XLSX);

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
    wb = loadSheetJs().read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: true });
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
      if (typeof cell.z === 'string' && loadSheetJs().SSF.is_date(cell.z)) return excelSerialToIso(date1904 ? v + 1462 : v) ?? String(v);
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
