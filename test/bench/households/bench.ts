// Household bench (perfect person matching): scores buildHouseholds against a demo borough's
// truth and against the addresses-only baseline. Prints a table on stderr and one JSON line.
//   BASELINE_PASSPHRASE=… npx tsx test/bench/households/bench.ts --db /tmp/h.db --truth /tmp/h-files [--cache /tmp/h.json]
import { buildHouseholds } from '../../../electron/engine/link/households/index.js';
import type { HouseholdAssignment, PersonClusters } from '../../../electron/engine/link/types.js';
import { pairwiseScore, type PairwiseScore } from '../../helpers/pairwise-score.js';
import { buildHouseholdsByAddress } from './baseline.js';
import { loadTruthRecords } from './load.js';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

const dbPath = arg('db');
const truthDir = arg('truth');
const cache = process.argv.includes('--cache') ? arg('cache') : undefined;
const passphrase = process.env.BASELINE_PASSPHRASE ?? 'a long passphrase';

const t0 = performance.now();
const { records, personIds, householdIds } = loadTruthRecords(dbPath, truthDir, passphrase, cache);
const loadSeconds = (performance.now() - t0) / 1000;

const personIndex = new Map<string, number>();
const personOf = new Int32Array(records.length);
const truthOfPerson: string[] = [];
for (let i = 0; i < records.length; i++) {
  const id = personIds[i]!;
  let p = personIndex.get(id);
  if (p === undefined) {
    p = personIndex.size;
    personIndex.set(id, p);
    truthOfPerson.push(householdIds[i]!);
  }
  personOf[i] = p;
}
const persons: PersonClusters = { personOf, personCount: personIndex.size };

function score(a: HouseholdAssignment): { records: PairwiseScore; persons: PairwiseScore } {
  const perRecord = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) perRecord[i] = a.householdOfPerson[personOf[i]!]!;
  return { records: pairwiseScore(perRecord, householdIds), persons: pairwiseScore(a.householdOfPerson, truthOfPerson) };
}

const baseline = score(buildHouseholdsByAddress(records, persons));
const rssBefore = process.memoryUsage().rss;
const t1 = performance.now();
const ours = buildHouseholds(records, persons);
const seconds = (performance.now() - t1) / 1000;
const result = score(ours);
const { resourceUsage } = process;
const peakRssMb = resourceUsage().maxRSS / 1024;

const f = (x: number): string => x.toFixed(4);
const line = (name: string, s: PairwiseScore): string => `${name.padEnd(34)} P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}`;
process.stderr.write(
  [
    `${records.length} records, ${persons.personCount} persons, ${new Set(truthOfPerson).size} true households (load ${loadSeconds.toFixed(1)} s)`,
    line('addresses only (records)', baseline.records),
    line('addresses only (persons)', baseline.persons),
    line('buildHouseholds (records)', result.records),
    line('buildHouseholds (persons)', result.persons),
    `buildHouseholds: ${ours.householdCount} households, ${seconds.toFixed(3)} s, peak RSS ${Math.round(peakRssMb)} MB (RSS before ${Math.round(rssBefore / 2 ** 20)} MB)`,
  ].join('\n') + '\n',
);
process.stdout.write(
  JSON.stringify({
    records: records.length,
    persons: persons.personCount,
    baselineF1: baseline.records.f1,
    baselinePersonsF1: baseline.persons.f1,
    precision: result.records.precision,
    recall: result.records.recall,
    f1: result.records.f1,
    personsF1: result.persons.f1,
    seconds,
    peakRssMb,
  }) + '\n',
);
