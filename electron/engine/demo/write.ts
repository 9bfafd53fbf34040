// Writes the synthetic borough's extracts and ground truth to a folder. Output is byte-identical
// for the same (households, seed): CSV is built here (RFC 4180, UTF-8 without BOM, CRLF), and
// xlsx goes through SheetJS with fixed workbook properties (SheetJS stamps no clock time in the
// zip entries, and the created date is set explicitly).

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { type Borough, generateBorough } from './borough.js';
import { fmtIso } from './dates.js';
import {
  type CellValue,
  ERROR_KINDS,
  EXTRACT_IDS,
  type ErrorKind,
  type Extract,
  generateExtract,
  rowNumberOf,
} from './extracts.js';
import { cohortTruth, DEMO_ATTACHED_ON, outcomeTruth, TRUTH_COHORT_FILE, TRUTH_OUTCOMES_FILE, truthCohortCsv, truthOutcomesCsv } from './cohort-truth.js';
import { postcodeLookup } from './lookup.js';
import { COUNCIL_NAME } from './names.js';
import { csvField } from '../export/csv-writer.js';

export const DEFAULT_DEMO_HOUSEHOLDS = 1000;
export const DEFAULT_DEMO_SEED = 1;
export const TRUTH_FILE = 'truth.csv';
export const TRUTH_HOUSEHOLDS_FILE = 'truth-households.csv';
export const TRUTH_ADDRESSES_FILE = 'truth-household-addresses.csv';
/** Written only when LSOA codes are supplied; columns in the published lookup shape. */
export const LOOKUP_FILE = 'demo-postcode-lsoa-lookup.csv';
/** The header of truth.csv — the `export clusters` format (DESIGN §4). */
export const TRUTH_HEADER = ['file', 'sheet', 'row_number', 'person_id', 'household_id'] as const;

/** Fixed workbook created/modified stamp: the as-of date, so files never carry the clock. */
const WORKBOOK_DATE = new Date(Date.UTC(2025, 2, 31, 12, 0, 0));

export interface WriteDemoOptions {
  households?: number;
  seed?: number | string;
  outDir: string;
  /**
   * Optional LSOA codes (most deprived first) for a postcode → LSOA lookup of the invented
   * postcodes (`pcds,lsoa21cd`). Without them no lookup is written.
   */
  lsoaCodes?: readonly string[];
}

export interface WriteDemoResult {
  /** absolute paths of the extracts, in the stable order school, police, youth justice, benefits, housing, health */
  files: string[];
  /** absolute path of truth.csv (file,sheet,row_number,person_id,household_id) */
  truthPath: string;
  /** absolute path of truth-households.csv (household_id,person_id,from,to) */
  truthHouseholdsPath: string;
  /** absolute path of truth-household-addresses.csv (household_id,uprn,address,town,postcode,from,to) */
  truthAddressesPath: string;
  /** absolute path of demo-postcode-lsoa-lookup.csv, or null when no LSOA codes were given */
  lookupPath: string | null;
  /** households that exist at some point in the year (requested + formed during the year) */
  households: number;
  persons: number;
  /** data rows written across all extracts (= lines of truth.csv after the header) */
  rows: number;
  /** how many rows carry each kind of error */
  errorCounts: Record<ErrorKind, number>;
}

// ---------------------------------------------------------------------------------------------
// CSV

// One CSV quoting rule for every file the workbench writes (export/csv-writer.ts).
function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return csvField(value);
  if (typeof value === 'number') return String(value);
  throw new Error('Excel date cells cannot be written to CSV');
}

/** Streams CRLF-terminated lines to a file in ~1 MB chunks. */
class LineWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }
  line(text: string): void {
    this.buffer.push(text, '\r\n');
    this.size += text.length + 2;
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''), null, 'utf8');
    this.buffer = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function writeCsv(extract: Extract, file: string): void {
  const sheet = extract.sheets[0];
  if (!sheet || extract.sheets.length !== 1) throw new Error(`${extract.fileName}: a CSV holds exactly one table`);
  const out = new LineWriter(file);
  try {
    if (sheet.header.length) out.line(sheet.header.map(csvField).join(','));
    for (const row of sheet.rows) out.line(row.map(csvCell).join(','));
  } finally {
    out.close();
  }
}

// ---------------------------------------------------------------------------------------------
// xlsx

function xlsxCell(value: CellValue): XLSX.CellObject | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string') return { t: 's', v: value };
  if (typeof value === 'number') return { t: 'n', v: value };
  return { t: 'n', v: value.excelDate, z: value.format };
}

function buildSheet(rows: CellValue[][], widths?: number[]): XLSX.WorkSheet {
  const data: (XLSX.CellObject | undefined)[][] = [];
  let maxCol = 0;
  for (const row of rows) {
    const out: (XLSX.CellObject | undefined)[] = new Array<XLSX.CellObject | undefined>(row.length);
    for (let c = 0; c < row.length; c++) out[c] = xlsxCell(row[c] ?? null);
    if (row.length > maxCol) maxCol = row.length;
    data.push(out);
  }
  const ws: XLSX.WorkSheet = {
    '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: Math.max(0, maxCol - 1) } }),
  };
  (ws as { '!data'?: unknown })['!data'] = data;
  if (widths) ws['!cols'] = widths.map((wch) => ({ wch }));
  return ws;
}

function writeXlsx(extract: Extract, file: string): void {
  const wb = XLSX.utils.book_new();
  wb.Props = {
    Title: `${extract.title}`,
    Subject: 'SYNTHETIC DEMO DATA — invented people and addresses, not real',
    Author: 'Baseline Workbench demo generator',
    Company: COUNCIL_NAME,
    Comments: 'Synthetic demonstration extract generated by Baseline Workbench. Contains no real personal data.',
    Keywords: 'synthetic; demo',
    CreatedDate: WORKBOOK_DATE,
    ModifiedDate: WORKBOOK_DATE,
  };
  for (const sheet of extract.sheets) {
    const rows: CellValue[][] = [...sheet.preamble, ...(sheet.header.length ? [sheet.header] : []), ...sheet.rows, ...sheet.footer];
    XLSX.utils.book_append_sheet(wb, buildSheet(rows, sheet.widths), sheet.name);
  }
  if (extract.notes) {
    XLSX.utils.book_append_sheet(
      wb,
      buildSheet(
        extract.notes.lines.map((l) => [l]),
        [110],
      ),
      extract.notes.name,
    );
  }
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  writeFileSync(file, bytes);
}

// ---------------------------------------------------------------------------------------------

function writeTruthHouseholds(b: Borough, file: string): void {
  const out = new LineWriter(file);
  try {
    out.line('household_id,person_id,from,to');
    for (const hh of b.households) {
      for (const m of hh.members) {
        const p = b.persons[m];
        if (!p) continue;
        for (const s of p.spells) {
          if (s.householdIndex !== hh.index) continue;
          out.line(`${hh.id},${p.id},${s.from === null ? '' : fmtIso(s.from)},${s.to === null ? '' : fmtIso(s.to)}`);
        }
      }
    }
  } finally {
    out.close();
  }
}

function writeTruthAddresses(b: Borough, file: string): void {
  const out = new LineWriter(file);
  try {
    out.line('household_id,uprn,address,town,postcode,from,to');
    for (const hh of b.households) {
      for (const s of hh.addresses) {
        const a = s.address;
        const line = a.flat ? `Flat ${a.flat}, ${a.number} ${a.street}` : `${a.number} ${a.street}`;
        out.line(
          [hh.id, a.uprn, csvField(line), a.town, a.postcode, s.from === null ? '' : fmtIso(s.from), s.to === null ? '' : fmtIso(s.to)].join(','),
        );
      }
    }
  } finally {
    out.close();
  }
}

/**
 * Generates the synthetic borough for (households, seed) and writes its extracts, truth.csv
 * (the `export clusters` format), truth-households.csv and truth-household-addresses.csv
 * into outDir (created if missing). Same inputs → byte-identical files.
 */
/** Writes one extract as its format says (the layout corpus writes the demo's rows in other layouts). */
export function writeExtractFile(extract: Extract, file: string): void {
  if (extract.format === 'csv') writeCsv(extract, file);
  else writeXlsx(extract, file);
}

export function writeDemoBorough(options: WriteDemoOptions): WriteDemoResult {
  const households = options.households ?? DEFAULT_DEMO_HOUSEHOLDS;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const outDir = path.resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const borough = generateBorough({ households, seed });

  const errorCounts = Object.fromEntries(ERROR_KINDS.map((k) => [k, 0])) as Record<ErrorKind, number>;
  const files: string[] = [];
  const truthPath = path.join(outDir, TRUTH_FILE);
  const truth = new LineWriter(truthPath);
  let rows = 0;
  const extracts: Extract[] = [];
  try {
    truth.line(TRUTH_HEADER.join(','));
    for (const id of EXTRACT_IDS) {
      const extract = generateExtract(borough, id);
      extracts.push(extract);
      const file = path.join(outDir, extract.fileName);
      if (extract.format === 'csv') writeCsv(extract, file);
      else writeXlsx(extract, file);
      files.push(file);
      const base = csvField(extract.fileName);
      for (const sheet of extract.sheets) {
        const sheetName = csvField(sheet.name);
        sheet.truth.forEach((t, i) => {
          truth.line(`${base},${sheetName},${rowNumberOf(extract, sheet, i)},${t.personId},${t.householdId}`);
          for (const e of t.errors) errorCounts[e]++;
          rows++;
        });
      }
    }
  } finally {
    truth.close();
  }
  writeFileSync(path.join(outDir, TRUTH_COHORT_FILE), truthCohortCsv(cohortTruth(borough, extracts)));
  writeFileSync(path.join(outDir, TRUTH_OUTCOMES_FILE), truthOutcomesCsv(outcomeTruth(borough, extracts, DEMO_ATTACHED_ON), DEMO_ATTACHED_ON));
  const truthHouseholdsPath = path.join(outDir, TRUTH_HOUSEHOLDS_FILE);
  writeTruthHouseholds(borough, truthHouseholdsPath);
  const truthAddressesPath = path.join(outDir, TRUTH_ADDRESSES_FILE);
  writeTruthAddresses(borough, truthAddressesPath);
  let lookupPath: string | null = null;
  if (options.lsoaCodes && options.lsoaCodes.length > 0) {
    lookupPath = path.join(outDir, LOOKUP_FILE);
    const out = new LineWriter(lookupPath);
    try {
      out.line('pcds,lsoa21cd');
      for (const { postcode, lsoa } of postcodeLookup(borough, options.lsoaCodes)) out.line(`${postcode},${csvField(lsoa)}`);
    } finally {
      out.close();
    }
  }
  return {
    files,
    truthPath,
    truthHouseholdsPath,
    truthAddressesPath,
    lookupPath,
    households: borough.households.length,
    persons: borough.persons.length,
    rows,
    errorCounts,
  };
}
