// How often each household rule placed a person rightly: a person counts as right when the
// true household most of their housemates share is their own. One tally for every bench that
// reports per-rule precision.
import { Evidence } from '../../../electron/engine/link/households/index.js';

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(Evidence).map(([k, v]) => [v, k]));

export type RuleTally = Map<string, { right: number; wrong: number }>;

/** Per rule (by its Evidence name), people placed rightly and wrongly. */
export function tallyRules(placed: { householdOfPerson: ArrayLike<number>; evidence: ArrayLike<number> }, truth: readonly string[]): RuleTally {
  const members = new Map<number, number[]>();
  for (let p = 0; p < placed.householdOfPerson.length; p++) {
    const h = placed.householdOfPerson[p]!;
    const list = members.get(h);
    if (list) list.push(p);
    else members.set(h, [p]);
  }
  const tally: RuleTally = new Map();
  for (const [, ms] of members) {
    if (ms.length < 2) continue;
    for (const p of ms) {
      const votes = new Map<string, number>();
      for (const o of ms) if (o !== p) votes.set(truth[o]!, (votes.get(truth[o]!) ?? 0) + 1);
      const best = Math.max(...votes.values());
      const right = (votes.get(truth[p]!) ?? 0) === best;
      const rule = NAMES[placed.evidence[p]!] ?? String(placed.evidence[p]);
      const t = tally.get(rule) ?? { right: 0, wrong: 0 };
      if (right) t.right++;
      else t.wrong++;
      tally.set(rule, t);
    }
  }
  return tally;
}

/** Each row's person as a dense index, and each person's true household (from their first row). */
export function indexPersons(personIds: readonly string[], householdIds: readonly string[]): { personOf: Int32Array; personCount: number; truth: string[] } {
  const index = new Map<string, number>();
  const personOf = new Int32Array(personIds.length);
  const truth: string[] = [];
  personIds.forEach((id, i) => {
    let p = index.get(id);
    if (p === undefined) {
      p = index.size;
      index.set(id, p);
      truth.push(householdIds[i]!);
    }
    personOf[i] = p;
  });
  return { personOf, personCount: index.size, truth };
}
