// Human decisions on record pairs (DESIGN §3 Link / Decision): match, non-match or unsure. They
// persist across Runs and constrain clustering: a match joins, a non-match keeps apart.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Store } from '../store/store.js';
import type { Db } from '../store/database.js';

export type DecisionKind = 'match' | 'non-match' | 'unsure';

export interface Decision {
  a: number;
  b: number;
  decision: DecisionKind;
}

/** Records (or replaces) the decision on a pair of records; audited with ids only. */
export function recordDecision(store: Store, recordA: number, recordB: number, decision: DecisionKind, user: string, note?: string): void {
  if (recordA === recordB) throw new WorkbenchError('bad-input', 'A decision needs two different records.');
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  const exists = store.writer.prepare('SELECT count(*) AS n FROM record WHERE id IN (?, ?)').get(a, b) as { n: number };
  if (exists.n !== 2) throw new WorkbenchError('not-found', `No record with id ${exists.n === 0 ? `${a} or ${b}` : 'one of the two'}.`);
  store.writer.transaction(() => {
    store.writer
      .prepare(
        `INSERT INTO link_decision(record_a, record_b, decision, decided_by, decided_at, note) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(record_a, record_b) DO UPDATE SET decision = excluded.decision, decided_by = excluded.decided_by,
           decided_at = excluded.decided_at, note = excluded.note`,
      )
      .run(a, b, decision, user, new Date().toISOString(), note ?? null);
    store.audit(user, 'link-decision', { recordA: a, recordB: b, decision });
  })();
}

export function loadDecisions(db: Db): Decision[] {
  return (db.prepare('SELECT record_a AS a, record_b AS b, decision FROM link_decision ORDER BY record_a, record_b').all() as Decision[]).map((d) => ({ ...d }));
}
