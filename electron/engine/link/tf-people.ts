// Term frequencies among other people. A value's term-frequency u is the chance that a record of
// someone else holds it. The usual count — every record holding the value — includes the
// person's own other records: where people have many records each (a register copied from
// several sources, a set with ten records a person) a name only one person has counts as often
// as a name ten people have once each, and weighs as little. Counted after a first clustering,
// a value's records by people other than the holder are c · (1 − 1/p) for c records and p people
// holding it (each holder's own records set aside, on average): a name one person has counts
// nothing against a pair (its weight is capped by TF_MAX_BOOST_BITS), a name held by many is
// counted as before.
import type { TfCounts } from './model.js';
import type { Prepared } from './prepare.js';

/** Record indexes grouped by person (counting sort on personOf): each person's records side by side. */
export function recordsByPerson(personOf: Int32Array, personCount: number): Int32Array {
  const start = new Int32Array(personCount + 1);
  for (let i = 0; i < personOf.length; i++) start[(personOf[i] as number) + 1]!++;
  for (let q = 0; q < personCount; q++) start[q + 1]! += start[q] as number;
  const order = new Int32Array(personOf.length);
  for (let i = 0; i < personOf.length; i++) order[start[personOf[i] as number]!++] = i;
  return order;
}

/**
 * For each value id: its records held by people other than the holder, given the people
 * (personOf). `order` (recordsByPerson) may be passed when several fields are counted.
 */
export function countsAmongOthers(values: Int32Array, counts: ArrayLike<number>, personOf: Int32Array, personCount: number, order = recordsByPerson(personOf, personCount)): Float64Array {
  // people holding each value: walking the records person by person, a value is counted once
  // for the person who last held it (a typed array, not a set of value–person keys: a million
  // records hold a few million of them)
  const people = new Int32Array(counts.length);
  const lastHolder = new Int32Array(counts.length).fill(-1);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const v = values[i] as number;
    if (v < 0) continue;
    const person = personOf[i] as number;
    if (lastHolder[v] === person) continue;
    lastHolder[v] = person;
    people[v]!++;
  }
  const out = new Float64Array(counts.length);
  for (let v = 0; v < counts.length; v++) {
    const c = counts[v] as number;
    const holders = people[v] as number;
    out[v] = holders > 0 ? c * (1 - 1 / holders) : c;
  }
  return out;
}

/** The term-frequency counts of every TF field, among other people (see countsAmongOthers). */
export function tfCountsAmongOthers(p: Prepared, personOf: Int32Array, personCount: number): TfCounts {
  const order = recordsByPerson(personOf, personCount);
  return {
    forename: countsAmongOthers(p.fn, p.fnCount, personOf, personCount, order),
    surname: countsAmongOthers(p.sn, p.snCount, personOf, personCount, order),
    postcode: countsAmongOthers(p.pc, p.pcCount, personOf, personCount, order),
    otherId: countsAmongOthers(p.otherId, p.otherIdCount, personOf, personCount, order),
    email: countsAmongOthers(p.email, p.contactCount, personOf, personCount, order),
    phone: countsAmongOthers(p.phone, p.contactCount, personOf, personCount, order),
  };
}
