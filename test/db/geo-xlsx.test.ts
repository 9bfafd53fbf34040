// IoD files are published as xlsx: a notes sheet first, then the data sheet with numbers as
// numbers. The workbooks here are built in the test from the shared CSVs in that layout (not
// committed), and must import exactly as the CSV does.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../electron/engine/import/csv.js';
import { importIodFile } from '../../electron/engine/geo/iod-import.js';
import { boroughLsoas } from '../../electron/engine/geo/profile.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const data = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));

/** The CSV's rows, with whole numbers turned back into numbers as Excel holds them. */
function csvRows(path: string): Array<Array<string | number>> {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows = parseCsv(text, ',').map((r) => r.cells.map((c) => c ?? ''));
  return rows.map((cells, i) => (i === 0 ? cells : cells.map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c))));
}

/** A workbook in the published shape: "Notes" sheet, then the data sheet. */
function writeWorkbook(path: string, sheetName: string, rows: Array<Array<string | number>>): void {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([['English Indices of Deprivation'], ['Notes'], ['Source: Ministry of Housing, Communities and Local Government'], [], ['Ranks: 1 is the most deprived.']]),
    'Notes',
  );
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), sheetName);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

const openStore = (): Store => Store.openWithKey(join(tempDir(), 'x.db'), randomBytes(32), true);

describe('IoD workbooks (xlsx) in the published layout', () => {
  it('reads IoD2019 File 2 as a workbook: the data sheet after the notes, every LSOA, Rotherham 36 in decile 1', async () => {
    const rows = csvRows(data('iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv'));
    const path = join(tempDir(), 'File_2_-_IoD2019_Domains_of_Deprivation.xlsx');
    writeWorkbook(path, 'IoD2019 Domains', rows);
    const store = openStore();
    try {
      // The workbook is parsed in a worker thread: the engine's thread keeps answering (read on
      // this thread, the parse alone blocked it for about 5 s on the test machine).
      let last = Date.now();
      let longestGap = 0;
      const ticker = setInterval(() => {
        longestGap = Math.max(longestGap, Date.now() - last);
        last = Date.now();
      }, 10);
      const summary = await importIodFile(store, path, { user: 't' }, silentJob()).finally(() => clearInterval(ticker));
      expect(longestGap).toBeLessThan(2500);
      expect(summary).toMatchObject({ status: 'imported', releases: ['IoD2019'], vintage: 2011, lsoas: 32844, coverage: 'national', problemCount: 0 });
      expect(summary.layout).toBe('IoD2019 File 2 (Domains of Deprivation)');
      const rotherham = boroughLsoas(store.reader, 'E08000018', 2011);
      expect(rotherham).toHaveLength(167);
      const decile1 = store.reader.prepare("SELECT count(*) AS n FROM iod_lsoa WHERE release = 'IoD2019' AND imd_decile = 1 AND lsoa IN (SELECT value FROM json_each(?))").get(JSON.stringify(rotherham)) as { n: number };
      expect(decile1.n).toBe(36);
      // Same values as the CSV row for Ferham (E01007715): IMD rank 682 (DOMAIN §6.2).
      expect(store.reader.prepare("SELECT imd_rank, imd_decile, income_rank FROM iod_lsoa WHERE release = 'IoD2019' AND lsoa = 'E01007715'").get()).toMatchObject({ imd_rank: 682, imd_decile: 1 });
    } finally {
      store.close();
    }
  }, 120_000);

  it('reads the IoD2025 File 7 columns (with the cut-off header) from a workbook', async () => {
    const rows = csvRows(data('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv'));
    const path = join(tempDir(), 'File_7_IoD2025.xlsx');
    writeWorkbook(path, 'IoD2025 File 7', rows);
    const store = openStore();
    try {
      const summary = await importIodFile(store, path, { user: 't' }, silentJob());
      expect(summary).toMatchObject({ status: 'imported', releases: ['IoD2025'], vintage: 2021, lsoas: 170, coverage: 'extract' });
      expect(summary.layout).toBe('IoD2025 File 7 (All Ranks, Scores, Deciles and Population Denominators)');
      const ferham = store.reader.prepare("SELECT imd_rank, imd_decile, outdoors_decile, pop_total FROM iod_lsoa WHERE release = 'IoD2025' AND lsoa = 'E01007715'").get() as Record<string, number>;
      expect(ferham).toMatchObject({ imd_rank: 15, imd_decile: 1 });
      expect(ferham.outdoors_decile).toBeGreaterThanOrEqual(1);
      expect(ferham.pop_total).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 60_000);
});
