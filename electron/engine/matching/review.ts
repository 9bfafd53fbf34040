// The review queue: the latest run's pairs in the review band (at or above `reviewFrom`, below the
// threshold), each with any decision already made, and one pair's two records side by side with
// the weight of every comparison (the waterfall). Viewing a pair is audited by record ids.
import type { DecisionKind, PairDetail, PairRecord, ReviewItem } from '../../../shared/ipc/channels/matching.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { explainPair } from '../link/explain.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';
import { latestRunRow } from './latest-run.js';

const PAGE_LIMIT = 200;

export interface ReviewPage {
  run: number;
  total: number;
  items: ReviewItem[];
}

export function reviewList(db: Db, request: { reviewFrom: number; threshold: number; undecidedOnly?: boolean | undefined; startRow: number; endRow: number }): ReviewPage | null {
  const run = latestRunRow(db);
  if (run === null) return null;
  const undecided = request.undecidedOnly ? ' AND NOT EXISTS (SELECT 1 FROM link_decision x WHERE x.record_a = p.record_a AND x.record_b = p.record_b)' : '';
  const where = `p.run_id = ? AND p.probability >= ? AND p.probability < ?${undecided}`;
  const params = [run.id, request.reviewFrom, request.threshold];
  const total = (db.prepare(`SELECT count(*) AS n FROM link_pair p WHERE ${where}`).get(...params) as { n: number }).n;
  const items = db
    .prepare(
      `SELECT p.record_a AS recordA, p.record_b AS recordB, p.probability, p.match_weight AS matchWeight,
              sa.file_name AS sourceA, sb.file_name AS sourceB, d.decision
       FROM link_pair p
       JOIN record ra ON ra.id = p.record_a JOIN source sa ON sa.id = ra.source_id
       JOIN record rb ON rb.id = p.record_b JOIN source sb ON sb.id = rb.source_id
       LEFT JOIN link_decision d ON d.record_a = p.record_a AND d.record_b = p.record_b
       WHERE ${where}
       ORDER BY p.match_weight DESC, p.record_a, p.record_b
       LIMIT ? OFFSET ?`,
    )
    .all(...params, Math.min(Math.max(request.endRow - request.startRow, 0), PAGE_LIMIT), request.startRow) as ReviewItem[];
  return { run: run.id, total, items };
}

function pairRecords(db: Db, ids: readonly [number, number], run: number): [PairRecord, PairRecord] {
  const rows = db
    .prepare(
      `SELECT r.id, s.file_name AS source, sh.sheet, w.row_number AS rowNumber, r.forename, r.surname, r.dob, r.sex,
              r.address, r.postcode, r.uprn, r.nhs_number AS nhsNumber, r.nino, r.upn, rp.person_id AS personId
       FROM record r
       JOIN raw_row w ON w.id = r.raw_row_id
       JOIN source s ON s.id = r.source_id
       JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
       LEFT JOIN run_record_person rp ON rp.run_id = ? AND rp.record_id = r.id
       WHERE r.id IN (?, ?)`,
    )
    .all(run, ids[0], ids[1]) as PairRecord[];
  const a = rows.find((r) => r.id === ids[0]);
  const b = rows.find((r) => r.id === ids[1]);
  if (!a || !b) throw new WorkbenchError('not-found', 'One of these records no longer exists (its source may have been purged).');
  return [a, b];
}

export function decisionOn(db: Db, a: number, b: number): DecisionKind | null {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const row = db.prepare('SELECT decision FROM link_decision WHERE record_a = ? AND record_b = ?').get(lo, hi) as { decision: DecisionKind } | undefined;
  return row?.decision ?? null;
}

/** Both records of a pair and its waterfall under the latest run; audited as a view of person-level data. */
export function pairDetail(store: Store, user: string, recordA: number, recordB: number): PairDetail {
  if (recordA === recordB) throw new WorkbenchError('bad-input', 'A pair needs two different records.');
  const [lo, hi] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  const explanation = explainPair(store.reader, lo, hi);
  const [a, b] = pairRecords(store.reader, [lo, hi], explanation.run);
  store.audit(user, 'view-pair', { run: explanation.run, recordA: lo, recordB: hi });
  return {
    run: explanation.run,
    a,
    b,
    priorWeight: explanation.priorWeight,
    comparisons: explanation.comparisons,
    matchWeight: explanation.matchWeight,
    probability: explanation.probability,
    termFrequencies: explanation.termFrequencies,
    decision: decisionOn(store.reader, lo, hi),
  };
}
