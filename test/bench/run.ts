// Runs the benchmarks. `--smoke` runs tiny sizes only to prove they still work (CI) and writes
// nothing; a full run appends dated figures to RESULTS.md with ratios against the previous run.
// Each bench is its own process. A full run runs them one after another, so no figure shares the
// machine with another bench; the smoke run, which only proves each one still runs, keeps one
// going per core.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const smoke = process.argv.includes('--smoke');
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const RESULTS = here('./RESULTS.md');

function run(script: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', here(script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }, (err, out, errText) => {
      process.stderr.write(errText);
      if (err) reject(err);
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
    });
  });
}

/** Runs the benches: in order for a full run; for a smoke run, as many at a time as there are cores. */
async function runAll(benches: Array<() => Promise<void>>): Promise<void> {
  if (!smoke) {
    for (const bench of benches) await bench();
    return;
  }
  const queue = [...benches];
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, lane));
}

// Smoke sizes only prove the path runs end to end (a few hundred rows cross every batch size).
const sizes = smoke ? [500] : [50_000, 300_000];
const lines: Array<[string, string]> = [];
const benches: Array<() => Promise<void>> = [];
for (const format of ['csv', 'xlsx']) {
  for (const rows of sizes) {
    benches.push(async () => {
      const r = await run('./import.bench.ts', ['--rows', String(rows), '--format', format]);
      const key = `import ${format} ${rows.toLocaleString('en-GB')} rows`;
      lines.push([key, `${Math.round(Number(r.rowsPerSecond)).toLocaleString('en-GB')} rows/s, ${Number(r.seconds).toFixed(2)} s, peak RSS ${Math.round(Number(r.peakRssMb))} MB`]);
      process.stderr.write(`${key}: ${lines.at(-1)?.[1]}\n`);
    });
  }
}
for (const rows of sizes) {
  benches.push(async () => {
    const r = await run('./import.bench.ts', ['--rows', String(rows), '--format', 'csv', '--remap']);
    const key = `re-map a csv source of ${rows.toLocaleString('en-GB')} rows from its stored rows`;
    lines.push([key, `${Math.round(Number(r.rowsPerSecond)).toLocaleString('en-GB')} rows/s, ${Number(r.seconds).toFixed(2)} s, peak RSS ${Math.round(Number(r.peakRssMb))} MB`]);
    process.stderr.write(`${key}: ${lines.at(-1)?.[1]}\n`);
  });
}
benches.push(async () => {
  const s = await run('./store.bench.ts', ['--repeats', smoke ? '2' : '10']);
  lines.push(['store unlock with passphrase (scrypt key slot)', `${Number(s.unlockMs).toFixed(1)} ms`]);
  lines.push(['store open with raw data key', `${Number(s.rawOpenMs).toFixed(2)} ms`]);
  process.stderr.write(`store: unlock ${Number(s.unlockMs).toFixed(1)} ms, raw open ${Number(s.rawOpenMs).toFixed(2)} ms\n`);
});

// Linkage, households and cohorts write their own dated sections (test/bench/link,
// test/bench/households, test/bench/cohort: `tsx test/bench/cohort/cohort.bench.ts`);
// Neighbourhood outcomes: every indicator for 25 areas on the demo borough, cold and warm.
benches.push(async () => {
  const smokeDir = join(tmpdir(), `bw-outcomes-smoke-${process.pid}`);
  const o = await run('./outcomes/outcomes.bench.ts', smoke ? ['--households', '300', '--dir', smokeDir] : ['--households', '110000']);
  if (smoke) rmSync(smokeDir, { recursive: true, force: true });
  if (o.ok !== true) throw new Error('outcomes bench failed');
  const part = (k: string): { seconds: number; cpuSeconds: number; periods: number } => o[k] as { seconds: number; cpuSeconds: number; periods: number };
  const key = `outcomes: 5 indicators × 25 areas, ${Number(o.households).toLocaleString('en-GB')}-household demo`;
  lines.push([`${key}, first question after opening (quarters)`, `${part('cold').seconds.toFixed(2)} s (CPU ${part('cold').cpuSeconds.toFixed(2)} s)`]);
  const split = o.firstCallSplit as { read: { cpuSeconds: number }; counted: { cpuSeconds: number } };
  lines.push([`${key}, first question: reading the baseline / counting (CPU)`, `${split.read.cpuSeconds.toFixed(2)} s / ${split.counted.cpuSeconds.toFixed(2)} s`]);
  lines.push([`${key}, next question (${part('warmMonth').periods} months)`, `${part('warmMonth').seconds.toFixed(2)} s (CPU ${part('warmMonth').cpuSeconds.toFixed(2)} s)`]);
  process.stderr.write(`outcomes: cold ${part('cold').seconds.toFixed(2)} s, warm by month ${part('warmMonth').seconds.toFixed(2)} s\n`);
});

// Linkage and households write their own dated sections (test/bench/link, test/bench/households);
// the smoke run proves they still run end to end on small data.
// Board pack: `pack build` on a demo borough (110,000 households in the full run; budget 10 s).
benches.push(async () => {
  const pack = await run('./packs.bench.ts', ['--households', smoke ? '150' : '110000']);
  if (pack.ok !== true) throw new Error('pack bench failed');
  lines.push([`pack build, demo borough of ${Number(pack.households).toLocaleString('en-GB')} households`, `${Number(pack.buildSeconds).toFixed(2)} s wall, ${Number(pack.cpuSeconds).toFixed(2)} s CPU at load ${String(pack.loadAverage)} (PDF ${Math.round(Number(pack.pdfBytes) / 1024)} KB, workbook ${Math.round(Number(pack.xlsxBytes) / 1024)} KB)`]);
  process.stderr.write(`pack: ${lines.at(-1)?.[1]}\n`);
  // Co-ordinators' figures: a full preparation of the aggregates store, on the pack bench's store.
  const aggregates = await run('./aggregates.bench.ts', ['--households', String(pack.households), '--dir', join(tmpdir(), `bw-pack-bench-${String(pack.households)}`), '--reuse']);
  if (aggregates.ok !== true) throw new Error('aggregates bench failed');
  lines.push([`prepare co-ordinators' figures (aggregates refresh --force), demo borough of ${Number(aggregates.households).toLocaleString('en-GB')} households`, `${Number(aggregates.refreshSeconds).toFixed(2)} s wall, ${Number(aggregates.cpuSeconds).toFixed(2)} s CPU at load ${String(aggregates.loadAverage)} (${String(aggregates.answers)} answers, ${String(aggregates.packs)} packs)`]);
  process.stderr.write(`aggregates: ${lines.at(-1)?.[1]}\n`);
});

// Smoke only: these write their own dated sections in a full run. They go first, being the
// longest, so the two lanes finish together.
const smokeOnly: Array<() => Promise<void>> = [];
if (smoke) {
  smokeOnly.push(async () => {
    const link = await run('./link/link.bench.ts', ['--smoke']);
    if (link.ok !== true) throw new Error('link bench smoke failed');
    process.stderr.write('link: smoke ran (FEBRL1 and a small demo borough)\n');
  });
  smokeOnly.push(async () => {
    const cohort = await run('./cohort/cohort.bench.ts', ['--smoke']);
    if (cohort.ok !== true) throw new Error('cohort bench smoke failed');
    process.stderr.write('cohort: smoke ran (a small demo borough, qualifying-family F1 and what-if)\n');
  });
  smokeOnly.push(async () => {
    const baseline = await run('./baseline/baseline.bench.ts', ['--smoke']);
    if (baseline.ok !== true) throw new Error('baseline bench smoke failed');
    process.stderr.write('baseline: smoke ran (3,000 people: index, search, grid, person page)\n');
  });
}
await runAll([...smokeOnly, ...benches]);

if (smoke) {
  process.stdout.write('bench smoke: all benchmarks ran\n');
} else {
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const leading = (text: string): number => Number((/^([\d,.]+)/.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
  const lastValue = (key: string): number | null => {
    const rows = previous.split('\n').filter((l) => l.startsWith(`| ${key} |`));
    const cell = rows.at(-1)?.split('|')[2]?.trim();
    return cell ? leading(cell) : null;
  };
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = lines
    .map(([k, v]) => {
      const before = lastValue(k);
      const ratio = before && Number.isFinite(before) ? ` | ${(leading(v) / before).toFixed(2)}×` : ' | first run';
      return `| ${k} | ${v}${ratio} |`;
    })
    .join('\n');
  const section = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine}\n\n| measure | result | vs previous run |\n|---|---|---|\n${table}\n`;
  writeFileSync(RESULTS, previous.trimEnd() + '\n' + section);
  process.stdout.write(section);
}
