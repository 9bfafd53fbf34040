// An analyst's household decisions as each person's reason: who a merge or a split moved is
// "put here by an analyst" (with the decision that did it), the people it did not move keep the
// rule that placed them, and someone a split leaves on their own has no rule's reason left.
import { describe, expect, it } from 'vitest';
import { applyHouseholdDecisions, PLACED_BY_ANALYST, type HouseholdDecision } from '../../electron/engine/baseline/household-decisions.js';
import { Evidence } from '../../electron/engine/link/households/index.js';

// five persons, one record each (record id = 100 + person): {0, 1} by address, {2, 3} by a claim, {4} alone
const recordIds = [100, 101, 102, 103, 104];
const persons = { personOf: Int32Array.from([0, 1, 2, 3, 4]), personCount: 5 };
const placement = () => ({
  householdOfPerson: Int32Array.from([0, 0, 1, 1, 2]),
  householdCount: 3,
  evidence: Uint8Array.from([Evidence.ADDRESS, Evidence.ADDRESS, Evidence.SHARED_REF, Evidence.SHARED_REF, Evidence.ALONE]),
});

describe("an analyst's household decisions as reasons", () => {
  it('keeps the rules as they are when there are no decisions', () => {
    const out = applyHouseholdDecisions(recordIds, persons, placement(), []);
    expect([...out.placedBy]).toEqual([Evidence.ADDRESS, Evidence.ADDRESS, Evidence.SHARED_REF, Evidence.SHARED_REF, Evidence.ALONE]);
    expect(out.decisionOf.size).toBe(0);
  });

  it('gives a split its leaver, and leaves the one left behind with no rule', () => {
    const split: HouseholdDecision = { id: 7, kind: 'split', recordId: 101, intoRecordId: null };
    const out = applyHouseholdDecisions(recordIds, persons, placement(), [split]);
    expect(out.householdCount).toBe(4);
    expect([...out.placedBy]).toEqual([Evidence.ALONE, PLACED_BY_ANALYST, Evidence.SHARED_REF, Evidence.SHARED_REF, Evidence.ALONE]);
    expect([...out.decisionOf]).toEqual([[1, 7]]);
  });

  it("gives a merge the household that joined and the one it joined who had been alone; the joined family's reasons stay", () => {
    const intoClaim: HouseholdDecision = { id: 3, kind: 'merge', recordId: 104, intoRecordId: 102 };
    const lonerJoined: HouseholdDecision = { id: 4, kind: 'merge', recordId: 100, intoRecordId: 104 };
    const one = applyHouseholdDecisions(recordIds, persons, placement(), [intoClaim]);
    expect([...one.placedBy]).toEqual([Evidence.ADDRESS, Evidence.ADDRESS, Evidence.SHARED_REF, Evidence.SHARED_REF, PLACED_BY_ANALYST]);
    expect([...one.decisionOf]).toEqual([[4, 3]]);
    // the address family joins everyone: they are the analyst's now; the claim's two keep theirs, the one put there first keeps the first decision
    const two = applyHouseholdDecisions(recordIds, persons, placement(), [intoClaim, lonerJoined]);
    expect(two.householdCount).toBe(1);
    expect([...two.placedBy]).toEqual([PLACED_BY_ANALYST, PLACED_BY_ANALYST, Evidence.SHARED_REF, Evidence.SHARED_REF, PLACED_BY_ANALYST]);
    expect(new Map(two.decisionOf)).toEqual(new Map([[0, 4], [1, 4], [4, 3]]));
  });

  it('gives a lone person joined by a merge the decision as their reason', () => {
    const intoLoner: HouseholdDecision = { id: 9, kind: 'merge', recordId: 102, intoRecordId: 104 };
    const out = applyHouseholdDecisions(recordIds, persons, placement(), [intoLoner]);
    expect([...out.placedBy]).toEqual([Evidence.ADDRESS, Evidence.ADDRESS, PLACED_BY_ANALYST, PLACED_BY_ANALYST, PLACED_BY_ANALYST]);
  });
});
