// Which programme facts each partner layout loses at import: the demo borough's extracts in the
// default layout and in each other layout (every extract as xlsx, as layouts.bench.ts writes
// them), imported with automatic mapping and no linkage, then the facts cohort evaluation reads
// (loadFacts: fact, dates, value, sessions possible, outcome date) compared row by row with the
// default layout's. The rows stay parallel across layouts, so a row whose facts differ is a fact
// lost or misread at import. Prints, per layout and sheet, the rows that differ, what they
// became, and the roles chosen for the sheet's columns.
//   tsx test/bench/cohort/layout-events.bench.ts [--households 400] [--seed 3] [--layouts no-header,abbreviated] [--dump default.json]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTS } from '../../../shared/ipc/channels/cohort.js';
import { isoOf, loadFacts, NO_DAY } from '../../../electron/engine/cohort/facts.js';
import { generateBorough } from '../../../electron/engine/demo/borough.js';
import { EXTRACT_IDS, generateExtract, type Extract } from '../../../electron/engine/demo/extracts.js';
import { LAYOUTS, type Layout } from '../../../electron/engine/demo/layouts.js';
import { importFile } from '../../../electron/engine/import/import-file.js';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { Store } from '../../../electron/engine/store/store.js';
import { writeLaidExtract } from './laid-file.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const households = Number(arg('households') ?? '400');
const seed = Number(arg('seed') ?? '3');
const layouts = (arg('layouts')?.split(',') ?? [...LAYOUTS]) as Layout[];
const day = (d: number): string => (d === NO_DAY ? '-' : isoOf(d));
const num = (v: number): string => (Number.isNaN(v) ? '-' : String(v));

interface Imported {
  /** extract|sheet|data row index → the row's facts, one string each, sorted */
  facts: Map<string, string>;
  roles: string[];
}

async function importLayout(extracts: Extract[], layout: Layout | 'original'): Promise<Imported> {
  const dir = mkdtempSync(join(tmpdir(), `bw-layout-events-${layout}-`));
  try {
    const fileExtract = new Map<string, { id: string; first: Map<string, number> }>();
    const files: string[] = [];
    for (const extract of extracts) {
      const written = writeLaidExtract(extract, layout, seed, dir);
      if (!written) continue;
      const { laid, fileName, file } = written;
      files.push(file);
      const first = new Map(laid.sheets.map((s) => [s.name || 'Sheet1', s.preamble.length + (s.header.length > 0 ? 1 : 0) + 1]));
      fileExtract.set(fileName, { id: extract.id, first });
    }
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    try {
      for (const f of files) await importFile(store, f, { user: 'bench' }, silentJob());
      const roles = (store.reader.prepare('SELECT s.file_name AS f, sh.sheet AS sheet, sh.headers_json AS h, sh.roles_json AS r FROM source_sheet sh JOIN source s ON s.id = sh.source_id ORDER BY s.id, sh.ordinal').all() as Array<{ f: string; sheet: string; h: string; r: string }>).map((x) => {
        const h = JSON.parse(x.h) as string[];
        const r = JSON.parse(x.r) as string[];
        return `${x.f} [${x.sheet}]: ${h.map((name, i) => `${name}=${r[i]}`).join(', ')}`;
      });
      const facts = loadFacts(store.reader);
      const out = new Map<string, string>();
      for (let p = 0; p < facts.personIds.length; p++) {
        const record = facts.recordList[facts.recordStart[p]!]!;
        const ref = facts.rowOf.get(record);
        if (!ref) continue;
        const where = fileExtract.get(ref.file);
        const first = where?.first.get(ref.sheet) ?? 0;
        const list: string[] = [];
        for (let e = facts.eventStart[p]!; e < facts.eventStart[p + 1]!; e++) {
          list.push(`${FACTS[facts.evFact[e]!]} ${day(facts.evStart[e]!)}..${day(facts.evEnd[e]!)} v=${num(facts.evValue[e]!)} of=${num(facts.evPossible[e]!)} out=${day(facts.evOutcome[e]!)}`);
        }
        out.set(`${where?.id ?? ref.file}|${ref.sheet}|${ref.row - first}`, list.sort().join('; '));
      }
      return { facts: out, roles };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const borough = generateBorough({ households, seed });
const extracts = EXTRACT_IDS.map((id) => generateExtract(borough, id));
const base = await importLayout(extracts, 'original');
// --dump FILE: the default layout's facts and roles, to compare the default import before and after a change.
const dump = arg('dump');
if (dump) {
  writeFileSync(dump, `${JSON.stringify({ roles: base.roles, facts: [...base.facts] }, null, 1)}\n`);
  process.exit(0);
}
for (const layout of layouts) {
  const got = await importLayout(extracts, layout);
  const bySheet = new Map<string, { rows: number; differ: number; examples: string[] }>();
  for (const [key, want] of base.facts) {
    const sheet = key.split('|').slice(0, 2).join('|');
    const s = bySheet.get(sheet) ?? { rows: 0, differ: 0, examples: [] };
    bySheet.set(sheet, s);
    s.rows++;
    const have = got.facts.get(key);
    if (have === want) continue;
    s.differ++;
    if (s.examples.length < 3) s.examples.push(`    row ${key.split('|')[2]}: want [${want}]\n           got  [${have ?? 'no record'}]`);
  }
  const lost = [...bySheet.values()].reduce((n, s) => n + s.differ, 0);
  process.stdout.write(`\n== ${layout}: ${lost} of ${base.facts.size} rows with other facts than the default layout\n`);
  for (const [sheet, s] of bySheet) {
    if (s.differ === 0) continue;
    process.stdout.write(`  ${sheet}: ${s.differ} of ${s.rows}\n${s.examples.join('\n')}\n`);
  }
  if (lost > 0) for (const r of got.roles) process.stdout.write(`  roles ${r}\n`);
}
