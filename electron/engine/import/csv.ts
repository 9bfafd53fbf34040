import type { SheetRow } from './sheet.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Picks the delimiter that splits the first lines (outside quotes) most consistently. */
export function sniffDelimiter(text: string): string {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 10; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (current.trim()) lines.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() && lines.length < 10) lines.push(current);
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

/**
 * RFC 4180 parser over decoded text. Every record is kept as text (no type guessing: '0812'
 * stays '0812', '=1+1' stays text). Row numbers are record ordinals with the first line = 1, as
 * a spreadsheet program shows them: blank lines count, a quoted newline does not start a row.
 */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: Array<string | null> = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let rowNumber = 1;
  const endField = (): void => {
    cells.push(field === '' && !wasQuoted ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRow = (): void => {
    endField();
    rows.push({ rowNumber, cells });
    cells = [];
    rowNumber++;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || wasQuoted || cells.length > 0) endRow();
  return rows;
}
