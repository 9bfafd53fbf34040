// Pure parts of the geo engine: numbers as published, the chunked CSV reader, header plans.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLookup } from '../../electron/engine/geo/lookup-layouts.js';
import { parseNumber, parseWhole } from '../../electron/engine/geo/numbers.js';
import { recogniseIod } from '../../electron/engine/geo/iod-recognise.js';
import { decileFromRank, parseRelease } from '../../electron/engine/geo/releases.js';
import { openTable } from '../../electron/engine/geo/table-in-worker.js';
import { useTempDirs } from '../helpers/temp.js';

describe('numbers as the IoD files write them', () => {
  it('strips thousands separators and whole-number decimals', () => {
    expect(parseWhole('29,199')).toBe(29199);
    expect(parseWhole('29199.00')).toBe(29199);
    expect(parseWhole('1,234,567')).toBe(1234567);
    expect(parseWhole('')).toBeNull();
    expect(parseWhole('12.5')).toBeNaN();
    expect(parseNumber('-0.139')).toBe(-0.139);
    expect(parseNumber('2,9199')).toBeNaN();
  });
  it('derives deciles from national ranks as published', () => {
    expect(decileFromRank(3375, 33755)).toBe(1);
    expect(decileFromRank(3376, 33755)).toBe(2);
    expect(decileFromRank(33755, 33755)).toBe(10);
    expect(parseRelease('IMD2019')?.id).toBe('IoD2019');
  });
});

const tempDir = useTempDirs();

describe('a reference CSV is read in a worker thread by the importer\'s parser, streamed', () => {
  it('keeps quoted commas, doubled quotes and quoted newlines, counts blank lines and takes the header row', async () => {
    const path = join(tempDir(), 'lookup.csv');
    // More than one read chunk, so rows straddle chunk boundaries.
    const filler = Array.from({ length: 40_000 }, (_, i) => `E0${String(i).padStart(7, '0')},"Area, ${i}"`).join('\r\n');
    writeFileSync(path, `LSOA,Name\r\n"Kingston upon Hull, City of","say ""hi""\nthere"\n\nx,"29,199"\n${filler}\n`);
    const table = await openTable(path, 'lookup');
    expect(table.header).toEqual(['LSOA', 'Name']);
    const rows = [];
    for await (const batch of table.batches()) rows.push(...batch);
    expect(rows.slice(0, 2)).toEqual([
      { row: 2, cells: ['Kingston upon Hull, City of', 'say "hi"\nthere'] },
      { row: 4, cells: ['x', '29,199'] },
    ]);
    expect(rows).toHaveLength(40_002);
    expect(rows.at(-1)).toEqual({ row: 40_004, cells: ['E00039999', 'Area, 39999'] });
  });

  it('names the file and row of a quote that never closes', async () => {
    const path = join(tempDir(), 'broken.csv');
    writeFileSync(path, `LSOA,Name\nE01000001,"Barnsley\n${'E01000002,Leeds\n'.repeat(300)}`);
    const readAll = async (): Promise<void> => {
      const table = await openTable(path, 'lookup');
      for await (const batch of table.batches()) void batch;
    };
    await expect(readAll()).rejects.toThrow(/broken\.csv: row 2: a quote opened in this row/);
  });
});

describe('recognition', () => {
  it('matches the truncated IoD2025 sub-domain decile header by prefix', () => {
    const r = recogniseIod(['LSOA code (2021)', 'Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSO'], 'f.csv');
    expect(r.release?.id).toBe('IoD2025');
    expect(r.columns.get('cyp_decile')?.index).toBe(1);
  });
  it('does not read File 9 transformed scores as domain scores', () => {
    expect(() => recogniseIod(['LSOA code (2011)', 'Local Authority District code (2019)', 'Income Score - exponentially transformed'], 'File_9.csv')).toThrow(/not a recognised/);
  });
  it('plans the Rotherham crosswalk as two LSOA steps with change codes and three ward years', () => {
    const plan = planLookup(
      ['LSOA01CD', 'CHGIND_01_11', 'LSOA11CD', 'LSOA11NM', 'CHGIND_11_21', 'LSOA21CD', 'LSOA21NM', 'WD16CD', 'WD16NM', 'WD19CD', 'WD19NM', 'WD24CD_of_LSOA21', 'WD24NM_of_LSOA21'],
      'x.csv',
    );
    expect(plan.changes.map((c) => [c.from, c.to, c.fit, c.changeColumn])).toEqual([
      [2001, 2011, 'exact', 1],
      [2011, 2021, 'exact', 4],
    ]);
    expect(plan.wards.map((w) => [w.year, w.vintage])).toEqual([
      [2016, 2011],
      [2019, 2011],
      [2024, 2021],
    ]);
  });
});
