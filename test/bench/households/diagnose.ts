// Diagnostic for the household stage (perfect person matching): where do missed and false
// pairs come from? Groups person pairs by the evidence each side carries and prints samples.
//   npx tsx test/bench/households/diagnose.ts [--households 20000 --seed 11 | --db DB --truth DIR] [--cache /tmp/h.json]
//   npx tsx test/bench/households/diagnose.ts --bench CACHE/CASE   (a store kept by link.bench.ts --cache CACHE)
//     [--baseline] [--show] [--samples N] [--bucket TEXT] [--weighted] [--show-aa] [--show-ref] [--trace H000123,…]
import { type Candidate, buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import type { PersonProfiles } from '../../../electron/engine/link/households/profiles.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';
import { buildHouseholdsByAddress } from './baseline.js';
import { existsSync, writeFileSync } from 'node:fs';
import { generateAndLoad, loadFromBenchCache, loadFromStore, readTruthRecords, type TruthRecords } from './load.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
async function load(): Promise<TruthRecords> {
  const cache = arg('cache');
  if (arg('bench')) return loadFromBenchCache(arg('bench')!, cache);
  if (arg('db')) return loadFromStore(arg('db')!, arg('truth')!, process.env.BASELINE_PASSPHRASE ?? 'a long passphrase', cache);
  if (cache && existsSync(cache)) return readTruthRecords(cache);
  const out = await generateAndLoad(Number(arg('households') ?? 20_000), Number(arg('seed') ?? 11));
  if (cache) writeFileSync(cache, JSON.stringify(out));
  return out;
}
const { records, personIds, householdIds } = await load();
const personIndex = new Map<string, number>();
const personOf = new Int32Array(records.length);
const truthOf: string[] = [];
const recs: LinkRecord[][] = [];
for (let i = 0; i < records.length; i++) {
  let p = personIndex.get(personIds[i]!);
  if (p === undefined) {
    p = personIndex.size;
    personIndex.set(personIds[i]!, p);
    truthOf.push(householdIds[i]!);
    recs.push([]);
  }
  personOf[i] = p;
  recs[p]!.push(records[i]!);
}
const persons = { personOf, personCount: personIndex.size };
const detailed = buildHouseholdsDetailed(records, persons);
const a = process.argv.includes('--baseline') ? buildHouseholdsByAddress(records, persons) : detailed;
const cat = (p: number): string => {
  const rs = recs[p]!;
  const kinds = [...new Set(rs.map((r) => r.sourceKind + (r.address ? '+A' : r.postcode ? '+P' : '')))].sort();
  return kinds.join(',');
};
const age = (p: number): string => {
  const dob = recs[p]!.find((r) => r.dob)?.dob;
  return dob ? String(2025 - Number(dob.slice(0, 4))) : '?';
};
const show = (p: number): string =>
  `  [${truthOf[p]} → h${a.householdOfPerson[p]}] age ${age(p)} ` +
  recs[p]!.map((r) => `${r.sourceKind}:${r.surname}/${r.forename}|${r.address ?? ''}|${r.postcode ?? ''}|${r.uprn ?? ''}|${r.agencyRef ?? ''}|${r.eventDate ?? ''}`).join(' ;; ');

const byTruth = new Map<string, number[]>();
truthOf.forEach((t, p) => byTruth.set(t, [...(byTruth.get(t) ?? []), p]));
const byPred = new Map<number, number[]>();
for (let p = 0; p < persons.personCount; p++) byPred.set(a.householdOfPerson[p]!, [...(byPred.get(a.householdOfPerson[p]!) ?? []), p]);

const missed = new Map<string, number>();
const missedSamples: number[][] = [];
for (const members of byTruth.values()) {
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) {
      const x = members[i]!;
      const y = members[j]!;
      if (a.householdOfPerson[x] === a.householdOfPerson[y]) continue;
      const k = [cat(x), cat(y)].sort().join('  <>  ');
      missed.set(k, (missed.get(k) ?? 0) + 1);
      if (missedSamples.length < Number(arg('samples') ?? 12) && Math.random() < 0.05) missedSamples.push(members);
    }
}
const falsePairs = new Map<string, number>();
const falseSamples: number[][] = [];
for (const members of byPred.values()) {
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) {
      const x = members[i]!;
      const y = members[j]!;
      if (truthOf[x] === truthOf[y]) continue;
      const k = [cat(x), cat(y)].sort().join('  <>  ');
      falsePairs.set(k, (falsePairs.get(k) ?? 0) + 1);
      if (falseSamples.length < Number(arg('samples') ?? 12) && Math.random() < 0.2) falseSamples.push(members);
    }
}
const top = (m: Map<string, number>): string =>
  [...m.entries()].sort((p, q) => q[1] - p[1]).slice(0, 25).map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n');
console.log(`MISSED pairs ${[...missed.values()].reduce((s, n) => s + n, 0)}\n${top(missed)}`);
console.log(`FALSE pairs ${[...falsePairs.values()].reduce((s, n) => s + n, 0)}\n${top(falsePairs)}`);
if (process.argv.includes('--show')) {
  console.log('--- missed samples (whole truth household)');
  for (const m of missedSamples) console.log(m.map(show).join('\n') + '\n');
  console.log('--- false samples (whole predicted household)');
  for (const m of falseSamples) console.log(m.map(show).join('\n') + '\n');
}

// Per postcode-only person: was there an anchored truth household, does the surname match it,
// and where did they end up?
{
  const anchored = (p: number): boolean => recs[p]!.some((r) => r.address || r.uprn);
  const sn = (p: number): Set<string> => new Set(recs[p]!.map((r) => (r.surname ?? '').toUpperCase().replace(/[^A-Z]/g, '')));
  const cats = new Map<string, number>();
  const shown = new Map<string, number>();
  for (let p = 0; p < persons.personCount; p++) {
    if (anchored(p)) continue;
    const mates = byTruth.get(truthOf[p]!)!.filter((q) => q !== p);
    const anchoredMates = mates.filter(anchored);
    const s = sn(p);
    const snMatch = anchoredMates.some((q) => [...sn(q)].some((x) => s.has(x)));
    const predMates = byPred.get(a.householdOfPerson[p]!)!.filter((q) => q !== p);
    const predAnchored = predMates.some(anchored);
    const right = predMates.filter((q) => truthOf[q] === truthOf[p]).length;
    const wrong = predMates.length - right;
    const k = `truth:${anchoredMates.length ? (snMatch ? 'anchored+surname' : 'anchored-nosurname') : mates.length ? 'floaters-only' : 'alone'}  pred:${predAnchored ? 'anchored' : predMates.length ? 'floaters' : 'alone'} ${wrong ? 'WRONG' : right === mates.length ? 'complete' : 'partial'}`;
    cats.set(k, (cats.get(k) ?? 0) + 1);
    const want = arg('bucket');
    if (want && k.includes(want) && (shown.get(k) ?? 0) < Number(arg('samples') ?? 8) && Math.random() < 0.1) {
      shown.set(k, (shown.get(k) ?? 0) + 1);
      console.log(`## ${k}: person ${p}\n${byTruth.get(truthOf[p]!)!.map(show).join('\n')}\n  predicted with:\n${predMates.filter((q) => truthOf[q] !== truthOf[p]).map(show).join('\n')}\n`);
    }
  }
  console.log('POSTCODE-ONLY PERSONS');
  console.log([...cats.entries()].sort().map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n'));
}

{
  const anchored = (p: number): boolean => recs[p]!.some((r) => r.address || r.uprn);
  let missedAA = 0, falseAA = 0, missedAF = 0, falseAF = 0, missedFF = 0, falseFF = 0;
  for (const members of byTruth.values())
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const x = members[i]!, y = members[j]!;
        if (a.householdOfPerson[x] === a.householdOfPerson[y]) continue;
        const k = Number(anchored(x)) + Number(anchored(y));
        const w = process.argv.includes('--weighted') ? recs[x]!.length * recs[y]!.length : 1;
        if (k === 2 && process.argv.includes('--show-aa') && Math.random() < 0.03) console.log(`## missed AA\n${members.map(show).join('\n')}\n`);
        if (k === 2) missedAA += w; else if (k === 1) missedAF += w; else missedFF += w;
      }
  for (const members of byPred.values())
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const x = members[i]!, y = members[j]!;
        if (truthOf[x] === truthOf[y]) continue;
        const k = Number(anchored(x)) + Number(anchored(y));
        const w = process.argv.includes('--weighted') ? recs[x]!.length * recs[y]!.length : 1;
        if (k === 2) falseAA += w; else if (k === 1) falseAF += w; else falseFF += w;
      }
  console.log({ missedAA, missedAF, missedFF, falseAA, falseAF, falseFF });
}

// Per rule: how many people it placed, and their true / false pairs with their household.
{
  const names = ['alone', 'address', 'shared-ref', 'surname+postcode', 'floater-surname', 'moved-together', 'named-relative'];
  const rows = names.map(() => ({ n: 0, good: 0, bad: 0, missed: 0 }));
  for (let p = 0; p < persons.personCount; p++) {
    const row = rows[detailed.evidence[p]!]!;
    row.n++;
    for (const q of byPred.get(a.householdOfPerson[p]!)!) if (q !== p) truthOf[q] === truthOf[p] ? row.good++ : row.bad++;
    for (const q of byTruth.get(truthOf[p]!)!) if (q !== p && a.householdOfPerson[q] !== a.householdOfPerson[p]) row.missed++;
  }
  console.log('RULES (person pairs counted from both ends)');
  rows.forEach((r, k) => console.log(`${names[k]!.padEnd(18)} persons ${String(r.n).padStart(6)}  true ${String(r.good).padStart(6)}  false ${String(r.bad).padStart(6)}  missed ${String(r.missed).padStart(6)}`));
}

// Surname + postcode placements by the age relation they imply, with how often each is right.
{
  const anchored = (p: number): boolean => recs[p]!.some((r) => r.address || r.uprn);
  const ageOf = (p: number): number => {
    const dob = recs[p]!.find((r) => r.dob)?.dob;
    return dob ? (Date.UTC(2025, 2, 31) - Date.parse(dob)) / 864e5 / 365.25 : NaN;
  };
  const sexOf = (p: number): string => recs[p]!.find((r) => r.sex === 'M' || r.sex === 'F')?.sex ?? '?';
  const table = new Map<string, [number, number]>();
  for (let p = 0; p < persons.personCount; p++) {
    if (detailed.evidence[p] !== 3 || anchored(p)) continue;
    const others = byPred.get(a.householdOfPerson[p]!)!.filter((q) => q !== p && anchored(q));
    if (!others.length) continue;
    const ok = others.some((q) => truthOf[q] === truthOf[p]);
    const ap = ageOf(p);
    const kids = others.map(ageOf).filter((x) => x < 18);
    const adults = others.filter((q) => ageOf(q) >= 18);
    let k: string;
    if (Number.isNaN(ap)) k = 'no age';
    else if (ap < 18) k = adults.length ? 'child, hh has adults' : 'child, hh children only';
    else if (kids.length) {
      const gapMin = ap - Math.max(...kids);
      const gapMax = ap - Math.min(...kids);
      const sameSexParent = adults.some((q) => sexOf(q) === sexOf(p) && Math.abs(ageOf(q) - ap) < 20);
      if (gapMin >= 15 && gapMax <= 50) k = sameSexParent ? 'adult parent-age, same-sex parent present' : adults.length ? 'adult parent-age, fills slot (other parent seen)' : 'adult parent-age, hh children only';
      else if (gapMin > 50 || gapMax > 50) k = 'adult grandparent-age to kids';
      else k = 'adult too young to be parent (sibling?)';
    } else {
      const close = adults.some((q) => Math.abs(ageOf(q) - ap) <= 15);
      k = close ? 'adult, adults-only hh, similar age' : 'adult, adults-only hh, generation apart';
    }
    const row = table.get(k) ?? [0, 0];
    row[ok ? 0 : 1]++;
    table.set(k, row);
  }
  console.log('SURNAME+POSTCODE placements by age relation: right / wrong');
  for (const [k, [ok, bad]] of [...table.entries()].sort()) console.log(`${String(ok).padStart(6)} ${String(bad).padStart(6)}  ${(ok / (ok + bad)).toFixed(2)}  ${k}`);
}

// People left alone although their true household has others: why?
{
  const anchored = (p: number): boolean => recs[p]!.some((r) => r.address || r.uprn);
  const sn = (p: number): Set<string> => new Set(recs[p]!.map((r) => (r.surname ?? '').toUpperCase().replace(/[^A-Z]/g, '')));
  const pcs = (p: number): Set<string> => new Set(recs[p]!.map((r) => r.postcode ?? /[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}/.exec(r.address ?? '')?.[0] ?? '').filter(Boolean));
  const t = new Map<string, number>();
  for (let p = 0; p < persons.personCount; p++) {
    if (detailed.evidence[p] !== 0) continue;
    const mates = byTruth.get(truthOf[p]!)!.filter((q) => q !== p);
    if (!mates.length) continue;
    const s = sn(p);
    const pc = pcs(p);
    const snm = mates.some((q) => [...sn(q)].some((x) => s.has(x)));
    const pcm = mates.some((q) => [...pcs(q)].some((x) => pc.has(x)));
    const k = `${anchored(p) ? 'anchored' : 'floater '} mates:${mates.some(anchored) ? 'some-anchored' : 'floaters'} surname:${snm ? 'Y' : 'N'} postcode:${pcm ? 'Y' : 'N'}`;
    t.set(k, (t.get(k) ?? 0) + 1);
  }
  console.log('ALONE but not alone in truth');
  for (const [k, n] of [...t.entries()].sort()) console.log(`${String(n).padStart(6)}  ${k}`);
}

if (process.argv.includes('--show-ref')) {
  let shown = 0;
  for (let p = 0; p < persons.personCount && shown < 12; p++) {
    if (detailed.evidence[p] !== 2) continue;
    const wrong = byPred.get(a.householdOfPerson[p]!)!.filter((q) => truthOf[q] !== truthOf[p]);
    if (!wrong.length || Math.random() > 0.3) continue;
    shown++;
    console.log(`## shared-ref false: person ${p}\n${byPred.get(a.householdOfPerson[p]!)!.map(show).join('\n')}\n`);
  }
}

// --trace H000123[,H000456]: the candidate households and scores rule 3 weighed for the
// postcode-only people of those true households.
if (arg('trace')) {
  const want = new Set(arg('trace')!.split(','));
  // the stage as link runs it (occupancies split), its trace told each unit's candidates
  const trace = (unit: readonly number[], candidates: Candidate[], profiles: PersonProfiles): void => {
    const who = (p: number): string => `${truthOf[p]} ${recs[p]![0]!.surname}/${recs[p]![0]!.forename} age ${((profiles.referenceDay - profiles.dobDay[p]!) / 365.25).toFixed(0)} sex ${profiles.sex[p]}`;
    if (!unit.some((p) => want.has(truthOf[p]!))) return;
    console.log(`UNIT ${unit.map(who).join(' | ')}`);
    for (const c of candidates) console.log(`   score ${c.score} (surname ${c.surname}, shape ${c.shape}${c.gate ? `, ruled out: ${c.gate}` : ''}): ${c.members.map(who).join(' | ')}`);
  };
  buildHouseholdsDetailed(records, persons, { trace });
}
