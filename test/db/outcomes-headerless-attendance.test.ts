// Persistent absence from a school extract with no header row: its terms' sessions are read from
// the cells (import/event-cells.ts) and name no term, so outcomes date each term back from the
// extract's own date, as the cohort facts do. The indicator's figures must be those of the same
// extract with its headings.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBorough, postcodeLookup } from '../../electron/engine/demo/index.js';
import { generateExtract } from '../../electron/engine/demo/extracts.js';
import { layoutExtract } from '../../electron/engine/demo/layouts.js';
import { writeExtractFile } from '../../electron/engine/demo/write.js';
import { createArea } from '../../electron/engine/geo/areas.js';
import { importLookupFile } from '../../electron/engine/geo/lookup-import.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { areaIndicatorSeries } from '../../electron/engine/outcomes/series.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const LSOAS = ['E01000001', 'E01000002', 'E01000003'];

async function absence(headerless: boolean) {
  const borough = generateBorough({ households: 300, seed: 3 });
  const school = generateExtract(borough, 'school');
  const attendance = { ...school, sheets: school.sheets.filter((s) => s.name === 'Attendance') };
  const laid = headerless ? layoutExtract(attendance, 'no-header', 5) : attendance;
  const dir = tempDir();
  const file = join(dir, laid.fileName);
  writeExtractFile(laid, file);
  const lookup = join(dir, 'lookup.csv');
  writeFileSync(lookup, `pcds,lsoa21cd\n${postcodeLookup(borough, LSOAS).map((r) => `${r.postcode},${r.lsoa}`).join('\n')}\n`);
  const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
  try {
    await importFile(store, file, { user: 't', today: '2025-03-31', asOf: '2025-03-31' }, silentJob());
    await runLink(store, { user: 't' }, silentJob());
    await importLookupFile(store, lookup, { user: 't' }, silentJob());
    LSOAS.forEach((lsoa, i) => createArea(store.writer, { name: `Area ${i + 1}`, kind: 'target', vintage: 2021, lsoas: [lsoa], user: 't' }));
    const [result] = areaIndicatorSeries(store.reader, { indicator: 'persistent-absence', period: 'term', disclosure: 'exact' });
    if (!result) throw new Error('no result');
    return {
      periods: result.periods.map((p) => [p.key, p.status]),
      sources: result.sources.length,
      areas: result.areas.map((a) => [a.name, a.series.map((s) => [s.period, s.count, s.denominator, s.rate, s.boroughRate])]),
      warnings: result.warnings.filter((w) => !/households have no postcode/.test(w)),
    };
  } finally {
    store.close();
  }
}

describe('persistent absence from a school extract with no header row', () => {
  it('gives the figures the same extract gives with its headings', async () => {
    const [headed, headerless] = await Promise.all([absence(false), absence(true)]);
    // The headed extract's three terms each end in a period that has figures.
    expect(headed.periods.filter(([, status]) => status !== 'missing').length).toBeGreaterThanOrEqual(3);
    expect(headed.areas.flatMap(([, s]) => (s as Array<[string, number | null]>).map((p) => p[1] ?? 0)).reduce((n, c) => n + c, 0)).toBeGreaterThan(0);
    expect(headerless).toEqual(headed);
  }, 120_000);
});
