// One import measurement in its own process, so peak memory is this run's alone.
// Usage: tsx test/bench/import.bench.ts --rows N --format csv|xlsx  → prints one JSON line.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const rows = Number(arg('rows', '10000'));
const format = arg('format', 'csv');

const FORENAMES = ['Ann', 'Bob', 'Chloe', 'David', 'Emma', 'Faisal', 'Grace', 'Harry', 'Imran', 'Jade'];
const SURNAMES = ['Smith', 'Jones', 'Khan', 'Taylor', 'Brown', 'Wilson', 'Hussain', 'Walker', 'Wright', 'Green'];
const HEADER = ['Ref', 'Forename', 'Surname', 'Date of Birth', 'Gender', 'Address Line 1', 'Address Line 2', 'Town', 'Post Code', 'NHS No', 'NI Number', 'Event Date', 'Event Type'];

function row(i: number): string[] {
  const d = 1 + (i % 28);
  const m = 1 + (i % 12);
  return [
    `R${i}`,
    FORENAMES[i % 10]!,
    SURNAMES[(i * 7) % 10]!,
    `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${1950 + (i % 70)}`,
    i % 2 ? 'M' : 'F',
    `${1 + (i % 200)} High Street`,
    i % 3 ? '' : 'Flat 2',
    'Rotherham',
    `S6${i % 6} ${1 + (i % 9)}AB`,
    '',
    '',
    `2024-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    'ASB',
  ];
}

const dir = mkdtempSync(join(tmpdir(), 'bw-bench-'));
try {
  const file = join(dir, `bench.${format}`);
  if (format === 'csv') {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < rows; i++) lines.push(row(i).join(','));
    writeFileSync(file, `${lines.join('\n')}\n`);
  } else {
    const aoa: string[][] = [HEADER];
    for (let i = 0; i < rows; i++) aoa.push(row(i));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Data');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  }
  const store = Store.openWithKey(join(dir, 'bench.db'), randomBytes(32), true);
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const summary = await importFile(store, file, { user: 'bench' }, silentJob());
  const seconds = (performance.now() - start) / 1000;
  store.close();
  const records = summary.sheets.reduce((n, s) => n + s.records, 0);
  if (records !== rows) throw new Error(`expected ${rows} records, got ${records}`);
  process.stdout.write(
    `${JSON.stringify({ format, rows, seconds, rowsPerSecond: rows / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 1048576 })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
