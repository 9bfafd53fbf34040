import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { SheetRow } from './sheet.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Picks the delimiter that splits the first lines (outside quotes) most consistently. */
export function sniffDelimiter(text: string): string {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n && lines.length < 20; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (current.trim()) lines.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() && lines.length < 20) lines.push(current);
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const nonZero = counts.filter((c) => c > 0);
    if (nonZero.length === 0) continue;
    const mode = mostCommon(nonZero);
    const score = counts.filter((c) => c === mode).length * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Excel's own cell limit is 32,767 characters; a quoted field far past that is an unclosed quote. */
const MAX_FIELD = 1 << 20;
/** Excel's column limit. */
const MAX_COLUMNS = 16_384;

/**
 * Incremental RFC 4180 parser over decoded text, fed in chunks of any size (a quote, CR or field
 * may straddle two chunks). Every field is kept as text (no type guessing: '0812' stays '0812',
 * '=1+1' stays text); an empty unquoted field is null, a quoted "" is ''. Row numbers are record
 * ordinals with the first line = 1, as a spreadsheet program shows them: blank lines count, a
 * quoted newline does not start a row.
 */
export class CsvParser {
  private cells: Array<string | null> = [];
  private field = '';
  private quoted = false;
  private wasQuoted = false;
  private pendingCR = false;
  private pendingQuote = false;
  private rowNumber = 1;
  private readonly d: number;

  constructor(
    delimiter: string,
    private readonly onRow: (row: SheetRow) => void,
    private readonly where = 'the file',
  ) {
    this.d = delimiter.charCodeAt(0);
  }

  private endField(): void {
    this.cells.push(this.field === '' && !this.wasQuoted ? null : this.field);
    this.field = '';
    this.wasQuoted = false;
    if (this.cells.length > MAX_COLUMNS) {
      throw new WorkbenchError('bad-input', `${this.where}: row ${this.rowNumber} has more than ${MAX_COLUMNS.toLocaleString('en-GB')} columns; this is not a table of records.`);
    }
  }

  private endRow(): void {
    this.endField();
    const cells = this.cells;
    this.cells = [];
    this.onRow({ rowNumber: this.rowNumber++, cells });
  }

  push(s: string): void {
    const n = s.length;
    const d = this.d;
    let i = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (n > 0 && s.charCodeAt(0) === LF) i = 1;
    }
    if (this.pendingQuote && n > 0) {
      this.pendingQuote = false;
      if (s.charCodeAt(i) === QUOTE) {
        this.field += '"';
        i++;
      } else this.quoted = false;
    }
    while (i < n) {
      if (this.quoted) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          this.field += s.slice(i);
          i = n;
        } else {
          this.field += s.slice(i, q);
          if (q + 1 >= n) {
            this.pendingQuote = true;
            i = n;
          } else if (s.charCodeAt(q + 1) === QUOTE) {
            this.field += '"';
            i = q + 2;
          } else {
            this.quoted = false;
            i = q + 1;
          }
        }
        if (this.field.length > MAX_FIELD) {
          throw new WorkbenchError('bad-input', `${this.where}: row ${this.rowNumber}: a quoted field runs on for more than a million characters (a quote is probably never closed).`);
        }
        continue;
      }
      let j = i;
      let c = 0;
      while (j < n) {
        c = s.charCodeAt(j);
        if (c === d || c === LF || c === CR || c === QUOTE) break;
        j++;
      }
      if (j > i) this.field = this.field === '' ? s.slice(i, j) : this.field + s.slice(i, j);
      if (j >= n) break;
      if (c === d) this.endField();
      else if (c === LF) this.endRow();
      else if (c === CR) {
        this.endRow();
        if (j + 1 >= n) this.pendingCR = true;
        else if (s.charCodeAt(j + 1) === LF) j++;
      } else if (this.field === '') {
        this.quoted = true;
        this.wasQuoted = true;
      } else this.field += '"';
      i = j + 1;
    }
  }

  end(): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.quoted = false;
    }
    if (this.field !== '' || this.wasQuoted || this.cells.length > 0) this.endRow();
  }
}

/** Parses a whole decoded text (small files and tests). */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): SheetRow[] {
  const rows: SheetRow[] = [];
  const parser = new CsvParser(delimiter, (row) => rows.push(row));
  parser.push(text);
  parser.end();
  return rows;
}
