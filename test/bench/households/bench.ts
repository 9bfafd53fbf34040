// Household bench. Scores buildHouseholds on a demo borough against its truth — with perfect
// person matching (truth person ids), so the figures are about households alone — next to the
// addresses-only baseline; optionally also with the person stage's own clusters (--linked).
// Prints a summary on stderr and one JSON line on stdout.
//
//   npx tsx test/bench/households/bench.ts [--households 20000] [--seed 11] [--cache FILE.json]   generate + import here
//   BASELINE_PASSPHRASE=… npx tsx test/bench/households/bench.ts --db /tmp/h.db --truth /tmp/h-files [--cache /tmp/h.json]
//   … [--linked]      also run link-persons.ts and score households on its clusters
//   … [--scale 4]     time the stage on 4 copies of the borough side by side (~1M rows from 110k households)
import { existsSync, writeFileSync } from 'node:fs';
import { buildHouseholds } from '../../../electron/engine/link/households/index.js';
import type { HouseholdAssignment, LinkRecord, PersonClusters } from '../../../electron/engine/link/types.js';
import { pairwiseScore, type PairwiseScore } from '../../helpers/pairwise-score.js';
import { buildHouseholdsByAddress } from './baseline.js';
import { generateAndLoad, loadFromStore, readTruthRecords, type TruthRecords } from './load.js';
import { indexPersons } from './rule-tally.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const t0 = performance.now();
const dbPath = arg('db');
let loaded: TruthRecords;
let label: string;
if (dbPath) {
  const truthDir = arg('truth');
  if (!truthDir) throw new Error('--truth DIR (holding truth.csv) is required with --db');
  loaded = loadFromStore(dbPath, truthDir, process.env.BASELINE_PASSPHRASE ?? 'a long passphrase', arg('cache'));
  label = dbPath;
} else {
  const households = Number(arg('households') ?? 20_000);
  const seed = Number(arg('seed') ?? 11);
  const cache = arg('cache');
  if (cache && existsSync(cache)) loaded = readTruthRecords(cache);
  else {
    loaded = await generateAndLoad(households, seed);
    if (cache) writeFileSync(cache, JSON.stringify(loaded));
  }
  label = `demo ${households} households, seed ${seed}`;
}
const loadSeconds = (performance.now() - t0) / 1000;

// --scale N: N copies of the borough side by side (postcode areas, surnames, UPRNs and references
// made distinct per copy) to time the stage at a million records.
const scale = Number(arg('scale') ?? 1);
const records: LinkRecord[] = loaded.records.slice();
const personIds = loaded.personIds.slice();
const householdIds = loaded.householdIds.slice();
for (let c = 1; c < scale; c++) {
  const area = String.fromCharCode(65 + c);
  const pc = (s: string | null): string | null => (s ? s.replace(/\b([A-Z]{1,2})(\d)/i, `${area}$1$2`) : s);
  loaded.records.forEach((r, i) => {
    records.push({
      ...r,
      id: r.id + c * 10_000_000,
      surname: r.surname ? `${r.surname}${area}` : null,
      postcode: pc(r.postcode),
      postcodeRaw: pc(r.postcodeRaw),
      address: r.address ? `${pc(r.address)}, COPY${area}` : null,
      uprn: r.uprn ? `${c}${r.uprn}` : null,
      agencyRef: r.agencyRef ? `${c}:${r.agencyRef}` : null,
    });
    personIds.push(`${c}:${loaded.personIds[i]!}`);
    householdIds.push(`${c}:${loaded.householdIds[i]!}`);
  });
}
if (scale > 1) {
  // Flat strings, as rows read from SQLite are (built-up strings hash slowly).
  const flat = JSON.parse(JSON.stringify(records.slice(loaded.records.length))) as LinkRecord[];
  records.length = loaded.records.length;
  for (const r of flat) records.push(r);
}

const { personOf, personCount, truth: truthOfPerson } = indexPersons(personIds, householdIds);
const persons: PersonClusters = { personOf, personCount };

/** Pairwise scores over rows (as `export clusters` is scored) and over persons. */
function score(a: HouseholdAssignment, clusters: PersonClusters = persons): { rows: PairwiseScore; persons: PairwiseScore | null } {
  const perRow = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) perRow[i] = a.householdOfPerson[clusters.personOf[i]!]!;
  return { rows: pairwiseScore(perRow, householdIds), persons: clusters === persons ? pairwiseScore(a.householdOfPerson, truthOfPerson) : null };
}

const rssBefore = process.memoryUsage().rss;
const t1 = performance.now();
const ours = buildHouseholds(records, persons);
const seconds = (performance.now() - t1) / 1000;
const rssAfter = process.memoryUsage().rss;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = score(ours);
const baseline = score(buildHouseholdsByAddress(records, persons));

const f = (x: number): string => x.toFixed(4);
const line = (name: string, s: PairwiseScore): string => `${name.padEnd(36)} P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}`;
process.stderr.write(
  [
    `${label}${scale > 1 ? ` ×${scale}` : ''}: ${records.length} rows, ${persons.personCount} persons, ${new Set(truthOfPerson).size} true households (loaded in ${loadSeconds.toFixed(1)} s)`,
    line('addresses only, pairs of rows', baseline.rows),
    line('buildHouseholds, pairs of rows', result.rows),
    line('addresses only, pairs of persons', baseline.persons!),
    line('buildHouseholds, pairs of persons', result.persons!),
    `buildHouseholds: ${ours.householdCount} households in ${seconds.toFixed(2)} s; RSS ${Math.round(rssBefore / 2 ** 20)} → ${Math.round(rssAfter / 2 ** 20)} MB, process peak ${Math.round(peakRssMb)} MB`,
  ].join('\n') + '\n',
);

let linked: { personF1: number; rows: PairwiseScore; baselineRows: PairwiseScore; personSeconds: number } | null = null;
if (process.argv.includes('--linked')) {
  const { linkPersons } = await import('../../../electron/engine/link/link-persons.js');
  const { silentJob } = await import('../../../electron/engine/jobs/job-context.js');
  const t = performance.now();
  const out = await linkPersons(records, { decisions: [] }, silentJob());
  const personSeconds = (performance.now() - t) / 1000;
  const personF1 = pairwiseScore(out.clusters.personOf, personIds).f1;
  linked = { personF1, rows: score(buildHouseholds(records, out.clusters), out.clusters).rows, baselineRows: score(buildHouseholdsByAddress(records, out.clusters), out.clusters).rows, personSeconds };
  process.stderr.write(`${line("person stage's clusters: addresses only", linked.baselineRows)}\n${line("person stage's clusters: buildHouseholds", linked.rows)}\n  (person F1 ${f(personF1)}, person stage ${personSeconds.toFixed(1)} s)\n`);
}

process.stdout.write(
  `${JSON.stringify({
    label,
    scale,
    rows: records.length,
    persons: persons.personCount,
    precision: result.rows.precision,
    recall: result.rows.recall,
    f1: result.rows.f1,
    baselineF1: baseline.rows.f1,
    personPairsF1: result.persons!.f1,
    baselinePersonPairsF1: baseline.persons!.f1,
    seconds,
    peakRssMb,
    linkedF1: linked?.rows.f1 ?? null,
    linkedBaselineF1: linked?.baselineRows.f1 ?? null,
    linkedPersonF1: linked?.personF1 ?? null,
  })}\n`,
);
