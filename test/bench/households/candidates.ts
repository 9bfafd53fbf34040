// Every same-surname household rule 3 looked at for a postcode-only unit, on TRUE persons, with
// whether it was the unit's own household: how often each kind of candidate is right, so a rule
// can be judged by the candidates it would take or leave (the tenancy rule came from here).
//   node --import tsx test/bench/households/candidates.ts SET… [--csv OUT.csv]
// SET is a link.bench.ts case directory (CACHE/unseen-20000) or a TruthRecords .json (as
// rules-on-sets.ts takes). Right = the candidate's members are mostly of the unit's true household.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Candidate, buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import type { PersonProfiles } from '../../../electron/engine/link/households/profiles.js';
import { loadFromBenchCache, readTruthRecords, type TruthRecords } from './load.js';
import { indexPersons } from './rule-tally.js';

const csvAt = process.argv.indexOf('--csv');
const csvOut = csvAt >= 0 ? process.argv[csvAt + 1] : undefined;
const lines: string[] = ['set,unit_size,unit_children,household_size,household_adults,on_tenancy,surname,shape,score,gate,right'];

for (const set of process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--csv')) {
  const loaded: TruthRecords = set.endsWith('.json') && existsSync(set) ? readTruthRecords(set) : loadFromBenchCache(set, join(set, 'truth-rows.json'));
  const { personOf, personCount, truth } = indexPersons(loaded.personIds, loaded.householdIds);
  /** the true household most of these people belong to */
  const household = (members: readonly number[]): string => {
    const count = new Map<string, number>();
    for (const m of members) count.set(truth[m]!, (count.get(truth[m]!) ?? 0) + 1);
    return [...count].sort((a, b) => b[1] - a[1])[0]![0];
  };
  const tally = new Map<string, { right: number; all: number }>();
  const add = (key: string, right: boolean): void => {
    const t = tally.get(key) ?? { right: 0, all: 0 };
    t.all++;
    if (right) t.right++;
    tally.set(key, t);
  };
  const name = set.split('/').slice(-1)[0]!.replace(/\.json$/, '');
  const trace = (unit: readonly number[], candidates: Candidate[], profiles: PersonProfiles): void => {
    const age = (p: number): number => (profiles.referenceDay - profiles.dobDay[p]!) / 365.25;
    const own = household(unit);
    for (const c of candidates) {
      const right = household(c.members) === own;
      const onTenancy = c.members.some((m) => profiles.openTenancy[m] !== -1);
      const adults = c.members.filter((m) => age(m) >= 18).length;
      add(`ruled out: ${c.gate ?? 'no (weighed)'}`, right);
      if (c.gate === null || c.gate === 'tenancy') add(`shape ${c.shape < 1 ? '< 1' : '≥ 1'}, ${onTenancy ? 'on a tenancy' : 'no tenancy'}`, right);
      lines.push([name, unit.length, unit.filter((m) => age(m) < 18).length, c.members.length, adults, onTenancy ? 1 : 0, c.surname, c.shape, c.score, c.gate ?? '', right ? 1 : 0].join(','));
    }
  };
  buildHouseholdsDetailed(loaded.records, { personOf, personCount }, { trace });
  process.stdout.write(`${name}\n`);
  for (const [key, t] of [...tally].sort()) process.stdout.write(`  ${key}: ${t.all} candidates, right ${((100 * t.right) / t.all).toFixed(0)} %\n`);
}
if (csvOut) writeFileSync(csvOut, `${lines.join('\n')}\n`);
