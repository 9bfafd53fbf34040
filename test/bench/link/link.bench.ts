// Linkage benchmark (issue 4): with default settings and no tuning per dataset, imports each data
// set through the real importer, runs `link` (runLink, as the CLI does), exports clusters, and
// scores them against the ground truth — pairwise precision / recall / F1, seconds, peak RSS.
//
//   tsx test/bench/link/link.bench.ts                 FEBRL1–4, demo 20k and 110k households, unseen-model 20k, 1M rows
//   tsx test/bench/link/link.bench.ts --smoke         FEBRL1, a 300-household demo and unseen-model borough (CI; writes nothing)
//   … --cases febrl3,febrl4,demo-20000,rows-1000000   pick cases; --no-results skips RESULTS.md
//   … --cache DIR                                     keep imported stores in DIR between runs
//
// Each case runs in two child processes — one imports, one links — so the peak RSS reported is
// the linkage's own. The last stdout line is a JSON summary.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoBorough } from '../../../electron/engine/demo/index.js';
import { generateBorough } from '../../../electron/engine/demo/borough.js';
import { EXTRACT_IDS, generateExtract, rowNumberOf } from '../../../electron/engine/demo/extracts.js';
import { layoutExtract, type Layout } from '../../../electron/engine/demo/layouts.js';
import { writeExtractFile } from '../../../electron/engine/demo/write.js';
import { exportClusters } from '../../../electron/engine/export/clusters.js';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { runLink } from '../../../electron/engine/link/run-link.js';
import { Store } from '../../../electron/engine/store/store.js';
import { pairwiseScore } from '../../helpers/pairwise-score.js';
import { writeUnseenBorough } from '../unseen/extracts.js';
import { makeMonths, writeMonths } from '../unseen/next-month.js';
import { writeDemoTwoMonths } from './demo-months.js';
import { VARIANTS, relayoutFor } from '../unseen/variants.js';
import { writeContactSet, writeHistoricalSet } from '../unseen/contact-set.js';
import { writeHeldoutBorough } from '../heldout/write.js';
import { writeMetroBorough } from '../metro/write.js';
import { FEBRL_DIR, febrlTruth, importAll, readCsv, rowKey } from './harness.js';

const self = fileURLToPath(import.meta.url);
const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

interface CaseSpec {
  name: string;
  label: string;
  /** writes the input files into dir; returns the files to import and the truth file or kind */
  make(dir: string): MadeCase | Promise<MadeCase>;
}
interface MadeCase {
  files: string[];
  truth: { kind: 'febrl'; files: string[] } | { kind: 'demo'; path: string };
  twoSource?: boolean;
}

const febrl = (n: string, files: string[], twoSource = false): CaseSpec => ({
  name: n,
  label: `${n.toUpperCase()}${twoSource ? ' (two-source link)' : ''}`,
  make: () => {
    const paths = files.map((f) => join(FEBRL_DIR, f));
    return { files: paths, truth: { kind: 'febrl', files: paths }, twoSource };
  },
});

const demo = (households: number, seed: number, label?: string, name?: string): CaseSpec => ({
  name: name ?? `demo-${households}`,
  label: label ?? `demo borough ${households.toLocaleString('en-GB')} households`,
  make: (dir) => {
    const { files } = writeDemoBorough({ households, seed, outDir: dir });
    return { files, truth: { kind: 'demo', path: join(dir, 'truth.csv') } };
  },
});

/**
 * The demo borough written in another partner layout (headings reworded, UPPER_SNAKE with a
 * system prefix): the same rows and truth, so the score says what the layout costs.
 */
const demoLayout = (households: number, seed: number, layout: Layout): CaseSpec => ({
  name: `demo-${households}-${layout}`,
  label: `demo borough ${households.toLocaleString('en-GB')} households, ${layout} layout`,
  make: (dir) => {
    mkdirSync(dir, { recursive: true });
    const borough = generateBorough({ households, seed });
    const files: string[] = [];
    const truth = ['file,sheet,row_number,person_id,household_id'];
    for (const id of EXTRACT_IDS) {
      const laid = layoutExtract(generateExtract(borough, id), layout, seed);
      const file = join(dir, laid.fileName);
      writeExtractFile(laid, file);
      files.push(file);
      for (const sheet of laid.sheets) sheet.truth.forEach((t, i) => truth.push([laid.fileName, sheet.name, rowNumberOf(laid, sheet, i), t.personId, t.householdId].join(',')));
    }
    writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
    return { files, truth: { kind: 'demo', path: join(dir, 'truth.csv') } };
  },
});

/** A borough from the second, independent model of partner data (test/bench/unseen). */
const unseen = (households: number, seed: number): CaseSpec => ({
  name: `unseen-${households}`,
  label: `unseen-model borough ${households.toLocaleString('en-GB')} households`,
  make: async (dir) => ({ files: await writeUnseenBorough(households, seed, dir), truth: { kind: 'demo', path: join(dir, 'truth.csv') } }),
});

/** A borough from the third, held-out model (test/bench/heldout): never tuned against. */
const heldout = (households: number, seed: number, another = false): CaseSpec => ({
  name: `heldout-${households}${another ? `-seed${seed}` : ''}`,
  label: `held-out-model borough ${households.toLocaleString('en-GB')} households${another ? `, seed ${seed}` : ''}`,
  make: async (dir) => ({ files: (await writeHeldoutBorough(households, seed, dir)).files, truth: { kind: 'demo', path: join(dir, 'truth.csv') } }),
});

/** A borough from the fourth model (test/bench/metro, inner London): never tuned against. */
const metro = (households: number, seed: number, another = false): CaseSpec => ({
  name: `metro-${households}${another ? `-seed${seed}` : ''}`,
  label: `metro-model borough ${households.toLocaleString('en-GB')} households${another ? `, seed ${seed}` : ''}`,
  make: async (dir) => ({ files: (await writeMetroBorough(households, seed, dir)).files, truth: { kind: 'demo', path: join(dir, 'truth.csv') } }),
});

/** The same borough in another layout of its six extracts (test/bench/unseen/variants.ts). */
const unseenVariant = (households: number, seed: number, variant: string): CaseSpec => ({
  name: `unseen-${households}-${variant}`,
  label: `unseen-model borough ${households.toLocaleString('en-GB')} households, layout ${variant}`,
  make: async (dir) => ({ files: await writeUnseenBorough(households, seed, dir, relayoutFor(variant, seed)), truth: { kind: 'demo', path: join(dir, 'truth.csv') } }),
});
/**
 * The same borough's extracts a month apart (test/bench/unseen/next-month.ts): month 1's files,
 * then the same partners' next month's, imported in that order and linked once; or, to compare,
 * next month's files alone. Truth: each row's household at the later date.
 */
const unseenMonths = (households: number, seed: number, months: number, all: boolean, variant?: string, newestFirst = false): CaseSpec => ({
  name: `unseen-${households}-${all ? `${months}months` : `month${months}`}${variant ? `-${variant}` : ''}${newestFirst ? '-newest-first' : ''}`,
  label:
    `unseen-model borough ${households.toLocaleString('en-GB')} households, ${all ? `${months} months imported` : `month ${months} only`}` +
    `${variant ? `, layout ${variant}` : ''}${newestFirst ? ', the latest month imported first' : ''}`,
  make: async (dir) => {
    const byMonth = await writeMonths(makeMonths(households, seed, months, variant ? relayoutFor(variant, seed, true) : undefined), dir, !all);
    // an analyst catching up imports this month's files, then finds last month's
    return { files: (newestFirst ? byMonth.reverse() : byMonth).flat(), truth: { kind: 'demo', path: join(dir, 'truth.csv') } };
  },
});

/** The demo borough over two months (demo-months.ts): compare with demo-N, its month 2 alone. */
const demoMonths = (households: number, seed: number): CaseSpec => ({
  name: `demo-${households}-2months`,
  label: `demo borough ${households.toLocaleString('en-GB')} households, two months imported`,
  make: (dir) => ({ files: writeDemoTwoMonths(households, seed, dir), truth: { kind: 'demo', path: join(dir, 'truth.csv') } }),
});

const UNSEEN_VARIANTS = Object.fromEntries(
  Object.keys(VARIANTS).flatMap((v) => [
    [`unseen-2000-2months-${v}`, unseenMonths(2_000, 7, 2, true, v)],
    [`unseen-2000-month2-${v}`, unseenMonths(2_000, 7, 2, false, v)],
    [`unseen-300-${v}`, unseenVariant(300, 3, v)],
    [`unseen-5000-${v}`, unseenVariant(5_000, 7, v)],
    [`unseen-20000-${v}`, unseenVariant(20_000, 7, v)],
  ]),
) as Record<string, CaseSpec>;

/** Only names, a date of birth, a city and an e-mail (the shape of Splink's fake_1000), truth in `cluster`. */
const contactSet = (people: number, seed: number): CaseSpec => ({
  name: `email-city-${people}`,
  label: `names, date of birth, city and e-mail only, ${people.toLocaleString('en-GB')} people`,
  make: (dir) => {
    const file = writeContactSet(people, seed, dir);
    return { files: [file], truth: { kind: 'febrl', files: [file] } };
  },
});

const CASES: Record<string, CaseSpec> = {
  ...UNSEEN_VARIANTS,
  'email-city-400': contactSet(400, 5),
  // a register's rows two centuries back: a third of the dates of birth missing, most before 1850
  'historical-3000': {
    name: 'historical-3000',
    label: 'historical register, 3,000 people (dates of birth a third missing, mostly before 1850)',
    make: (dir) => {
      const file = writeHistoricalSet(3_000, 9, dir);
      return { files: [file], truth: { kind: 'febrl', files: [file] } };
    },
  },
  'unseen-300': unseen(300, 3),
  'unseen-2000-2months': unseenMonths(2_000, 7, 2, true),
  'unseen-2000-month2': unseenMonths(2_000, 7, 2, false),
  'unseen-20000-2months': unseenMonths(20_000, 7, 2, true),
  'unseen-20000-month2': unseenMonths(20_000, 7, 2, false),
  'unseen-2000-2months-newest-first': unseenMonths(2_000, 7, 2, true, undefined, true),
  'unseen-20000-2months-newest-first': unseenMonths(20_000, 7, 2, true, undefined, true),
  // a partner's extract every month for six months: each row re-sent up to six times
  'unseen-2000-6months': unseenMonths(2_000, 7, 6, true),
  'unseen-2000-month6': unseenMonths(2_000, 7, 6, false),
  'unseen-2000-9months': unseenMonths(2_000, 7, 9, true),
  'unseen-2000-month9': unseenMonths(2_000, 7, 9, false),
  'unseen-5000': unseen(5_000, 7),
  'heldout-5000': heldout(5_000, 21),
  'heldout-20000': heldout(20_000, 21),
  // another borough of the same model: how far the figures move from one draw to the next
  'heldout-5000-seed22': heldout(5_000, 22, true),
  'metro-5000': metro(5_000, 31),
  'metro-5000-seed32': metro(5_000, 32, true),
  'unseen-20000': unseen(20_000, 7),
  'demo-20000-reworded': demoLayout(20_000, 11, 'reworded'),
  'demo-20000-upper-snake': demoLayout(20_000, 11, 'upper-snake'),
  // a moderate size for before-and-after runs of import changes on a busy machine
  'demo-5000-reworded': demoLayout(5_000, 11, 'reworded'),
  'demo-5000': demo(5_000, 11),
  febrl1: febrl('febrl1', ['febrl1.csv']),
  febrl2: febrl('febrl2', ['febrl2.csv']),
  febrl3: febrl('febrl3', ['febrl3.csv']),
  febrl4: febrl('febrl4', ['febrl4a.csv', 'febrl4b.csv'], true),
  'demo-300': demo(300, 5),
  'demo-2000': demo(2_000, 11),
  'demo-2000-2months': demoMonths(2_000, 11),
  'demo-20000-2months': demoMonths(20_000, 11),
  'demo-20000': demo(20_000, 11),
  'demo-110000': demo(110_000, 13),
  // four demo boroughs of 95k households (≈ 2.65 records each) side by side: ≈ 1,000,000 rows
  'rows-1000000': {
    name: 'rows-1000000',
    label: 'synthetic ≈1,000,000 rows (4 demo boroughs × 95k households)',
    make: (dir) => {
      const files: string[] = [];
      const truth = ['file,sheet,row_number,person_id,household_id'];
      for (let part = 0; part < 4; part++) {
        const partDir = join(dir, `part-${part}`);
        const made = writeDemoBorough({ households: 95_000, seed: 17 + part, outDir: partDir });
        const renamed = new Map<string, string>();
        for (const f of made.files) {
          const name = basename(f).replace(/(\.[a-z]+)$/, `-part${part}$1`);
          renameSync(f, join(dir, name));
          renamed.set(basename(f), name);
          files.push(join(dir, name));
        }
        for (const r of readCsv(join(partDir, 'truth.csv')).slice(1)) {
          if (r.length < 5) continue;
          truth.push([renamed.get(r[0] as string) ?? r[0], r[1], r[2], `${part}-${r[3]}`, `${part}-${r[4]}`].join(','));
        }
        rmSync(partDir, { recursive: true, force: true });
      }
      writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
      return { files, truth: { kind: 'demo', path: join(dir, 'truth.csv') } };
    },
  },
};

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function child(args: string[]): Record<string, unknown> {
  // the linking child runs with Node's default heap, as the CLI does
  const heap = args.includes('prepare') ? ['--max-old-space-size=6144'] : [];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...heap, self, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // the summary is the last JSON line (stray diagnostics from the code under test may precede it)
  return JSON.parse(out.trim().split('\n').filter((line) => line.startsWith('{')).at(-1) ?? '{}') as Record<string, unknown>;
}

/** Peak resident set size of this process so far, in MB. */
function peakResident(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Child 1: write the inputs and import them into a fresh store; remember the key and truth. */
async function prepareCase(name: string, dir: string): Promise<void> {
  const spec = CASES[name];
  if (!spec) throw new Error(`no case ${name}`);
  const key = randomBytes(32);
  const t0 = performance.now();
  mkdirSync(join(dir, 'input'), { recursive: true });
  const made = await spec.make(join(dir, 'input'));
  const store = Store.openWithKey(join(dir, 'bench.db'), key, true);
  const t1 = performance.now();
  try {
    await importAll(store, made.files);
  } finally {
    store.close();
  }
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ key: key.toString('hex'), ...made }));
  process.stdout.write(`${JSON.stringify({ generateSeconds: (t1 - t0) / 1000, importSeconds: (performance.now() - t1) / 1000 })}\n`);
}

/** Child 2: link, export clusters, score. */
async function linkCase(dir: string): Promise<void> {
  const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string; files: string[]; truth: { kind: 'febrl'; files: string[] } | { kind: 'demo'; path: string }; twoSource?: boolean };
  const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
  let summary;
  const out = join(dir, 'clusters.csv');
  let peakRssMb = 0;
  try {
    summary = await runLink(store, { user: 'bench' }, silentJob());
    // the linkage's own peak, before this script's scoring reads the export into memory
    peakRssMb = peakResident();
    exportClusters(store.reader, out);
  } finally {
    store.close();
  }
  const rows = readCsv(out).slice(1).filter((r) => r.length >= 5);
  const predicted: string[] = [];
  const truePersons: string[] = [];
  const predictedHouseholds: string[] = [];
  const trueHouseholds: string[] = [];
  const side: number[] = [];
  let person: Map<string, string>;
  let household: Map<string, string> | null = null;
  if (made.truth.kind === 'febrl') person = febrlTruth(made.truth.files);
  else {
    person = new Map();
    household = new Map();
    for (const r of readCsv(made.truth.path).slice(1)) {
      if (r.length < 5) continue;
      const k = rowKey(r[0] as string, r[1] as string, Number(r[2]));
      person.set(k, r[3] as string);
      household.set(k, r[4] as string);
    }
  }
  const fileNames = made.files.map((f) => basename(f));
  let unmatched = 0;
  for (const r of rows) {
    const k = rowKey(r[0] as string, r[1] as string, Number(r[2]));
    const t = person.get(k);
    if (t === undefined) {
      unmatched++;
      continue;
    }
    predicted.push(r[3] as string);
    truePersons.push(t);
    side.push(fileNames.indexOf(r[0] as string));
    if (household) {
      predictedHouseholds.push(r[4] as string);
      trueHouseholds.push(household.get(k) as string);
    }
  }
  const p = pairwiseScore(predicted, truePersons, made.twoSource ? side : undefined);
  const h = household ? pairwiseScore(predictedHouseholds, trueHouseholds) : null;
  // rows-1000000 puts four boroughs with one street and postcode universe side by side, so two
  // families at "the same address" in different boroughs look like one household: also score
  // households counting only pairs within one borough (truth IDs are prefixed "part-")
  const part = (id: string): string | null => /^(\d+)-/.exec(id)?.[1] ?? null;
  const withinBorough =
    household && trueHouseholds.length > 0 && trueHouseholds.every((id) => part(id) !== null)
      ? pairwiseScore(predictedHouseholds.map((id, i) => `${id}|${part(trueHouseholds[i] as string)}`), trueHouseholds)
      : null;
  process.stdout.write(
    `${JSON.stringify({
      records: summary.records,
      rowsScored: predicted.length,
      // import coverage: truth rows (person rows of the input) that became records
      truthRows: household ? person.size : null,
      unmatchedRows: unmatched,
      precision: p.precision,
      recall: p.recall,
      f1: p.f1,
      householdPrecision: h?.precision ?? null,
      householdRecall: h?.recall ?? null,
      householdF1: h?.f1 ?? null,
      householdF1WithinBorough: withinBorough?.f1 ?? null,
      seconds: summary.seconds,
      peakRssMb,
      units: summary.units,
      candidatePairs: summary.candidatePairs,
      capped: summary.blocking.capped,
      persons: summary.persons,
      timings: summary.timings,
      memory: summary.memory,
    })}\n`,
  );
}

async function main(): Promise<void> {
  const mode = arg('child');
  if (mode === 'prepare') return prepareCase(arg('case') as string, arg('dir') as string);
  if (mode === 'link') return linkCase(arg('dir') as string);

  const smoke = process.argv.includes('--smoke');
  const names = (arg('cases') ?? (smoke ? 'febrl1,demo-300,unseen-300' : 'febrl1,febrl2,febrl3,febrl4,demo-20000,unseen-20000,demo-110000,rows-1000000')).split(',');
  const cacheDir = arg('cache');
  const results: Array<{ name: string; label: string } & Record<string, unknown>> = [];
  for (const name of names) {
    const spec = CASES[name];
    if (!spec) throw new Error(`Unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
    const dir = cacheDir ? join(cacheDir, name) : mkdtempSync(join(tmpdir(), `bw-link-${name}-`));
    try {
      let prepared: Record<string, unknown> = {};
      if (!cacheDir || !existsSync(join(dir, 'case.json'))) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        prepared = child(['--child', 'prepare', '--case', name, '--dir', dir]);
      } else {
        // a cached store: drop earlier runs so this run starts from scratch
        const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string };
        const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
        store.writer.exec('DELETE FROM link_pair; DELETE FROM run_record_person; DELETE FROM run_person_household; DELETE FROM link_id_event; DELETE FROM person; DELETE FROM household; DELETE FROM link_run;');
        store.close();
      }
      const linked = child(['--child', 'link', '--dir', dir]);
      const r: { name: string; label: string } & Record<string, unknown> = { name, label: spec.label, ...prepared, ...linked };
      results.push(r);
      const f = (v: unknown): string => (typeof v === 'number' ? v.toFixed(4) : '–');
      process.stderr.write(
        `${spec.label}: ${r.records} records, P ${f(r.precision)} R ${f(r.recall)} F1 ${f(r.f1)}` +
          (r.householdF1 !== null && r.householdF1 !== undefined ? `, households F1 ${f(r.householdF1)}` : '') +
          (typeof r.householdF1WithinBorough === 'number' ? ` (within each borough ${f(r.householdF1WithinBorough)})` : '') +
          (typeof r.truthRows === 'number' ? `, import coverage ${((100 * Number(r.rowsScored)) / r.truthRows).toFixed(2)} % of ${r.truthRows} person rows` : '') +
          `, link ${r.seconds} s, peak RSS ${r.peakRssMb} MB\n`,
      );
    } finally {
      if (!cacheDir) rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!smoke && !process.argv.includes('--no-results')) appendResults(results);
  process.stdout.write(`${JSON.stringify({ ok: true, cases: results })}\n`);
}

function appendResults(results: Array<{ name: string; label: string } & Record<string, unknown>>): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const f = (v: unknown): string => (typeof v === 'number' ? v.toFixed(4) : '–');
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  // the same data set's row in the latest earlier linkage table: person F1 and link seconds
  const before = (label: string): { f1: number; seconds: number } | null => {
    const cells = previous.split('\n').filter((l) => l.startsWith(`| ${label} |`)).at(-1)?.split('|').map((c) => c.trim());
    return cells ? { f1: Number(cells[5]), seconds: Number(cells[7]) } : null;
  };
  const ratio = (now: unknown, then: number | undefined): string => (typeof now === 'number' && then && Number.isFinite(then) ? `${(now / then).toFixed(2)}×` : 'first run');
  const rows = results
    .map((r) => {
      const b = before(r.label);
      return (
        `| ${r.label} | ${Number(r.records).toLocaleString('en-GB')} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} | ${f(r.householdF1)}${typeof r.householdF1WithinBorough === 'number' ? ` (${f(r.householdF1WithinBorough)} within each borough)` : ''} | ${r.seconds} | ${r.peakRssMb} | ` +
        `${b ? `F1 ${ratio(r.f1, b.f1)}, time ${ratio(r.seconds, b.seconds)}` : 'first run'} |`
      );
    })
    .join('\n');
  const section =
    `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — linkage (test/bench/link) — ${machine}\n\n` +
    'Default settings, no tuning per dataset; pairwise scores over exported rows (FEBRL4 counts A–B pairs only). ' +
    'Seconds: `link` end to end (load, block, compare, train, score, cluster, households, write); peak RSS of the linking process.\n\n' +
    '| data set | records | person P | person R | person F1 | household F1 | link s | peak RSS MB | vs previous run |\n|---|---|---|---|---|---|---|---|---|\n' +
    `${rows}\n`;
  writeFileSync(RESULTS, `${previous.trimEnd()}\n${section}`);
  process.stdout.write(section);
}

await main();
