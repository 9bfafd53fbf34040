// The demo borough's extracts laid out the way other partners' systems lay out the same rows:
// headings reworded, UPPER_SNAKE with a system prefix, abbreviated, columns reordered, no header
// row at all, the name in one column in different orders, and the name column headed with a word
// that says nothing. The rows (and their truth) are the demo's own; only the layout changes, so
// an importer can be measured on layouts it was never tuned to. The default demo is untouched.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { generateBorough } from './borough.js';
import { EXTRACT_IDS, EXTRACT_SPECS, generateExtract, type CellValue, type Extract, type SheetData } from './extracts.js';
import { Rng } from './prng.js';
import { writeExtractFile } from './write.js';

export const LAYOUTS = [
  'reworded',
  'upper-snake',
  'abbreviated',
  'reordered',
  'no-header',
  'full-name-first-last',
  'full-name-surname-comma',
  'full-name-upper-surname-first',
  'full-name-surname-first',
  'meaningless-name',
] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Headings other systems use for each field (none of the importer's word lists was consulted). */
const REWORDED: Partial<Record<ColumnRole, string>> = {
  surname: 'Family Name Of Person',
  forename: 'Person Given Name',
  middle_names: 'Other Given Names',
  full_name: 'Individual',
  dob: 'Birth Date (dd/mm/yyyy)',
  sex: 'Recorded Sex',
  address: 'Residence',
  address_line: 'Residence Line',
  town: 'Post Town',
  postcode: 'Postal Area Code',
  upn: 'Pupil Identifier',
  nhs_number: 'NHS Identifier',
  nino: 'NI Ref',
  agency_ref: 'System Key',
  person_ref: 'System Key',
  event_date: 'Recorded On',
};

const ABBREVIATED: Partial<Record<ColumnRole, string>> = {
  surname: 'SNm',
  forename: 'FNm',
  middle_names: 'MNm',
  full_name: 'Nm',
  dob: 'Bdt',
  sex: 'Sx',
  address: 'Adr',
  address_line: 'AdrLn',
  town: 'Twn',
  postcode: 'Pcd',
  upn: 'PupNo',
  nhs_number: 'NHSNo',
  nino: 'NINo',
  agency_ref: 'Ref',
  person_ref: 'Ref',
  event_date: 'EvDt',
  title: 'Ttl',
  uprn: 'PropNo',
};

const PREFIX: Record<string, string> = { school: 'PUP', police: 'NOM', 'youth-justice': 'YP', benefits: 'CLMT', housing: 'TNT', health: 'PAT' };
const MEANINGLESS = ['Subject', 'Perpetrator', 'Entity', 'Party', 'Details', 'Who'];

const snake = (header: string): string =>
  header
    .replace(/[()£]/g, ' ')
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();

/** Every column's role as the demo itself writes it. */
function rolesOf(extract: Extract, sheet: SheetData): ColumnRole[] {
  const spec = EXTRACT_SPECS[extract.id].sheets.find((s) => s.name === sheet.name);
  return sheet.header.map((h) => spec?.columns.find(([header]) => header === h)?.[1] ?? 'ignore');
}

type NameOrder = 'first-last' | 'surname-comma' | 'upper-surname-first' | 'surname-first';

function fullName(forename: CellValue, surname: CellValue, order: NameOrder): CellValue {
  const f = typeof forename === 'string' ? forename.trim() : '';
  const s = typeof surname === 'string' ? surname.trim() : '';
  if (!f && !s) return null;
  if (!f || !s) return f || s;
  if (order === 'surname-comma') return `${s.toUpperCase()}, ${f}`;
  if (order === 'upper-surname-first') return `${s.toUpperCase()} ${f}`;
  // Title case both ways round: only the column as a whole says which word is the surname.
  if (order === 'surname-first') return `${s} ${f}`;
  return `${f} ${s}`;
}

/** Forename and surname into one column, where the surname stood. */
function mergeNames(sheet: SheetData, roles: ColumnRole[], order: NameOrder, heading: string): { sheet: SheetData; roles: ColumnRole[] } {
  const f = roles.indexOf('forename');
  const s = roles.indexOf('surname');
  if (f < 0 || s < 0) {
    // Already one name column: only its heading changes.
    const full = roles.indexOf('full_name');
    return { sheet: { ...sheet, header: sheet.header.map((h, i) => (i === full ? heading : h)) }, roles };
  }
  const keep = (i: number): boolean => i !== f;
  return {
    sheet: {
      ...sheet,
      header: sheet.header.flatMap((h, i) => (i === s ? [heading] : keep(i) ? [h] : [])),
      rows: sheet.rows.map((row) => row.flatMap((c, i) => (i === s ? [fullName(row[f] ?? null, row[s] ?? null, order)] : keep(i) ? [c] : []))),
    },
    roles: roles.flatMap((r, i) => (i === s ? ['full_name' as ColumnRole] : keep(i) ? [r] : [])),
  };
}

function permute<T>(items: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => items[i] as T);
}

/** One extract in another layout. The rows and truth stay parallel; only headings, columns and structure change. */
export function layoutExtract(extract: Extract, layout: Layout, seed: number | string = 1): Extract {
  const rng = new Rng(seed, `layout:${layout}:${extract.id}`);
  const sheets = extract.sheets.map((original) => {
    let sheet: SheetData = { ...original, header: original.header.slice(), rows: original.rows };
    let roles = rolesOf(extract, original);
    const rename = (names: Partial<Record<ColumnRole, string>>): void => {
      const used = new Map<string, number>();
      sheet.header = sheet.header.map((h, i) => {
        const named = names[roles[i] ?? 'ignore'];
        if (!named) return h;
        const n = (used.get(named) ?? 0) + 1;
        used.set(named, n);
        return n > 1 ? `${named} ${n}` : named;
      });
    };
    switch (layout) {
      case 'reworded':
        rename(REWORDED);
        break;
      case 'upper-snake':
        sheet.header = sheet.header.map((h) => `${PREFIX[extract.id] ?? 'REC'}_${snake(h)}`);
        break;
      case 'abbreviated':
        rename(ABBREVIATED);
        break;
      case 'reordered': {
        const order = sheet.header.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = rng.nextU32() % (i + 1);
          [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
        }
        sheet = { ...sheet, header: permute(sheet.header, order), rows: sheet.rows.map((r) => permute(r, order)), widths: sheet.widths ? permute(sheet.widths, order) : undefined };
        roles = permute(roles, order);
        break;
      }
      case 'no-header':
        sheet = { ...sheet, preamble: [], header: [], footer: [] };
        break;
      case 'full-name-first-last':
        ({ sheet, roles } = mergeNames(sheet, roles, 'first-last', 'Name'));
        break;
      case 'full-name-surname-comma':
        ({ sheet, roles } = mergeNames(sheet, roles, 'surname-comma', 'Person'));
        break;
      case 'full-name-upper-surname-first':
        ({ sheet, roles } = mergeNames(sheet, roles, 'upper-surname-first', 'Client'));
        break;
      case 'full-name-surname-first':
        ({ sheet, roles } = mergeNames(sheet, roles, 'surname-first', 'Service User'));
        break;
      case 'meaningless-name':
        ({ sheet, roles } = mergeNames(sheet, roles, 'first-last', MEANINGLESS[rng.nextU32() % MEANINGLESS.length] ?? 'Subject'));
        break;
    }
    if (sheet.widths && sheet.widths.length !== sheet.header.length) sheet = { ...sheet, widths: undefined };
    return sheet;
  }).filter((sheet) => sheet.header.length > 0 || sheet.rows.length > 0); // a headerless sheet of no rows is nothing at all
  const base = extract.fileName.replace(/\.(csv|xlsx)$/, '');
  return { ...extract, fileName: `${base}-${layout}.${extract.format}`, sheets };
}

export interface LayoutFile {
  path: string;
  layout: Layout;
  extract: string;
  format: 'csv' | 'xlsx';
  /** Data rows naming a person (each should become a record). */
  personRows: number;
}

/**
 * Writes every extract of a borough in `layouts`, each as CSV (one file per sheet) and as xlsx.
 * Deterministic for the same households, seed and layouts.
 */
export function writeLayoutCorpus(options: { households: number; seed?: number | string; outDir: string; layouts?: readonly Layout[] }): LayoutFile[] {
  const outDir = path.resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const seed = options.seed ?? 1;
  const borough = generateBorough({ households: options.households, seed });
  const files: LayoutFile[] = [];
  for (const id of EXTRACT_IDS) {
    const extract = generateExtract(borough, id);
    for (const layout of options.layouts ?? LAYOUTS) {
      const laid = layoutExtract(extract, layout, seed);
      if (laid.sheets.every((sheet) => sheet.rows.length === 0)) continue; // nobody in it: no file to read
      const base = laid.fileName.replace(/\.(csv|xlsx)$/, '');
      const asXlsx: Extract = { ...laid, format: 'xlsx', fileName: `${base}.xlsx` };
      const xlsxPath = path.join(outDir, asXlsx.fileName);
      writeExtractFile(asXlsx, xlsxPath);
      files.push({ path: xlsxPath, layout, extract: id, format: 'xlsx', personRows: laid.sheets.reduce((n, s) => n + s.rows.length, 0) });
      laid.sheets.forEach((sheet, i) => {
        if (sheet.rows.length === 0) return;
        const name = laid.sheets.length > 1 ? `${base}-${i + 1}.csv` : `${base}.csv`;
        const csvPath = path.join(outDir, name);
        // A CSV cannot hold Excel date cells or a preamble the way a workbook does: plain text.
        const plain: SheetData = { ...sheet, preamble: [], footer: sheet.footer.filter((r) => r.some((c) => c !== null && c !== '')), rows: sheet.rows.map((r) => r.map(textCell)) };
        writeExtractFile({ ...laid, format: 'csv', fileName: name, sheets: [{ ...plain, footer: [] }], notes: null }, csvPath);
        files.push({ path: csvPath, layout, extract: id, format: 'csv', personRows: sheet.rows.length });
      });
    }
  }
  return files;
}

/** An Excel date cell as the dd/mm/yyyy text a CSV export writes. */
function textCell(value: CellValue): CellValue {
  if (value === null || typeof value !== 'object') return value;
  const ms = Date.UTC(1899, 11, 30) + value.excelDate * 86_400_000;
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
