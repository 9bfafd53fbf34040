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

/** For each value id: its records held by people other than the holder, given the people (personOf). */
export function countsAmongOthers(values: Int32Array, counts: ArrayLike<number>, personOf: Int32Array, personCount: number): Float64Array {
  const people = new Int32Array(counts.length);
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < 0) continue;
    const key = v * personCount + (personOf[i] as number);
    if (seen.has(key)) continue;
    seen.add(key);
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
  return {
    forename: countsAmongOthers(p.fn, p.fnCount, personOf, personCount),
    surname: countsAmongOthers(p.sn, p.snCount, personOf, personCount),
    postcode: countsAmongOthers(p.pc, p.pcCount, personOf, personCount),
    otherId: countsAmongOthers(p.otherId, p.otherIdCount, personOf, personCount),
    email: countsAmongOthers(p.email, p.contactCount, personOf, personCount),
    phone: countsAmongOthers(p.phone, p.contactCount, personOf, personCount),
  };
}
