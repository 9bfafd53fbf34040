// Where the held-out borough's household errors are, by what the model knows of each person:
//   node --import tsx test/bench/heldout/errors.ts CACHE/heldout-5000
// - kept apart: people whose rows the last link put in no household with any of their true
//   household's people, by heritage, relation to the head and whether they share a surname;
// - placed with another: people in a linked household whose larger part is another true household,
//   by relation, whether they share that household's surname, and grown-up children who left home.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, rowKey } from '../link/harness.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: errors.ts CASE_DIR');
const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { truth: { path: string } };
const truth = new Map<string, { person: string; household: string }>();
for (const [file = '', sheet = '', row = '', person = '', household = ''] of readCsv(made.truth.path).slice(1)) truth.set(rowKey(file, sheet, Number(row)), { person, household });
// person_id,household_id,heritage,relation,sex,dob,forename,middle,surname,other_surname,known_as,left_home
const people = new Map<string, { household: string; heritage: string; relation: string; surname: string; leftHome: string }>();
for (const r of readCsv(join(dir, 'input', 'people.csv.txt')).slice(1)) people.set(r[0] as string, { household: r[1] as string, heritage: r[2] as string, relation: r[3] as string, surname: r[8] as string, leftHome: r[11] ?? '' });

const householdsOf = new Map<string, Set<string>>(); // true person → linked households
const byLinked = new Map<string, Map<string, Set<string>>>(); // linked household → true household → people
for (const [file = '', sheet = '', row = '', , linked = ''] of readCsv(join(dir, 'clusters.csv')).slice(1)) {
  const t = truth.get(rowKey(file, sheet, Number(row)));
  if (!t) continue;
  if (!householdsOf.has(t.person)) householdsOf.set(t.person, new Set());
  householdsOf.get(t.person)?.add(linked);
  if (!byLinked.has(linked)) byLinked.set(linked, new Map());
  const parts = byLinked.get(linked) as Map<string, Set<string>>;
  if (!parts.has(t.household)) parts.set(t.household, new Set());
  parts.get(t.household)?.add(t.person);
}
const tally = (into: Map<string, number>, key: string): void => void into.set(key, (into.get(key) ?? 0) + 1);
const print = (title: string, counts: Map<string, number>, total: number): void => {
  process.stdout.write(`\n${title}: ${total}\n`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stdout.write(`${String(n).padStart(6)}  ${k}\n`);
};

// kept apart from everyone of their true household seen in the extracts
const seen = new Map<string, string[]>();
for (const p of householdsOf.keys()) {
  const h = people.get(p)?.household ?? '';
  seen.set(h, [...(seen.get(h) ?? []), p]);
}
const apart = new Map<string, number>();
let apartTotal = 0;
for (const members of seen.values()) {
  if (members.length < 2) continue;
  for (const p of members) {
    const mates = members.filter((m) => m !== p);
    const mine = householdsOf.get(p) as Set<string>;
    if ([...mine].some((h) => mates.some((m) => byLinked.get(h)?.get(people.get(m)?.household ?? '')?.has(m)))) continue;
    const me = people.get(p);
    if (!me) continue;
    apartTotal++;
    tally(apart, `${me.heritage} ${me.relation}, ${mates.some((m) => people.get(m)?.surname === me.surname) ? 'shares a surname' : 'no surname shared'}`);
  }
}
print('kept apart from all of their true household', apart, apartTotal);

// placed in a linked household most of which is another true household
const placed = new Map<string, number>();
let placedTotal = 0;
for (const parts of byLinked.values()) {
  if (parts.size < 2) continue;
  const groups = [...parts].sort((a, b) => b[1].size - a[1].size);
  const main = groups[0]?.[1] as Set<string>;
  const surnames = new Set([...main].map((p) => people.get(p)?.surname));
  for (const [, group] of groups.slice(1))
    for (const p of group) {
      const me = people.get(p);
      if (!me) continue;
      placedTotal++;
      const left = me.leftHome ? (parts.has(me.leftHome) ? ', left home (with the family left)' : ', left home') : '';
      tally(placed, `${me.relation}, ${surnames.has(me.surname) ? 'same surname' : 'another surname'}${left}`);
    }
}
print('placed with another household', placed, placedTotal);
