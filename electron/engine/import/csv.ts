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
/** Lines a quoted cell may run over before it is taken for a quote that never closes. */
const MAX_QUOTED_LINES = 200;

/** A row whose quote never closed, and the lines after it that were read again as rows. */
export interface QuoteRepair {
  row: number;
  line: number;
  lines: number;
}

/** The cells of one line read on its own (a quote left open ends with the line). */
function lineCells(line: string, delimiter: string): Array<string | null> {
  let cells: Array<string | null> = [];
  const p = new CsvParser(delimiter, (r) => (cells = r.cells), 'the line', false);
  p.push(line);
  p.end();
  return cells;
}

/** Fields a line splits into outside quotes, with its quotes balanced; -1 when they are not. */
function fieldsOf(line: string, d: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return quoted ? -1 : n;
}

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
  /** Physical line the current row starts on (a quoted newline makes rows and lines differ). */
  private line = 1;
  /** Fields in the first row: what a line that "reads as a row" splits into. */
  private width = 0;
  /** Set when a quoted field runs past a line end: the row so far, to fall back on. */
  private span: { cells: Array<string | null>; field: string } | null = null;
  /** Raw text since the first quoted line end of the current row (kept only while spanning). */
  private tail = '';
  private tailFrom = 0;
  readonly repairs: QuoteRepair[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (row: SheetRow) => void,
    private readonly where = 'the file',
    private readonly repair = true,
  ) {
    this.d = delimiter.charCodeAt(0);
  }

  /** Called with the quoted text about to be added: starts keeping raw text at its first line end. */
  private watchSpan(s: string, from: number, to: number): void {
    if (this.span || !this.repair) return;
    let nl = s.indexOf('\n', from);
    const cr = s.indexOf('\r', from);
    if (cr >= 0 && (nl < 0 || cr < nl)) nl = cr;
    if (nl < 0 || nl >= to) return;
    this.span = { cells: this.cells.slice(), field: this.field + s.slice(from, nl) };
    this.tail = '';
    // The line end itself opens the kept text (a CR and its LF may come in different chunks).
    this.tailFrom = nl;
  }

  /**
   * A quote that never closed: the row ends at the line end inside it, and every line after is
   * read again on its own. The broken row is handed on with its problem, to be quarantined.
   */
  private recover(): void {
    const span = this.span;
    if (!span) return;
    this.span = null;
    const lines = this.tailLines();
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    this.tail = '';
    this.repairs.push({ row: this.rowNumber, line: this.line, lines: lines.length });
    const broken = [...span.cells, `"${span.field}`];
    this.cells = [];
    this.field = '';
    this.wasQuoted = false;
    this.quoted = false;
    this.pendingQuote = false;
    this.onRow({ rowNumber: this.rowNumber++, cells: broken, problem: `a quote opened in this row (line ${this.line}) never closes: the row ends at that line, and the ${lines.length} line${lines.length === 1 ? '' : 's'} after it were read again as rows` });
    this.line++;
    for (const text of lines) {
      this.onRow({ rowNumber: this.rowNumber++, cells: lineCells(text, this.delimiter) });
      this.line++;
    }
  }

  /** After a row that ran over line ends: was that a quote never closed rather than a long note? */
  private spanLooksBroken(): boolean {
    if (!this.repair || this.width < 2) return false;
    const lines = this.tailLines();
    if (lines.length > MAX_QUOTED_LINES) return true;
    if (lines.length < 3) return false;
    const rowLike = lines.filter((l) => fieldsOf(l, this.delimiter) === this.width).length;
    return rowLike >= lines.length / 2;
  }

  private endField(): void {
    if (!this.wasQuoted && this.field.length > MAX_FIELD) {
      throw new WorkbenchError('bad-input', `${this.where}: row ${this.rowNumber}: a cell runs on for more than a million characters; no cell of a table of records is that long.`);
    }
    this.cells.push(this.field === '' && !this.wasQuoted ? null : this.field);
    this.field = '';
    this.wasQuoted = false;
    if (this.cells.length > MAX_COLUMNS) {
      throw new WorkbenchError('bad-input', `${this.where}: row ${this.rowNumber} has more than ${MAX_COLUMNS.toLocaleString('en-GB')} columns; this is not a table of records.`);
    }
  }

  private endRow(s?: string, at?: number): void {
    if (this.span) {
      if (s !== undefined && at !== undefined) this.tail += s.slice(this.tailFrom, at);
      if (this.spanLooksBroken()) return this.recover();
      this.line += this.tail.split(/\r\n|\n|\r/).length - 1;
      this.span = null;
      this.tail = '';
    }
    this.endField();
    const cells = this.cells;
    this.cells = [];
    if (this.width === 0 && cells.length > 1) this.width = cells.length;
    this.onRow({ rowNumber: this.rowNumber++, cells });
    this.line++;
  }

  push(s: string): void {
    const n = s.length;
    const d = this.d;
    let i = 0;
    this.tailFrom = 0;
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
        this.watchSpan(s, i, q < 0 ? n : q);
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
        if (this.span) {
          this.tail += s.slice(this.tailFrom, i);
          this.tailFrom = i;
        }
        if (this.span && this.quoted && this.span.field.length <= MAX_FIELD && (this.field.length > MAX_FIELD || this.lineCount() > MAX_QUOTED_LINES)) {
          // Still inside the quote after too long: end it where it first ran over a line, and
          // read the line in progress again from its start.
          const rest = this.tail;
          const cut = rest.search(/[\r\n][^\r\n]*$/);
          this.tail = cut >= 0 ? rest.slice(0, cut) : rest;
          const partial = cut >= 0 ? rest.slice(cut).replace(/^(\r\n|\n|\r)/, '') : '';
          this.recover();
          this.push(partial + s.slice(i));
          return;
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
      else if (c === LF) this.endRow(s, j);
      else if (c === CR) {
        this.endRow(s, j);
        if (j + 1 >= n) this.pendingCR = true;
        else if (s.charCodeAt(j + 1) === LF) j++;
      } else if (this.field === '') {
        this.quoted = true;
        this.wasQuoted = true;
      } else this.field += '"';
      i = j + 1;
    }
    if (this.span) {
      this.tail += s.slice(this.tailFrom);
      this.tailFrom = n;
    }
    if (!this.quoted && !this.wasQuoted && this.field.length > MAX_FIELD) this.endField();
  }

  /** The lines of the kept raw text after the line end that started it. */
  private tailLines(): string[] {
    return this.tail.replace(/^(\r\n|\n|\r)/, '').split(/\r\n|\n|\r/);
  }

  /** Line ends in the raw text kept for the current row. */
  private lineCount(): number {
    let n = 0;
    for (let k = this.tail.indexOf('\n'); k >= 0; k = this.tail.indexOf('\n', k + 1)) n++;
    return n;
  }

  end(): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.quoted = false;
    }
    // The file ended inside a quote that had run over a line end: it never closed.
    if (this.quoted && this.span) return this.recover();
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
