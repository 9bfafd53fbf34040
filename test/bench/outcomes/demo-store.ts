// Builds (or reuses) a demo store for the outcomes benchmark: the synthetic borough imported and
// linked as `demo` does, its invented postcodes placed on Rotherham's LSOA 2021 codes by the
// demo's own lookup, and 25 areas (ward-sized groups of LSOAs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDemo } from '../../../electron/engine/demo-job.js';
import { generateBorough, postcodeLookup } from '../../../electron/engine/demo/index.js';
import { createArea } from '../../../electron/engine/geo/areas.js';
import { importLookupFile } from '../../../electron/engine/geo/lookup-import.js';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { Store } from '../../../electron/engine/store/store.js';

export const PASS = 'outcomes bench passphrase';
const CROSSWALK = new URL('../../../../shared/data/lookups/rotherham_E08000018_lsoa_crosswalk_2001_2011_2021_wards.csv', import.meta.url);

/** Rotherham's LSOA 2021 codes with their 2024 ward, from the reference crosswalk. */
export function rotherhamLsoas(): Array<{ lsoa: string; ward: string }> {
  const lines = readFileSync(CROSSWALK, 'utf8').trim().split(/\r?\n/).slice(1);
  const seen = new Map<string, string>();
  for (const line of lines) {
    const cells = line.split(',');
    if (cells[5] && !seen.has(cells[5])) seen.set(cells[5], cells[12] ?? cells[11] ?? 'ward');
  }
  return [...seen].map(([lsoa, ward]) => ({ lsoa, ward }));
}

export async function demoStore(dir: string, households: number, areas = 25): Promise<string> {
  const path = join(dir, `outcomes-demo-${households}.db`);
  if (existsSync(path)) return path;
  const store = Store.create(path, PASS, 'analyst');
  try {
    await runDemo(store, { households, seed: 7, outDir: join(dir, `outcomes-demo-${households}-files`), user: 'analyst' }, silentJob());
    const lsoas = rotherhamLsoas();
    const lookup = join(dir, `outcomes-demo-${households}-lookup.csv`);
    const rows = postcodeLookup(generateBorough({ households, seed: 7 }), lsoas.map((l) => l.lsoa));
    writeFileSync(lookup, `pcds,lsoa21cd\n${rows.map((r) => `${r.postcode},${r.lsoa}`).join('\n')}\n`);
    await importLookupFile(store, lookup, { user: 'analyst' }, silentJob());
    const byWard = new Map<string, string[]>();
    for (const l of lsoas) byWard.set(l.ward, [...(byWard.get(l.ward) ?? []), l.lsoa]);
    [...byWard].slice(0, areas).forEach(([ward, codes], i) => createArea(store.writer, { name: ward || `Area ${i + 1}`, kind: i < 11 ? 'target' : 'ward', vintage: 2021, lsoas: codes, user: 'analyst' }));
  } finally {
    store.close();
  }
  return path;
}
