// Diagnostic for the household stage (perfect person matching): where do missed and false
// pairs come from? Groups person pairs by the evidence each side carries and prints samples.
//   npx tsx test/bench/households/diagnose.ts --db /tmp/h.db --truth /tmp/h-files --cache /tmp/h.json [--baseline]
import { buildHouseholds } from '../../../electron/engine/link/households/index.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';
import { buildHouseholdsByAddress } from './baseline.js';
import { loadTruthRecords } from './load.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const { records, personIds, householdIds } = loadTruthRecords(arg('db')!, arg('truth')!, process.env.BASELINE_PASSPHRASE ?? 'a long passphrase', arg('cache'));
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
const a = process.argv.includes('--baseline') ? buildHouseholdsByAddress(records, persons) : buildHouseholds(records, persons);
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
