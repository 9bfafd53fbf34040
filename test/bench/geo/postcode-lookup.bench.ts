// Benchmark: import an ONSPD-shaped postcode → LSOA file of N rows (default 500,000; the national
// ONSPD is ~2.6M) and report rows/s and peak RSS. Run: npx tsx test/bench/geo/postcode-lookup.bench.ts [N]
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLookupFile } from '../../../electron/engine/geo/lookup-import.js';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { Store } from '../../../electron/engine/store/store.js';

const n = Number(process.argv[2] ?? 500_000);
const dir = mkdtempSync(join(tmpdir(), 'bw-geo-bench-'));
const file = join(dir, 'onspd.csv');
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

async function writeFile(): Promise<void> {
  const out = createWriteStream(file);
  out.write('pcd,pcd2,pcds,dointr,doterm,oslaua,usertype,oseast1m,osnrth1m,osgrdind,lsoa11,msoa11,lat,long,lsoa21,msoa21\n');
  for (let i = 0; i < n; i++) {
    const district = `S${(i % 99) + 1}`;
    const sector = Math.floor(i / 99) % 10;
    const unit = Math.floor(i / 990);
    const inward = `${sector}${LETTERS[unit % 20]}${LETTERS[Math.floor(unit / 20) % 20]}`;
    const lsoa = `E01${String(7600 + (i % 3000)).padStart(6, '0')}`;
    const line = `${district.padEnd(4)}${inward},${district} ${inward},${district} ${inward},198001,${i % 17 === 0 ? '200012' : ''},E08000018,0,442900,392600,1,${lsoa},E02001532,53.43,-1.35,${lsoa},E02001532\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

await writeFile();
const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
const t0 = performance.now();
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const summary = await importLookupFile(store, file, { user: 'bench' }, silentJob());
clearInterval(timer);
const seconds = (performance.now() - t0) / 1000;
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'geo postcode lookup import', rows: summary.rows, postcodes: summary.postcodes?.imported, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(summary.rows / seconds), peakRssMB: Math.round(peak / 2 ** 20) }));
