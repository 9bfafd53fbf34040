// Household errors on an unseen-model borough, sorted into classes the model knows (lodgers in one
// house, one home at two times, neighbours sharing a surname, a member seen only with a
// postcode…). Runs the household stage on TRUE persons, so it measures the household rules alone.
//   node --import tsx test/bench/unseen/classes.ts CACHE/unseen-5000 [--samples N --class TEXT]
//   node --import tsx test/bench/unseen/classes.ts RECORDS.json   (households/diagnose.ts --cache file: the demo)
// (CACHE from `link.bench.ts --cases unseen-5000 --cache CACHE`.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';
import { pairwiseScore } from '../../helpers/pairwise-score.js';
import { loadFromBenchCache, type TruthRecords } from '../households/load.js';
import { readCsv } from '../link/harness.js';

const dir = process.argv[2] as string;
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
// a .json argument is a TruthRecords cache (households/diagnose.ts --cache), e.g. the demo's: scores only
const fromJson = dir.endsWith('.json');
const { records, personIds, householdIds } = fromJson ? (JSON.parse(readFileSync(dir, 'utf8')) as TruthRecords) : loadFromBenchCache(dir);
const kindOf = new Map<string, string>();
const roleOf = new Map<string, string>();
for (const [h = '', kind = '', p = '', , , role = ''] of fromJson ? [] : readCsv(join(dir, 'input', 'households.csv.txt')).slice(1)) {
  kindOf.set(h, kind);
  roleOf.set(p, role);
}

const index = new Map<string, number>();
const personOf = new Int32Array(records.length);
const truePerson: string[] = [];
const trueHousehold: string[] = [];
const recs: LinkRecord[][] = [];
records.forEach((r, i) => {
  let p = index.get(personIds[i] as string);
  if (p === undefined) {
    p = index.size;
    index.set(personIds[i] as string, p);
    truePerson.push(personIds[i] as string);
    trueHousehold.push(householdIds[i] as string);
    recs.push([]);
  }
  personOf[i] = p;
  (recs[p] as LinkRecord[]).push(r);
});
const n = index.size;
const placed = buildHouseholdsDetailed(records, { personOf, personCount: n });
const hh = placed.householdOfPerson;
const perRecord = (f: (p: number) => string): string[] => Array.from(personOf, (p) => f(p));
const score = pairwiseScore(perRecord((p) => String(hh[p])), perRecord((p) => trueHousehold[p] as string));
console.log(`household stage on true persons: P ${score.precision.toFixed(4)} R ${score.recall.toFixed(4)} F1 ${score.f1.toFixed(4)}`);

const letters = (s: string | null): string => (s ?? '').toUpperCase().replace(/[^A-Z]/g, '');
const anchored = (p: number): boolean => (recs[p] as LinkRecord[]).some((r) => r.address || r.uprn);
const surnames = (p: number): Set<string> => new Set((recs[p] as LinkRecord[]).map((r) => letters(r.surname)).filter(Boolean));
const postcodes = (p: number): Set<string> => new Set((recs[p] as LinkRecord[]).map((r) => r.postcode ?? '').filter(Boolean));
const meets = <T>(a: Set<T>, b: Set<T>): boolean => [...a].some((x) => b.has(x));
const kind = (p: number): string => kindOf.get(trueHousehold[p] as string) ?? '?';
const EVIDENCE = ['alone', 'address', 'shared-ref', 'surname+postcode', 'floater-surname', 'moved-together', 'named-relative'];
const rule = (p: number): string => EVIDENCE[placed.evidence[p] as number] ?? String(placed.evidence[p]);

/** Doors (flat, number or name, street) a person was recorded at. */
const doorsOf = (p: number): Set<string> =>
  new Set((recs[p] as LinkRecord[]).flatMap((r) => (r.addressParts?.street ? [`${r.addressParts.flat ?? ''}|${r.addressParts.number ?? ''}|${r.addressParts.name ?? ''}|${r.addressParts.street}`] : [])));
function falseClass(x: number, y: number): string {
  const kx = kind(x);
  const ky = kind(y);
  if (meets(doorsOf(x), doorsOf(y))) {
    if (kx === 'lodger' || ky === 'lodger') return 'one address: lodgers in one house';
    if (kx.startsWith('successor') || ky.startsWith('successor') || kx.startsWith('moved') || ky.startsWith('moved')) return 'one address at two times (mover/successor)';
    if (kx === 'left home' || ky === 'left home') return 'one address: grown-up child who left home';
    return 'one address: other';
  }
  const pc = meets(postcodes(x), postcodes(y));
  const sn = meets(surnames(x), surnames(y));
  const a = `${anchored(x) ? 'A' : 'P'}${anchored(y) ? 'A' : 'P'}`.split('').sort().join('');
  return `${pc ? 'neighbours' : 'no shared postcode'}, ${sn ? 'same surname' : 'other surname'} (${a})`;
}
function missedClass(x: number, y: number): string {
  const k = kind(x).replace(/^(moved|successor) /, '$1: ');
  const sn = meets(surnames(x), surnames(y));
  const a = `${anchored(x) ? 'A' : 'P'}${anchored(y) ? 'A' : 'P'}`.split('').sort().join('');
  return `${k}, ${sn ? 'same surname' : 'other surname'} (${a})`;
}

const byTruth = new Map<string, number[]>();
const byPred = new Map<number, number[]>();
for (let p = 0; p < n; p++) {
  byTruth.set(trueHousehold[p] as string, [...(byTruth.get(trueHousehold[p] as string) ?? []), p]);
  byPred.set(hh[p] as number, [...(byPred.get(hh[p] as number) ?? []), p]);
}
const tally = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
const falseBy = new Map<string, number>();
const falseRule = new Map<string, number>();
const missedBy = new Map<string, number>();
const samples = new Map<string, number[][]>();
const want = arg('class');
for (const members of byPred.values())
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) {
      const x = members[i] as number;
      const y = members[j] as number;
      if (trueHousehold[x] === trueHousehold[y]) continue;
      const c = falseClass(x, y);
      tally(falseBy, c);
      tally(falseRule, [rule(x), rule(y)].sort().join(' + '));
      if (want && c.includes(want)) samples.set(c, [...(samples.get(c) ?? []), members]);
    }
for (const members of byTruth.values())
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) {
      const x = members[i] as number;
      const y = members[j] as number;
      if (hh[x] === hh[y]) continue;
      const c = missedClass(x, y);
      tally(missedBy, c);
      if (want && c.includes(want)) samples.set(c, [...(samples.get(c) ?? []), members]);
    }
const total = (m: Map<string, number>): number => [...m.values()].reduce((s, v) => s + v, 0);
const top = (m: Map<string, number>, k = 20): string =>
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([c, v]) => `${String(v).padStart(7)} ${((100 * v) / total(m)).toFixed(1).padStart(5)} %  ${c}`).join('\n');
console.log(`\nFALSE household pairs ${total(falseBy)} by class\n${top(falseBy)}`);
console.log(`\nFALSE household pairs by the rules that placed the two people\n${top(falseRule, 10)}`);
console.log(`\nMISSED household pairs ${total(missedBy)} by class\n${top(missedBy, 25)}`);

const show = (p: number): string =>
  `  [${trueHousehold[p]} ${kind(p)} ${roleOf.get(truePerson[p] as string)} → h${hh[p]} by ${rule(p)}] ` +
  (recs[p] as LinkRecord[]).map((r) => `${r.sourceKind}:${r.surname}/${r.forename}/${r.dob ?? ''}|${r.address ?? ''}|${r.postcode ?? ''}|${r.agencyRef ?? ''}|${r.eventDate ?? r.tenancyStart ?? ''}${r.tenancyEnd ? `–${r.tenancyEnd}` : ''}`).join(' ;; ');
for (const [c, groups] of samples) {
  console.log(`\n### ${c}`);
  const seen = new Set<number[]>();
  for (const g of groups.slice(0, Number(arg('samples') ?? 4) * 3)) {
    if (seen.has(g) || seen.size >= Number(arg('samples') ?? 4)) continue;
    seen.add(g);
    const extra = new Set<number>();
    for (const p of g) for (const q of byPred.get(hh[p] as number) ?? []) extra.add(q);
    for (const p of g) for (const q of byTruth.get(trueHousehold[p] as string) ?? []) extra.add(q);
    console.log([...extra].map(show).join('\n'), '\n');
  }
}
