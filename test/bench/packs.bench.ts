// Board pack bench: builds a demo borough of N households (imported, linked, with IoD 2015/2019/
// 2025, LSOA 2021 boundaries, the crosswalk, a postcode lookup and eleven target areas), then
// times `pack build` through the engine's channel as the CLI runs it (the default template, both
// files written). The store is kept under --dir, so a second run with --reuse times the build alone.
// Prints one JSON line: { households, setupSeconds, buildSeconds, cpuSeconds, loadAverage, pdfBytes, xlsxBytes }.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { main } from '../../electron/cli/main.js';
import { buildPackFixture, lsoasByDeprivation } from '../helpers/pack-fixture.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const households = Number(arg('households', '300'));
const dir = arg('dir', join(tmpdir(), `bw-pack-bench-${households}`));
const reuse = process.argv.includes('--reuse');
const PASS = 'pack bench passphrase';

const t0 = performance.now();
if (!(reuse && existsSync(join(dir, 'pack.db')))) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const codes = lsoasByDeprivation();
  // Eleven target neighbourhoods of three LSOAs each, most deprived first (as the programme's were).
  const areas = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`Neighbourhood ${String.fromCharCode(65 + i)}`, codes.slice(i * 3, i * 3 + 3)]));
  const fixture = await buildPackFixture(dir, { households, passphrase: PASS, areas });
  fixture.store.close();
}
const setupSeconds = (performance.now() - t0) / 1000;

process.env.BASELINE_PASSPHRASE = PASS;
const out = join(dir, 'out');
const write = process.stdout.write.bind(process.stdout);
const captured: string[] = [];
process.stdout.write = ((chunk: string | Uint8Array) => (captured.push(String(chunk)), true)) as typeof process.stdout.write;
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const code = await main(['pack', 'build', '--db', join(dir, 'pack.db'), '--out', out, '--json']);
const buildSeconds = (performance.now() - t1) / 1000;
// CPU time as well as wall time: on a shared machine the wall time mostly measures the queue.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const load = loadavg()[0] ?? 0;
process.stdout.write = write;
if (code !== 0) throw new Error(`pack build exited ${code}: ${captured.join('')}`);
const paths = JSON.parse(captured.join('').trim().split('\n').at(-1) ?? '{}') as { pdf: string; xlsx: string };
process.stdout.write(
  `${JSON.stringify({ households, setupSeconds: Math.round(setupSeconds * 10) / 10, buildSeconds: Math.round(buildSeconds * 100) / 100, cpuSeconds: Math.round(cpuSeconds * 100) / 100, loadAverage: Math.round(load * 10) / 10, pdfBytes: statSync(paths.pdf).size, xlsxBytes: statSync(paths.xlsx).size, ok: true })}\n`,
);
