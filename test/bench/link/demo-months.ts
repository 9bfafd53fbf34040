// The demo borough imported over two months, cheaply: month 1's files are what each partner's
// system held a month before the as-of date (the rows of events up to then, an end date after
// then left blank), month 2's are the demo's own files. Truth for both months' rows is the
// demo's: each person's household at the as-of date. Cheaper than test/bench/unseen/next-month.ts
// and less faithful: a row never changes between the months except an end date (a benefits
// row's postcode is already the one after a move in the last month).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBorough } from '../../../electron/engine/demo/borough.js';
import { EXTRACT_IDS, EXTRACT_SPECS, generateExtract, rowNumberOf, type CellValue, type Extract } from '../../../electron/engine/demo/extracts.js';
import { writeExtractFile } from '../../../electron/engine/demo/write.js';

/** Month 1's extracts hold what happened up to this day (the as-of date is 2025-03-31). */
export const DEMO_MONTH1_END = '2025-02-28';

/** A date cell as ISO: an Excel day number, "dd/mm/yyyy[ hh:mm]" or "yyyy-mm-dd"; null otherwise. */
function isoOf(cell: CellValue): string | null {
  if (cell !== null && typeof cell === 'object') return new Date(Date.UTC(1899, 11, 30) + cell.excelDate * 86_400_000).toISOString().slice(0, 10);
  if (typeof cell !== 'string') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(cell);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(cell);
  return dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : null;
}

/** The extract as its partner's system held it on `end`. */
function asOn(extract: Extract, end: string): Extract {
  const spec = EXTRACT_SPECS[extract.id];
  const sheets = extract.sheets.map((sheet) => {
    const columns = spec.sheets.find((s) => s.name === sheet.name)?.columns ?? [];
    const at = (match: (header: string, role: string) => boolean): number[] =>
      sheet.header.flatMap((h, i) => {
        const c = columns.find(([header]) => header === h);
        return c && match(h, c[1]) ? [i] : [];
      });
    const started = at((_, role) => role === 'event_date');
    const ended = at((h, role) => role === 'event' && /\bend\b/i.test(h));
    const rows: CellValue[][] = [];
    const truth: typeof sheet.truth = [];
    sheet.rows.forEach((row, i) => {
      if (started.some((c) => (isoOf(row[c] ?? null) ?? '') > end)) return;
      rows.push(row.map((cell, c) => (ended.includes(c) && (isoOf(cell) ?? '') > end ? null : cell)));
      truth.push(sheet.truth[i] as (typeof sheet.truth)[number]);
    });
    return { ...sheet, rows, truth };
  });
  return { ...extract, fileName: extract.fileName.replace(/(\.[a-z]+)$/, `_${end.slice(0, 7)}$1`), sheets };
}

/** Writes month 1's and month 2's files (in that order) and truth.csv; returns the files. */
export function writeDemoTwoMonths(households: number, seed: number, dir: string): string[] {
  const borough = generateBorough({ households, seed });
  const truth = ['file,sheet,row_number,person_id,household_id'];
  const files: string[] = [];
  const write = (extract: Extract, sub: string): void => {
    mkdirSync(join(dir, sub), { recursive: true });
    const file = join(dir, sub, extract.fileName);
    writeExtractFile(extract, file);
    files.push(file);
    for (const sheet of extract.sheets) sheet.truth.forEach((t, i) => truth.push([extract.fileName, sheet.name, rowNumberOf(extract, sheet, i), t.personId, t.householdId].join(',')));
  };
  const extracts = EXTRACT_IDS.map((id) => generateExtract(borough, id));
  for (const e of extracts) write(asOn(e, DEMO_MONTH1_END), 'month-1');
  for (const e of extracts) write(e, 'month-2');
  writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
  return files;
}
