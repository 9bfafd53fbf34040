// Qualifying-family F1 per partner layout: the demo borough's extracts rewritten in each layout of
// the demo's layout corpus (reworded headings, UPPER_SNAKE, abbreviations, reordered columns, no
// header row, one name column in several orders, a meaningless name heading), every extract as
// xlsx, then the real importer with automatic mapping, the engine's own linkage (defaults, no
// review) and `cohort export` of Troubled Families phase 1, scored as score.ts scores the default
// demo. The layout keeps the rows and their truth parallel, so truth.csv is written for the files
// as laid out. Prints one line per layout; nothing is appended to RESULTS.md by the script.
//   tsx test/bench/cohort/layouts.bench.ts [--households 3000] [--seed 3] [--layouts reworded,no-header]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCohort } from '../../../electron/engine/cohort/cohort.js';
import { PRESETS } from '../../../electron/engine/cohort/presets.js';
import { generateBorough } from '../../../electron/engine/demo/borough.js';
import { cohortTruth, truthCohortCsv } from '../../../electron/engine/demo/cohort-truth.js';
import { EXTRACT_IDS, generateExtract, type Extract } from '../../../electron/engine/demo/extracts.js';
import { LAYOUTS, type Layout } from '../../../electron/engine/demo/layouts.js';
import { importFile } from '../../../electron/engine/import/import-file.js';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { runLink } from '../../../electron/engine/link/run-link.js';
import { Store } from '../../../electron/engine/store/store.js';
import { writeLaidExtract } from './laid-file.js';
import { scoreCohort } from './score.js';

const AS_OF = '2025-03-31';
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const households = Number(arg('households') ?? '3000');
const seed = Number(arg('seed') ?? '3');
// 'original': the demo's own layout through the same path (every extract as xlsx), for comparison.
const layouts = (arg('layouts')?.split(',') ?? ['original', ...LAYOUTS]) as Array<Layout | 'original'>;

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function runLayout(layout: Layout | 'original'): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), `bw-cohort-layout-${layout}-`));
  try {
    const borough = generateBorough({ households, seed });
    const extracts: Extract[] = EXTRACT_IDS.map((id) => generateExtract(borough, id));
    const truth = ['file,sheet,row_number,person_id,household_id'];
    const files: string[] = [];
    for (const extract of extracts) {
      const written = writeLaidExtract(extract, layout, seed, dir);
      if (!written) continue;
      const { laid, fileName, file } = written;
      files.push(file);
      for (const sheet of laid.sheets) {
        // A workbook's data rows start after its preamble and its header row (none in the no-header layout).
        const first = sheet.preamble.length + (sheet.header.length > 0 ? 1 : 0) + 1;
        sheet.truth.forEach((t, i) => truth.push(`${csvField(fileName)},${csvField(sheet.name)},${first + i},${t.personId},${t.householdId}`));
      }
    }
    writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
    writeFileSync(join(dir, 'truth-cohort.csv'), truthCohortCsv(cohortTruth(borough, extracts)));
    const store = Store.openWithKey(join(dir, 'bench.db'), randomBytes(32), true);
    try {
      for (const f of files) await importFile(store, f, { user: 'bench' }, silentJob());
      const events = (store.reader.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n;
      const records = (store.reader.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n;
      await runLink(store, { user: 'bench' }, silentJob());
      const out = join(dir, 'cohort.csv');
      exportCohort(store.reader, { definition: PRESETS.get('troubled-families-phase-1')!, asOf: AS_OF, out });
      const score = scoreCohort(out, join(dir, 'truth-cohort.csv'), join(dir, 'truth.csv'));
      return { layout, households, seed, files: files.length, truthRows: truth.length - 1, records, events, ...score };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const layout of layouts) {
  const r = await runLayout(layout);
  process.stdout.write(`${JSON.stringify({ ...r, loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10 })}\n`);
}
