// Which undecided review pairs could change the cohort: a pair in the review band has not been
// joined, so a "match" would put the two people — and their households — in one family. A family
// is judged on what all its members did, so two halves that each meet one criterion can qualify
// together. Pairs whose match would make a family qualify that does not today come first in the
// review queue when asked, so analysts settle the decisions the cohort rests on before the rest.
// (The other way round — a joined pair whose split would stop a family qualifying — is the
// family's linkage confidence on the Families page.)
import type { ProgrammeDefinition } from '../../../shared/ipc/channels/cohort.js';
import type { Db } from '../store/database.js';
import { cohortFacts } from './cohort.js';
import { evaluate, hasChild, qualifiesBy } from './evaluate.js';
import { dayOf, NO_DAY } from './facts.js';
import { getProgramme } from './programmes.js';

export const IMPACT_PROGRAMME = 'troubled-families-phase-1';

/**
 * A test for pairs of people (latest Run's person IDs): true when joining them would make a
 * family qualify for the programme at the latest extract's date that does not qualify now.
 */
export function cohortImpact(db: Db, options: { programme?: string; definition?: ProgrammeDefinition } = {}): (personA: string, personB: string) => boolean {
  const asOfIso = (db.prepare('SELECT max(as_of) AS d FROM source').get() as { d: string | null }).d;
  const asOf = dayOf(asOfIso);
  if (asOf === NO_DAY) return () => false;
  const definition = options.definition ?? getProgramme(db, options.programme ?? IMPACT_PROGRAMME).definition;
  const facts = cohortFacts(db);
  const evaluation = evaluate(facts, definition, asOf);
  const byHousehold = new Map(evaluation.families.map((f) => [f.household, f]));
  const personIndex = new Map(facts.personIds.map((id, p) => [id, p]));
  return (personA, personB) => {
    const pa = personIndex.get(personA);
    const pb = personIndex.get(personB);
    if (pa === undefined || pb === undefined) return false;
    const ha = facts.personHousehold[pa]!;
    const hb = facts.personHousehold[pb]!;
    if (ha === hb) return false;
    const a = byHousehold.get(ha);
    const b = byHousehold.get(hb);
    // A household with no criterion met adds no need, though it may bring the dependent child the
    // other lacks; one already qualifying stays so.
    if ((!a && !b) || a?.qualifies || b?.qualifies) return false;
    const child = (f: typeof a, h: number): boolean => (f ? f.hasChild : !definition.rule.dependentChild || hasChild(facts, h, asOf));
    const met = definition.criteria.map((_, i) => (a?.met[i] ?? false) || (b?.met[i] ?? false));
    return qualifiesBy(definition, met, (a?.localFilter ?? false) || (b?.localFilter ?? false), child(a, ha) || child(b, hb));
  };
}
