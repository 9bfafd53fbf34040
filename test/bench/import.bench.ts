// One import measurement in its own process, so peak memory is this run's alone. The test file
// is written by a separate child process first, so the writer's memory (SheetJS builds the
// whole workbook) never counts against the import.
//
// Usage: tsx test/bench/import.bench.ts --rows N --format csv|xlsx [--sst] [--read-only streaming|sheetjs] [--remap]
//   → prints one JSON line. --read-only measures the reader alone (no store): the streaming
//   reader the importer uses, or SheetJS's whole-workbook read, side by side. --remap imports first
//   (not timed), then times reading the source's stored rows again with its own roles (`source remap`).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { importFile } from '../../electron/engine/import/import-file.js';
import { remapSource, sourceMapping } from '../../electron/engine/import/remap-source.js';
import { readWorkbookStream } from '../../electron/engine/import/read-file.js';
import { createJobContext } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const rows = Number(arg('rows', '10000'));
const format = arg('format', 'csv');
const sst = process.argv.includes('--sst');
const remap = process.argv.includes('--remap');

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

const esc = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (c: number): string => String.fromCharCode(65 + c);

/**
 * Past 300k rows SheetJS cannot build the workbook in memory (its sheet XML outgrows V8's
 * longest string), so larger files are streamed out: the same XML shape SheetJS writes
 * (t="str" cells), through fflate's streaming zip.
 */
function generateXlsxStreaming(file: string): void {
  const fd = openSync(file, 'w');
  const zip = new Zip((err, data) => {
    if (err) throw err;
    writeSync(fd, data);
  });
  const add = (name: string, text: string): void => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  add('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>');
  add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  add('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  const rowXml = (r: number, cells: string[]): string =>
    `<row r="${r}">${cells.map((v, c) => `<c r="${colName(c)}${r}" t="str"><v>${esc(v)}</v></c>`).join('')}</row>`;
  let parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', rowXml(1, HEADER)];
  for (let i = 0; i < rows; i++) {
    parts.push(rowXml(i + 2, row(i)));
    if (parts.length >= 5000) {
      sheet.push(strToU8(parts.join('')));
      parts = [];
    }
  }
  parts.push('</sheetData></worksheet>');
  sheet.push(strToU8(parts.join('')), true);
  zip.end();
  closeSync(fd);
}

function generate(file: string): void {
  if (format === 'xlsx' && rows > 300_000) {
    generateXlsxStreaming(file);
    return;
  }
  if (format === 'csv') {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < rows; i++) lines.push(row(i).join(','));
    writeFileSync(file, `${lines.join('\n')}\n`);
  } else {
    const aoa: string[][] = [HEADER];
    for (let i = 0; i < rows; i++) aoa.push(row(i));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Data');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: sst }) as Buffer);
  }
}

const generateTo = arg('generate', '');
if (generateTo) {
  generate(generateTo);
  process.exit(0);
}

/** CPU seconds of this process's main thread so far (Linux only: its line in /proc), else null. */
function engineThreadCpu(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const self = fileURLToPath(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'bw-bench-'));
try {
  const file = join(dir, `bench.${format}`);
  execFileSync(process.execPath, ['--import', 'tsx', self, '--generate', file, '--rows', String(rows), '--format', format, ...(sst ? ['--sst'] : [])], { stdio: 'inherit' });
  const bytes = statSync(file).size;
  const readOnly = arg('read-only', '');
  const remapStore = remap ? Store.openWithKey(join(dir, 'bench.db'), randomBytes(32), true) : null;
  if (remapStore) await importFile(remapStore, file, { user: 'bench' }, createJobContext(new AbortController().signal, () => {}));
  const rssBefore = process.memoryUsage().rss;
  const engineBefore = engineThreadCpu();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  let phases = 0;
  let importSeconds: number | null = null;
  if (readOnly === 'sheetjs') {
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellFormula: true });
    for (const name of wb.SheetNames) {
      const data = (wb.Sheets[name] as { '!data'?: unknown[] } | undefined)?.['!data'] ?? [];
      for (const r of data) if (r) count++;
    }
    count--; // header
  } else if (readOnly === 'streaming') {
    readWorkbookStream(file, { startSheet() {}, row() { count++; }, endSheet() {} });
    count--;
  } else if (remapStore) {
    const job = createJobContext(new AbortController().signal, () => {
      phases++;
    });
    // The roles it has (as a user confirming the mapping unchanged): every stored row is read and rewritten.
    const mapping = Object.fromEntries(sourceMapping(remapStore.reader, 1, null).sheets.map((s) => [s.sheet, s.columns.map((c) => c.role)]));
    await remapSource(remapStore, 1, { mapping, user: 'bench' }, job);
    count = (remapStore.reader.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
    remapStore.close();
  } else {
    const store = Store.openWithKey(join(dir, 'bench.db'), randomBytes(32), true);
    const job = createJobContext(new AbortController().signal, () => {
      phases++;
    });
    const summary = await importFile(store, file, { user: 'bench' }, job);
    // The user has the import's summary here, at the COMMIT; closing then waits for the
    // background checkpoint that folds the log into the store file (both are reported).
    importSeconds = (performance.now() - start) / 1000;
    store.close();
    count = summary.sheets.reduce((n, s) => n + s.records, 0);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU seconds over all threads: steadier than wall time when other work shares the cores.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // The engine's own thread (it stores the rows); the rest is the parse worker and V8's helpers.
  const engineAfter = engineThreadCpu();
  const engineCpuSeconds = engineBefore === null || engineAfter === null ? null : engineAfter - engineBefore;
  if (count !== rows) throw new Error(`expected ${rows} records, got ${count}`);
  process.stdout.write(
    `${JSON.stringify({ format, rows, sst, readOnly: readOnly || null, remap, bytes, seconds, cpuSeconds, engineCpuSeconds, rowsPerSecond: rows / seconds, importSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 1048576, progressEvents: phases })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
