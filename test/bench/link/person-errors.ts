// Bench-only: the person stage's errors on a cached case, by class, with what they cost the
// household stage. Links the case in memory, then
// - groups missed links (each split-off fragment of a true person, against its largest part) and
//   wrong merges (each other true person in a linked one) by the levels of the strongest pair
//   between the two (forename, surname, date of birth, postcode, address) and by where that pair
//   scored (below the threshold, within 3 bits of it, above it but kept apart by a constraint, or
//   never a candidate), with how many of them the household stage then put in another household;
// - scores households four ways: on the linked persons, with the wrong merges undone (misses
//   only), with the misses joined (wrong merges only), and on the true persons.
//   node --import tsx test/bench/link/person-errors.ts CACHE/unseen-20000 [--samples 3] [--class TEXT]
// (CACHE from `link.bench.ts --cases unseen-20000 --cache CACHE`.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { compareInto, compilePlan } from '../../../electron/engine/link/compare.js';
import { buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import { linkPersons } from '../../../electron/engine/link/link-persons.js';
import { weightOf } from '../../../electron/engine/link/model.js';
import { Store } from '../../../electron/engine/store/store.js';
import { pairwiseScore } from '../../helpers/pairwise-score.js';
import { withTruth } from '../households/load.js';

const dir = process.argv[2] as string;
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const samples = Number(arg('samples') ?? 3);
const only = arg('class');
const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string };
const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
const { records, personIds: truth, householdIds } = withTruth(store.reader, join(dir, 'input', 'truth.csv'));
store.close();

const result = await linkPersons(records, { threads: 1 }, silentJob());
const personOf = result.clusters.personOf;
const spec = result.spec;
const plan = compilePlan(spec);
const levels = new Uint8Array(plan.comparisons.length);
const threshold = weightOf(spec.threshold);
const householdOf = buildHouseholdsDetailed(records, { personOf, personCount: result.clusters.personCount }).householdOfPerson;

const pairWeight = new Map<string, number>();
for (let x = 0; x < result.pairs.count; x++) {
  const a = result.pairs.a[x] as number;
  const b = result.pairs.b[x] as number;
  pairWeight.set(a < b ? `${a},${b}` : `${b},${a}`, result.pairs.weight[x] as number);
}
const labels = (i: number, j: number): string[] => {
  compareInto(result.prepared, plan, i, j, levels, 0);
  return spec.comparisons.map((c, k) => `${c.name}=${c.levels[levels[k] as number]?.label}`);
};
const CLASS_FIELDS = /^(forename|surname|date of birth|postcode|address)=/;
const classOf = (i: number, j: number): string =>
  labels(i, j)
    .filter((s) => CLASS_FIELDS.test(s))
    .map((s) => s.replace(/^(\w+)[^=]*=/, '$1='))
    .join(' ');
const show = (r: number): string => {
  const x = records[r]!;
  const dob = x.dob ?? (x.dobYear ? `(${x.dobYear})` : '-');
  return `${x.sourceKind.padEnd(13)} ${x.title ?? ''} ${x.forename ?? '-'} ${x.surname ?? '-'} ${dob} ${x.postcode ?? '-'} ${x.address ?? ''}`;
};
const groupBy = <K>(indexes: Iterable<number>, key: (i: number) => K): Map<K, number[]> => {
  const out = new Map<K, number[]>();
  for (const i of indexes) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
};
/** The strongest scored pair between two sets of records (the first pair when none was kept). */
const strongest = (from: number[], to: number[]): { i: number; j: number; w: number | null } => {
  let best = { i: from[0] as number, j: to[0] as number, w: null as number | null };
  for (const i of from)
    for (const j of to) {
      const w = pairWeight.get(i < j ? `${i},${j}` : `${j},${i}`);
      if (w !== undefined && (best.w === null || w > best.w)) best = { i, j, w };
    }
  return best;
};
const where = (w: number | null): string => (w === null ? 'not kept' : w >= threshold ? 'above, kept apart' : w >= threshold - 3 ? 'within 3 bits' : 'below');

interface Error {
  i: number;
  j: number;
  w: number | null;
  records: number;
  householdCost: boolean;
}
const classes = new Map<string, Error[]>();
const note = (kind: string, e: Error): void => {
  const key = `${kind} ${where(e.w)}: ${classOf(e.i, e.j)}`;
  classes.set(key, [...(classes.get(key) ?? []), e]);
};
const all = records.map((_, i) => i);
for (const members of groupBy(all, (i) => truth[i]).values()) {
  const parts = [...groupBy(members, (i) => personOf[i]).values()].sort((x, y) => y.length - x.length);
  for (const part of parts.slice(1)) {
    const s = strongest(parts[0]!, part);
    note('MISSED', { ...s, records: part.length, householdCost: householdOf[personOf[parts[0]![0]!]!] !== householdOf[personOf[part[0]!]!] });
  }
}
for (const members of groupBy(all, (i) => personOf[i]).values()) {
  const parts = [...groupBy(members, (i) => truth[i]).values()].sort((x, y) => y.length - x.length);
  for (const part of parts.slice(1)) {
    const s = strongest(parts[0]!, part);
    note('MERGED', { ...s, records: part.length, householdCost: householdIds[parts[0]![0]!] !== householdIds[part[0]!] });
  }
}

// households on the linked persons, with either kind of error undone, and on the true persons
const linked = Array.from(personOf, String);
const scoreHouseholds = (ids: readonly string[]): string => {
  const index = new Map<string, number>();
  const of = Int32Array.from(ids, (id) => {
    let p = index.get(id);
    if (p === undefined) index.set(id, (p = index.size));
    return p;
  });
  const placed = buildHouseholdsDetailed(records, { personOf: of, personCount: index.size }).householdOfPerson;
  const s = pairwiseScore(Array.from(of, (p) => String(placed[p])), householdIds);
  return `${s.f1.toFixed(5)} (P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)})`;
};
const parent = new Map<string, string>();
const find = (x: string): string => {
  let r = x;
  while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
  parent.set(x, r);
  return r;
};
const firstOfTruth = new Map<string, string>();
linked.forEach((l, i) => {
  if (!parent.has(l)) parent.set(l, l);
  const first = firstOfTruth.get(truth[i]!);
  if (first === undefined) firstOfTruth.set(truth[i]!, l);
  else if (find(first) !== find(l)) parent.set(find(l), find(first));
});
console.log(`households: linked ${scoreHouseholds(linked)} · misses only ${scoreHouseholds(linked.map((l, i) => `${l}|${truth[i]}`))} · wrong merges only ${scoreHouseholds(linked.map(find))} · true persons ${scoreHouseholds(truth)}`);

const byCost = [...classes.entries()].sort((x, y) => y[1].filter((e) => e.householdCost).length - x[1].filter((e) => e.householdCost).length || y[1].length - x[1].length);
for (const [key, list] of byCost) {
  if (only && !key.includes(only)) continue;
  console.log(`\n${list.length} (${list.reduce((s, e) => s + e.records, 0)} records; ${list.filter((e) => e.householdCost).length} in another household) ${key}`);
  for (const e of list.slice(0, samples)) {
    const detail = labels(e.i, e.j).filter((s) => !s.endsWith('=missing') && !s.endsWith('=missing or invalid'));
    console.log(`    ${show(e.i)}\n    ${show(e.j)}\n      ${e.w === null ? 'not kept' : `${e.w.toFixed(1)} bits`}: ${detail.join(' | ')}`);
  }
}
