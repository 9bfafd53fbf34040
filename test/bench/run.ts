// Runs the benchmarks. `--smoke` runs tiny sizes only to prove they still work (CI) and writes
// nothing; a full run appends dated figures to RESULTS.md with ratios against the previous run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const smoke = process.argv.includes('--smoke');
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const RESULTS = here('./RESULTS.md');

function run(script: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', here(script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

const sizes = smoke ? [2_000] : [50_000, 300_000];
const lines: Array<[string, string]> = [];
for (const format of ['csv', 'xlsx']) {
  for (const rows of sizes) {
    const r = run('./import.bench.ts', ['--rows', String(rows), '--format', format]);
    const key = `import ${format} ${rows.toLocaleString('en-GB')} rows`;
    lines.push([key, `${Math.round(Number(r.rowsPerSecond)).toLocaleString('en-GB')} rows/s, ${Number(r.seconds).toFixed(2)} s, peak RSS ${Math.round(Number(r.peakRssMb))} MB`]);
    process.stderr.write(`${key}: ${lines.at(-1)?.[1]}\n`);
  }
}
for (const rows of sizes) {
  const r = run('./import.bench.ts', ['--rows', String(rows), '--format', 'csv', '--remap']);
  const key = `re-map a csv source of ${rows.toLocaleString('en-GB')} rows from its stored rows`;
  lines.push([key, `${Math.round(Number(r.rowsPerSecond)).toLocaleString('en-GB')} rows/s, ${Number(r.seconds).toFixed(2)} s, peak RSS ${Math.round(Number(r.peakRssMb))} MB`]);
  process.stderr.write(`${key}: ${lines.at(-1)?.[1]}\n`);
}
const s = run('./store.bench.ts', ['--repeats', smoke ? '2' : '10']);
lines.push(['store unlock with passphrase (scrypt key slot)', `${Number(s.unlockMs).toFixed(1)} ms`]);
lines.push(['store open with raw data key', `${Number(s.rawOpenMs).toFixed(2)} ms`]);
process.stderr.write(`store: unlock ${Number(s.unlockMs).toFixed(1)} ms, raw open ${Number(s.rawOpenMs).toFixed(2)} ms\n`);

// Linkage and households write their own dated sections (test/bench/link, test/bench/households);
// the smoke run proves they still run end to end on small data.
if (smoke) {
  const link = run('./link/link.bench.ts', ['--smoke']);
  if (link.ok !== true) throw new Error('link bench smoke failed');
  process.stderr.write('link: smoke ran (FEBRL1 and a small demo borough)\n');
  const baseline = run('./baseline/baseline.bench.ts', ['--smoke']);
  if (baseline.ok !== true) throw new Error('baseline bench smoke failed');
  process.stderr.write('baseline: smoke ran (3,000 people: index, search, grid, person page)\n');
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
