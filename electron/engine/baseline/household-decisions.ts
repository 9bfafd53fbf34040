// An analyst's household decisions: "these two households are one family" (merge) and "this
// person does not live in this household" (split). Kept by record IDs, which outlive every Run's
// person and household IDs, and laid over each Run's household stage, so they hold like pair
// decisions do; stable IDs then keep the surviving household's ID.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { Evidence } from '../link/households/index.js';
import type { HouseholdAssignment, PersonClusters } from '../link/types.js';
import { latestRunRow } from '../matching/latest-run.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';

export interface HouseholdDecision {
  id: number;
  kind: 'merge' | 'split';
  /** merge: a record of the household that joins; split: a record of the person who leaves */
  recordId: number;
  /** merge: a record of the household joined */
  intoRecordId: number | null;
}

/**
 * A person's reason for being in their household (run_person_household.placed_by) when an
 * analyst's decision put them there; every other value is the household stage's Evidence code.
 * Far above the rule codes, so a rule added to the stage never takes it.
 */
export const PLACED_BY_ANALYST = 200;

/** The households with each person's reason: a rule's Evidence code or PLACED_BY_ANALYST. */
export interface DecidedHouseholds extends HouseholdAssignment {
  /** per person: the Evidence code that placed them, or PLACED_BY_ANALYST */
  placedBy: Uint8Array;
  /** person → the household_decision that placed them, for those PLACED_BY_ANALYST */
  decisionOf: Map<number, number>;
}

export function loadHouseholdDecisions(db: Db): HouseholdDecision[] {
  return db.prepare('SELECT id, kind, record_id AS recordId, into_record_id AS intoRecordId FROM household_decision ORDER BY id').all() as HouseholdDecision[];
}

/**
 * Applies the decisions in the order they were made; a decision whose records are gone is
 * skipped. `evidence` is the household stage's reason per person (kept as is where no decision
 * touched them). A decision is the reason of the people it moved: a merge's joining household, and
 * anyone in the household joined who had been on their own; a split's leaver. Someone a split
 * leaves on their own keeps no rule's reason (the analyst said the one it joined them to was wrong).
 */
export function applyHouseholdDecisions(
  recordIds: readonly number[],
  persons: PersonClusters,
  households: HouseholdAssignment & { evidence: Uint8Array },
  decisions: readonly HouseholdDecision[],
): DecidedHouseholds {
  if (decisions.length === 0) return { householdOfPerson: households.householdOfPerson, householdCount: households.householdCount, placedBy: households.evidence, decisionOf: new Map() };
  const indexOf = new Map<number, number>();
  recordIds.forEach((id, i) => indexOf.set(id, i));
  const of = Int32Array.from(households.householdOfPerson);
  const placedBy = Uint8Array.from(households.evidence);
  const decisionOf = new Map<number, number>();
  const decided = (person: number, decision: number): void => {
    placedBy[person] = PLACED_BY_ANALYST;
    decisionOf.set(person, decision);
  };
  let count = households.householdCount;
  const personOfRecord = (id: number): number | null => {
    const i = indexOf.get(id);
    return i === undefined ? null : (persons.personOf[i] as number);
  };
  for (const d of decisions) {
    const p = personOfRecord(d.recordId);
    if (p === null) continue;
    if (d.kind === 'split') {
      of[p] = count++;
      decided(p, d.id);
      continue;
    }
    const q = d.intoRecordId === null ? null : personOfRecord(d.intoRecordId);
    if (q === null) continue;
    const from = of[p] as number;
    const to = of[q] as number;
    if (from === to) continue;
    for (let i = 0; i < of.length; i++) {
      if (of[i] === from) {
        of[i] = to;
        decided(i, d.id);
      } else if (of[i] === to && placedBy[i] === Evidence.ALONE) decided(i, d.id);
    }
  }
  // dense household indexes again
  const dense = new Map<number, number>();
  for (let i = 0; i < of.length; i++) {
    const h = of[i] as number;
    if (!dense.has(h)) dense.set(h, dense.size);
    of[i] = dense.get(h) as number;
  }
  const members = new Int32Array(dense.size);
  for (let i = 0; i < of.length; i++) members[of[i] as number]!++;
  for (let i = 0; i < of.length; i++) if (members[of[i] as number] === 1 && placedBy[i] !== PLACED_BY_ANALYST) placedBy[i] = Evidence.ALONE;
  return { householdOfPerson: of, householdCount: dense.size, placedBy, decisionOf };
}

/** A record of the person, for keying a decision (any will do: all stay with the person). */
function recordOf(db: Db, personId: string): number {
  const ids = db.prepare('SELECT record_ids FROM baseline_person WHERE person_id = ?').pluck().get(personId) as string | undefined;
  const first = ids ? (JSON.parse(ids) as number[])[0] : undefined;
  if (first === undefined) throw new WorkbenchError('not-found', `There is no person ${personId} in the latest linkage run.`);
  return first;
}

function firstMemberRecord(db: Db, householdId: string): number {
  const person = db.prepare('SELECT person_id FROM baseline_person WHERE household_id = ? ORDER BY person_id LIMIT 1').pluck().get(householdId) as string | undefined;
  if (person === undefined) throw new WorkbenchError('not-found', `There is no household ${householdId} in the latest linkage run.`);
  return recordOf(db, person);
}

/** Records a household decision; it applies from the next matching run. Audited by IDs. */
export function decideHousehold(store: Store, user: string, request: { kind: 'merge'; householdId: string; intoHouseholdId: string } | { kind: 'split'; householdId: string; personId: string }, note?: string): { kind: string; decisions: number } {
  if (latestRunRow(store.reader) === null) throw new WorkbenchError('not-found', 'Linkage has not been run yet.');
  const db = store.reader;
  let recordId: number;
  let into: number | null = null;
  if (request.kind === 'merge') {
    if (request.householdId === request.intoHouseholdId) throw new WorkbenchError('bad-input', 'Choose a different household to join.');
    recordId = firstMemberRecord(db, request.householdId);
    into = firstMemberRecord(db, request.intoHouseholdId);
  } else {
    const home = db.prepare('SELECT household_id FROM baseline_person WHERE person_id = ?').pluck().get(request.personId) as string | undefined;
    if (home !== request.householdId) throw new WorkbenchError('not-found', `${request.personId} is not a member of ${request.householdId} in the latest linkage run.`);
    recordId = recordOf(db, request.personId);
  }
  store.writer.transaction(() => {
    store.writer
      .prepare('INSERT INTO household_decision(kind, record_id, into_record_id, decided_by, decided_at, note) VALUES (?, ?, ?, ?, ?, ?)')
      .run(request.kind, recordId, into, user, new Date().toISOString(), note ?? null);
    store.audit(user, `household-${request.kind}`, { householdId: request.householdId, ...(request.kind === 'merge' ? { intoHouseholdId: request.intoHouseholdId } : { personId: request.personId }) });
  })();
  return { kind: request.kind, decisions: (store.reader.prepare('SELECT count(*) FROM household_decision').pluck().get() as number) };
}
