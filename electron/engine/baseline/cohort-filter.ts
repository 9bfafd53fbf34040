// The grids' cohort filter: the families (households) a programme's cohort holds at the as-of
// date it was last made with (else the latest linkage run's), evaluated by the cohort engine itself
// (one rule, one place) and kept while the baseline is unchanged.
import { cohortFacts, parseAsOf } from '../cohort/cohort.js';
import { evaluate } from '../cohort/evaluate.js';
import { getProgramme } from '../cohort/programmes.js';
import type { Db } from '../store/database.js';

const cache = new WeakMap<Db, { key: string; households: string[] }>();

/** Household IDs of the families that qualify for `programme` (its newest version), as last made, else at `runAsOf`. */
export function cohortHouseholds(db: Db, programme: string, runAsOf: string, version: string): string[] {
  const made = db.prepare('SELECT as_of FROM cohort_run WHERE programme = ? ORDER BY id DESC LIMIT 1').pluck().get(programme) as string | undefined;
  const asOf = made ?? runAsOf;
  const key = `${version}|${programme}|${asOf}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.households;
  const p = getProgramme(db, programme);
  const facts = cohortFacts(db);
  const evaluation = evaluate(facts, p.definition, parseAsOf(asOf));
  const households = evaluation.families.filter((f) => f.qualifies).map((f) => facts.householdIds[f.household]!).filter((h) => /^H\d+$/.test(h));
  cache.set(db, { key, households });
  return households;
}
