// Streaming xlsx reader: inflates one sheet entry at a time (zip.ts, fflate) and scans its XML
// as it arrives, handing rows on as they are read. Memory is the zip directory, the shared
// strings and one chunk of XML — not the workbook. Row numbers come from each row's `r`
// attribute (the spreadsheet's own numbering), cell columns from each cell's `r`. Values are
// used; formulas are kept beside them (shared formulas moved to each cell).
//
// The sheet body goes through xml-scan.ts (measured faster than saxes there); the workbook's
// small parts (workbook, relationships, styles, shared strings) through saxes.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { excelSerialToIso } from '../../../shared/domain/normalise/date.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { StopReading, type RowSink } from './sheet.js';
import { XmlScanner } from './xml-scan.js';
import { ZipDamaged, ZipFile } from './zip.js';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;

/** Not an xlsx this reader handles (xlsb, ods, some other zip): the caller falls back to SheetJS. */
export class NotStreamableError extends Error {}

interface SheetRef {
  name: string;
  /** zip entry of a worksheet, or null for a chartsheet/dialogsheet (no cells) */
  entry: string | null;
}

const localName = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

function parseXml(xml: string, onOpen: (name: string, attrs: Record<string, string>) => void, onClose?: (name: string) => void, onText?: (text: string) => void): void {
  const sax = new SaxesParser({ xmlns: false, position: false });
  sax.on('opentag', (tag: SaxesTagPlain) => onOpen(localName(tag.name), tag.attributes));
  if (onClose) sax.on('closetag', (tag: SaxesTagPlain) => onClose(localName(tag.name)));
  if (onText) {
    sax.on('text', onText);
    sax.on('cdata', onText);
  }
  sax.write(xml).close();
}

function resolvePath(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = baseDir ? baseDir.split('/') : [];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function readRels(zip: ZipFile, relsPath: string, baseDir: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  if (!zip.entry(relsPath)) return rels;
  parseXml(zip.text(relsPath), (name, a) => {
    if (name === 'Relationship' && a.Id && a.Target) {
      rels.set(a.Id, { type: a.Type ?? '', target: a.TargetMode === 'External' ? a.Target : resolvePath(baseDir, a.Target) });
    }
  });
  return rels;
}

/** Built-in number formats that show dates (ECMA-376 18.8.30, plus the CJK locale dates). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format code displays a date or time. */
export function isDateFormat(code: string): boolean {
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, '');
  if (/^\s*general\s*$/i.test(bare)) return false;
  return /[dmyhs]/i.test(bare);
}

function readStyles(zip: ZipFile, path: string | null): boolean[] {
  if (!path || !zip.entry(path)) return [];
  const custom = new Map<number, string>();
  const xfDate: boolean[] = [];
  let inCellXfs = false;
  parseXml(
    zip.text(path),
    (name, a) => {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        xfDate.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  return xfDate;
}

function readSharedStrings(zip: ZipFile, path: string | null): string[] {
  const strings: string[] = [];
  if (!path || !zip.entry(path)) return strings;
  let current = '';
  let phonetic = 0;
  const scanner: XmlScanner = new XmlScanner({
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't' && phonetic === 0) scanner.keepText = true;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') strings.push(current);
      else if (name === 't') scanner.keepText = false;
      else if (name === 'rPh') phonetic--;
    },
    text(text) {
      current += text;
    },
  });
  scanner.keepText = false;
  // Damage here is before any sheet: read-file.ts hands such a workbook to SheetJS to try.
  zip.inflate(path, (chunk) => scanner.write(chunk));
  scanner.end();
  return strings;
}

/** "AB12" → 27 (0-based column); -1 when there are no letters. */
export function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Moves the relative A1 references of a shared formula from its master cell to another cell
 * ($-anchored parts stay), so each cell's raw formula reads as Excel shows it.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let i = 0;
  // Leave text in double quotes alone; shift references elsewhere.
  const ref = /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;
  while (i < formula.length) {
    const q = formula.indexOf('"', i);
    const end = q < 0 ? formula.length : q;
    out += formula.slice(i, end).replace(ref, (m, colAbs: string, col: string, rowAbs: string, row: string) => {
      const c = columnIndex(col.toUpperCase());
      if (c < 0 || c > 16383) return m;
      const newCol = colAbs ? c : c + dCol;
      const newRow = rowAbs ? Number(row) : Number(row) + dRow;
      if (newCol < 0 || newRow < 1) return m;
      return `${colAbs}${columnLetters(newCol)}${rowAbs}${newRow}`;
    });
    if (q < 0) break;
    const close = formula.indexOf('"', q + 1);
    const stop = close < 0 ? formula.length : close + 1;
    out += formula.slice(q, stop);
    i = stop;
  }
  return out;
}

function numberText(text: string): string {
  const v = Number(text);
  if (!Number.isFinite(v)) return text;
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}

export interface XlsxReadOptions {
  onProgress?: (done: number, total: number) => void;
}

/** Streams every sheet of an xlsx/xlsm into `sink`. Throws NotStreamableError before any row when the zip is not one. */
export function streamXlsx(zip: ZipFile, sink: RowSink, options: XlsxReadOptions = {}): void {
  const rootRels = readRels(zip, '_rels/.rels', '');
  let workbookPath = [...rootRels.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!zip.entry(workbookPath) && zip.entry('xl/workbook.xml')) workbookPath = 'xl/workbook.xml';
  if (!zip.entry(workbookPath) || !workbookPath.endsWith('.xml')) throw new NotStreamableError('no workbook.xml');
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
  const relsPath = `${baseDir ? `${baseDir}/` : ''}_rels/${workbookPath.slice(baseDir ? baseDir.length + 1 : 0)}.rels`;
  const rels = readRels(zip, relsPath, baseDir);

  const refs: Array<{ name: string; rid: string }> = [];
  let date1904 = false;
  parseXml(zip.text(workbookPath), (name, a) => {
    if (name === 'sheet' && a.name !== undefined) refs.push({ name: a.name, rid: a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '' });
    else if (name === 'workbookPr' && (a.date1904 === '1' || a.date1904 === 'true')) date1904 = true;
  });
  const sheets: SheetRef[] = refs.map((r) => {
    const rel = rels.get(r.rid);
    return { name: r.name, entry: rel && REL_WORKSHEET.test(rel.type) && zip.entry(rel.target) ? rel.target : null };
  });
  if (sheets.length === 0) throw new NotStreamableError('no sheets');
  const relOfType = (suffix: string): string | null => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? null;
  const sheetEntries = sheets.flatMap((s) => (s.entry ? [s.entry] : []));
  const stylesPath = relOfType('/styles');
  const sstPath = relOfType('/sharedStrings');
  zip.checkDeclaredSizes([...sheetEntries, ...(stylesPath ? [stylesPath] : []), ...(sstPath ? [sstPath] : [])]);

  // The first sheet's worker starts inflating while the styles and shared strings are read.
  if (sheetEntries[0]) zip.prefetch(sheetEntries[0]);
  const dateStyles = readStyles(zip, stylesPath);
  const shared = readSharedStrings(zip, sstPath);
  const total = sheetEntries.reduce((n, e) => n + (zip.entry(e)?.compressedSize ?? 0), 0);
  let doneBefore = 0;
  for (const sheet of sheets) {
    sink.startSheet(sheet.name);
    if (sheet.entry) {
      const entry = sheet.entry;
      // And each next sheet's while this one is read.
      const next = sheetEntries[sheetEntries.indexOf(entry) + 1];
      if (next) zip.prefetch(next);
      readSheet(zip, entry, sink, { shared, dateStyles, date1904, sheetName: sheet.name }, (done) => options.onProgress?.(doneBefore + done, total));
      doneBefore += zip.entry(entry)?.compressedSize ?? 0;
    }
    sink.endSheet();
  }
}

interface SheetContext {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
  sheetName: string;
}

function readSheet(zip: ZipFile, entry: string, sink: RowSink, ctx: SheetContext, onProgress: (done: number) => void): void {
  let inSheetData = false;
  let done = false;
  // Row state
  let rowNumber = 0;
  let cells: Array<string | null> = [];
  let formulas: Array<[number, string]> | null = null;
  let any = false;
  // Cell state
  let col = -1;
  let type = '';
  let style = 0;
  let value = '';
  let formula = '';
  let formulaShared: { si: string; ref: boolean } | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;
  const sharedFormulas = new Map<string, { formula: string; row: number; col: number }>();

  const finishCell = (): void => {
    let text: string | null;
    switch (type) {
      case 's': {
        const s = ctx.shared[Number(value)];
        text = value === '' ? null : (s ?? null);
        break;
      }
      case 'inlineStr':
      case 'str':
        text = value;
        break;
      case 'b':
        text = value === '' ? null : value === '1' || value.toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
        break;
      case 'e':
        text = value || '#ERROR';
        break;
      case 'd':
        text = value ? value.slice(0, 10) : null;
        break;
      default: {
        if (value === '') {
          text = null;
          break;
        }
        if (ctx.dateStyles[style]) {
          const serial = Number(value);
          text = excelSerialToIso(ctx.date1904 ? serial + 1462 : serial) ?? numberText(value);
        } else text = numberText(value);
      }
    }
    if (text === '') text = null;
    let f: string | null = null;
    if (formula !== '') {
      f = formula;
      if (formulaShared?.ref) sharedFormulas.set(formulaShared.si, { formula, row: rowNumber, col });
    } else if (formulaShared) {
      const master = sharedFormulas.get(formulaShared.si);
      if (master) f = shiftFormula(master.formula, rowNumber - master.row, col - master.col);
    }
    if (text !== null || f !== null) {
      while (cells.length < col) cells.push(null);
      cells[col] = text;
      if (text !== null) any = true;
      if (f !== null) (formulas ??= []).push([col, `=${f}`]);
    }
  };

  const scanner: XmlScanner = new XmlScanner({
    open(name, a) {
      if (done) return;
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = true;
        return;
      }
      switch (name) {
        case 'row': {
          const r = a.int('r');
          rowNumber = r ? r : rowNumber + 1;
          cells = [];
          formulas = null;
          any = false;
          col = -1;
          break;
        }
        case 'c': {
          const c = a.column('r');
          col = c >= 0 ? c : col + 1;
          type = a.get('t') ?? '';
          style = a.int('s') || 0;
          value = '';
          formula = '';
          formulaShared = null;
          inInline = false;
          break;
        }
        case 'v':
          capture = 'v';
          scanner.keepText = true;
          break;
        case 'f': {
          capture = 'f';
          scanner.keepText = true;
          const si = a.get('si');
          if (si !== undefined && a.get('t') === 'shared') formulaShared = { si, ref: a.get('ref') !== undefined };
          break;
        }
        case 'is':
          inInline = true;
          break;
        case 't':
          if (inInline && phonetic === 0) {
            capture = 't';
            scanner.keepText = true;
          }
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close(name) {
      if (done || !inSheetData) return;
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          capture = null;
          scanner.keepText = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c':
          finishCell();
          break;
        case 'row':
          if (any || formulas) sink.row(formulas ? { rowNumber, cells, formulas } : { rowNumber, cells });
          break;
        case 'sheetData':
          inSheetData = false;
          done = true;
          break;
      }
    },
    text(t) {
      if (capture === 'v' || capture === 't') value += t;
      else if (capture === 'f') formula += t;
    },
  });
  scanner.keepText = false;
  try {
    zip.inflate(entry, (chunk) => scanner.write(chunk), onProgress);
    scanner.end();
  } catch (error) {
    const where = rowNumber ? `, row ${rowNumber}` : '';
    if (error instanceof ZipDamaged) {
      throw new WorkbenchError('bad-input', `${zip.displayName}: sheet "${ctx.sheetName}"${where}: the sheet is damaged or cut short and could not be read (${error.detail}).`);
    }
    if (error instanceof WorkbenchError || error instanceof StopReading) throw error;
    throw new WorkbenchError('bad-input', `${zip.displayName}: sheet "${ctx.sheetName}"${where}: the sheet's XML is damaged and could not be read.`);
  }
}
