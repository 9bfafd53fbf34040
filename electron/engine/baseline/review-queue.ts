// The review queue: the latest run's record pairs between "worth a look" and the threshold that
// run linked at, grouped into one entry per pair of people. Month 2 of an extract brings new
// records of the same two people; without grouping the same false merge would be asked twice. A
// decision on any record pair between two people settles the entry: clustering honours a
// non-match between any of their records for the whole person, and a match joins them.
import type { DecisionKind } from '../../../shared/ipc/channels/matching.js';
import type { ClusterRecord, PairCluster, QueueEntry, RecordRef, ReviewQueue } from '../../../shared/ipc/channels/baseline.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { cohortImpact } from '../cohort/review-impact.js';
import { recordDecision } from '../link/decisions.js';
import { refreshReviewFlags } from './index-build.js';
import { latestRunRow } from '../matching/latest-run.js';
import { matchingSettings } from '../matching/settings.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';

export type Scenario = 'any' | 'same-name-dob-different-postcode' | 'same-name-different-dob' | 'same-dob-different-name';

export interface QueueRequest {
  limit?: number | undefined;
  offset?: number | undefined;
  undecidedOnly?: boolean | undefined;
  sources?: readonly [string, string] | undefined;
  scenario?: Scenario | undefined;
  order?: 'weight' | 'cohort-impact' | undefined;
}

export function parsePairId(id: string): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(id);
  if (!m) throw new WorkbenchError('bad-input', `"${id}" is not a pair ID (two record numbers joined by a dash, as review list shows).`);
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a === b) throw new WorkbenchError('bad-input', 'A pair needs two different records.');
  return a < b ? [a, b] : [b, a];
}

export const pairIdOf = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);

const RECORD_SQL = `SELECT r.id AS recordId, s.file_name AS file, sh.sheet, w.row_number AS row, r.forename, r.surname, r.dob, r.postcode,
       r.sex, r.address, r.nhs_number AS nhsNumber, r.nino, r.upn, r.nhs_number_valid AS nhsValid, r.nino_valid AS ninoValid, r.upn_valid AS upnValid,
       rp.person_id AS personId
  FROM record r
  JOIN raw_row w ON w.id = r.raw_row_id
  JOIN source s ON s.id = r.source_id
  JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal
  LEFT JOIN run_record_person rp ON rp.run_id = ? AND rp.record_id = r.id`;

type FullRecord = RecordRef & { sex: string | null; address: string | null; nhsNumber: string | null; nino: string | null; upn: string | null; nhsValid: number; ninoValid: number; upnValid: number };

function loadRecords(db: Db, run: number, ids: readonly number[]): Map<number, FullRecord> {
  const out = new Map<number, FullRecord>();
  const stmt = db.prepare(`${RECORD_SQL} WHERE r.id = ?`);
  for (const id of ids) {
    const row = stmt.get(run, id) as FullRecord | undefined;
    if (row) out.set(id, row);
  }
  return out;
}

const ref = (r: FullRecord): RecordRef => ({
  recordId: r.recordId,
  file: r.file,
  sheet: r.sheet,
  row: r.row,
  forename: r.forename,
  surname: r.surname,
  dob: r.dob,
  postcode: r.postcode,
  personId: r.personId,
});

const norm = (s: string | null): string => (s ?? '').trim().toUpperCase();

function matchesScenario(a: FullRecord, b: FullRecord, scenario: Scenario): boolean {
  const sameName = norm(a.forename) !== '' && norm(a.forename) === norm(b.forename) && norm(a.surname) === norm(b.surname);
  const sameDob = a.dob !== null && a.dob === b.dob;
  if (scenario === 'same-name-dob-different-postcode') return sameName && sameDob && norm(a.postcode) !== norm(b.postcode);
  if (scenario === 'same-name-different-dob') return sameName && a.dob !== null && b.dob !== null && !sameDob;
  if (scenario === 'same-dob-different-name') return sameDob && !sameName;
  return true;
}

/** The band the queue covers: from the saved "review from" up to the latest run's threshold. */
function band(store: Store, runThreshold: number): { reviewFrom: number; threshold: number } {
  const settings = matchingSettings(store);
  return { reviewFrom: Math.min(settings.reviewFrom, runThreshold), threshold: runThreshold };
}

export function reviewQueue(store: Store, request: QueueRequest): ReviewQueue | null {
  const db = store.reader;
  const run = latestRunRow(db);
  if (run === null) return null;
  const { reviewFrom, threshold } = band(store, run.threshold);
  const rows = db
    .prepare(
      `SELECT p.record_a AS a, p.record_b AS b, p.probability, p.match_weight AS weight, pa.person_id AS pa, pb.person_id AS pb
       FROM link_pair p
       JOIN run_record_person pa ON pa.run_id = p.run_id AND pa.record_id = p.record_a
       JOIN run_record_person pb ON pb.run_id = p.run_id AND pb.record_id = p.record_b
       WHERE p.run_id = ? AND p.probability >= ? AND p.probability < ?
       ORDER BY p.match_weight DESC, p.record_a, p.record_b`,
    )
    .raw(true)
    .all(run.id, reviewFrom, threshold) as Array<[number, number, number, number, string, string]>;

  // decisions by pair of people under the latest run (a record imported since has no person yet)
  const decidedPeople = new Map<string, DecisionKind>();
  const decidedPairs = new Map<string, DecisionKind>();
  for (const [a, b, d, pa, pb] of db
    .prepare(
      `SELECT d.record_a, d.record_b, d.decision, pa.person_id, pb.person_id FROM link_decision d
       LEFT JOIN run_record_person pa ON pa.run_id = ? AND pa.record_id = d.record_a
       LEFT JOIN run_record_person pb ON pb.run_id = ? AND pb.record_id = d.record_b`,
    )
    .raw(true)
    .all(run.id, run.id) as Array<[number, number, DecisionKind, string | null, string | null]>) {
    decidedPairs.set(pairIdOf(a, b), d);
    if (pa !== null && pb !== null) decidedPeople.set(peopleKey(pa, pb), d);
  }

  // one entry per pair of people, represented by its strongest record pair
  const groups = new Map<string, { a: number; b: number; probability: number; weight: number; pairs: number }>();
  for (const [a, b, probability, weight, pa, pb] of rows) {
    const key = peopleKey(pa, pb);
    const g = groups.get(key);
    if (g) g.pairs++;
    else groups.set(key, { a, b, probability, weight, pairs: 1 });
  }
  const undecidedOnly = request.undecidedOnly ?? true;
  let chosen = [...groups.entries()].filter(([key]) => !undecidedOnly || !decidedPeople.has(key));
  const needsRecords = request.sources !== undefined || (request.scenario !== undefined && request.scenario !== 'any');
  let cache = new Map<number, FullRecord>();
  if (needsRecords) {
    cache = loadRecords(db, run.id, chosen.flatMap(([, g]) => [g.a, g.b]));
    const [s1, s2] = request.sources ?? ['', ''];
    chosen = chosen.filter(([, g]) => {
      const a = cache.get(g.a);
      const b = cache.get(g.b);
      if (!a || !b) return false;
      if (request.sources && !((a.file === s1 && b.file === s2) || (a.file === s2 && b.file === s1))) return false;
      return matchesScenario(a, b, request.scenario ?? 'any');
    });
  }
  // Pairs the cohort rests on first (stable: by weight within each group).
  const impact = request.order === 'cohort-impact' ? cohortImpact(db) : null;
  const impacts = new Map<string, boolean>();
  if (impact) {
    for (const [key] of chosen) impacts.set(key, impact(...(key.split('|') as [string, string])));
    chosen = [...chosen.filter(([key]) => impacts.get(key)), ...chosen.filter(([key]) => !impacts.get(key))];
  }
  const offset = request.offset ?? 0;
  const page = chosen.slice(offset, offset + (request.limit ?? 50));
  const missing = page.flatMap(([, g]) => [g.a, g.b]).filter((id) => !cache.has(id));
  for (const [id, r] of loadRecords(db, run.id, missing)) cache.set(id, r);
  const entries: QueueEntry[] = [];
  for (const [key, g] of page) {
    const a = cache.get(g.a);
    const b = cache.get(g.b);
    if (!a || !b) continue;
    entries.push({
      id: pairIdOf(g.a, g.b),
      recordA: g.a,
      recordB: g.b,
      probability: g.probability,
      matchWeight: g.weight,
      a: ref(a),
      b: ref(b),
      pairs: g.pairs,
      decision: decidedPairs.get(pairIdOf(g.a, g.b)) ?? decidedPeople.get(key) ?? null,
      ...(impact ? { cohortImpact: impacts.get(key) ?? false } : {}),
    });
  }
  return { run: run.id, reviewFrom, threshold, total: chosen.length, entries };
}

function peopleKey(pa: string, pb: string): string {
  return pa < pb ? `${pa}|${pb}` : `${pb}|${pa}`;
}

const decisionCount = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM link_decision').get() as { n: number }).n;

function currentDecision(db: Db, a: number, b: number): DecisionKind | null {
  return (db.prepare('SELECT decision FROM link_decision WHERE record_a = ? AND record_b = ?').get(a, b) as { decision: DecisionKind } | undefined)?.decision ?? null;
}

/** Records the decision on a pair (replacing any); the next `link` honours it. Audited by IDs. */
export function decidePair(store: Store, user: string, id: string, decision: DecisionKind, note?: string): { id: string; decision: DecisionKind; previous: DecisionKind | null; decisions: number } {
  const [a, b] = parsePairId(id);
  const previous = currentDecision(store.reader, a, b);
  recordDecision(store, a, b, decision, user, note);
  refreshFlagsOf(store, a, b);
  return { id: pairIdOf(a, b), decision, previous, decisions: decisionCount(store.reader) };
}

/** Takes a decision back: the pair is left to the scores again and returns to the queue. */
export function clearDecision(store: Store, user: string, id: string): { id: string; previous: DecisionKind | null; decisions: number } {
  const [a, b] = parsePairId(id);
  const previous = currentDecision(store.reader, a, b);
  store.writer.transaction(() => {
    store.writer.prepare('DELETE FROM link_decision WHERE record_a = ? AND record_b = ?').run(a, b);
    store.audit(user, 'link-decision-cleared', { recordA: a, recordB: b });
  })();
  refreshFlagsOf(store, a, b);
  return { id: pairIdOf(a, b), previous, decisions: decisionCount(store.reader) };
}

/** Keeps the grid's "in review" flag of the pair's two people current after a decision. */
function refreshFlagsOf(store: Store, a: number, b: number): void {
  const run = latestRunRow(store.reader);
  if (run === null) return;
  const people = store.reader.prepare('SELECT DISTINCT person_id FROM run_record_person WHERE run_id = ? AND record_id IN (?, ?)').pluck().all(run.id, a, b) as string[];
  const { reviewFrom, threshold } = band(store, run.threshold);
  refreshReviewFlags(store.writer, run.id, reviewFrom, threshold, people);
}

/** Too many records of one source in one person suggests a false merge. */
const MAX_PER_SOURCE = 3;

/** Every record the pair would join (both people of the latest run), with what looks wrong. */
export function pairCluster(store: Store, user: string, id: string): PairCluster {
  const db = store.reader;
  const [a, b] = parsePairId(id);
  const run = latestRunRow(db);
  if (run === null) throw new WorkbenchError('not-found', 'Linkage has not been run yet.');
  const ends = loadRecords(db, run.id, [a, b]);
  const ra = ends.get(a);
  const rb = ends.get(b);
  if (!ra || !rb) throw new WorkbenchError('not-found', 'One of these records no longer exists (its source may have been purged).');
  const members = (person: string | null, record: number): number[] =>
    person === null ? [record] : (db.prepare('SELECT record_id FROM run_record_person WHERE run_id = ? AND person_id = ?').pluck().all(run.id, person) as number[]);
  const sideA = members(ra.personId, a);
  const sideB = ra.personId !== null && ra.personId === rb.personId ? [] : members(rb.personId, b);
  const all = loadRecords(db, run.id, [...sideA, ...sideB]);
  const records: ClusterRecord[] = [];
  for (const [side, ids] of [['a', sideA], ['b', sideB]] as const) {
    for (const rid of ids) {
      const r = all.get(rid);
      if (r) records.push({ ...ref(r), side, sex: r.sex, address: r.address, nhsNumber: r.nhsNumber, nino: r.nino, upn: r.upn });
    }
  }
  const flags: string[] = [];
  const full = [...all.values()];
  for (const [label, value, valid] of [
    ['NHS numbers', (r: FullRecord) => r.nhsNumber, (r: FullRecord) => r.nhsValid],
    ['National Insurance numbers', (r: FullRecord) => r.nino, (r: FullRecord) => r.ninoValid],
    ['UPNs', (r: FullRecord) => r.upn, (r: FullRecord) => r.upnValid],
  ] as const) {
    const distinct = new Set(full.filter((r) => valid(r) === 1 && value(r)).map((r) => norm(value(r))));
    if (distinct.size > 1) flags.push(`Identifier conflict: ${distinct.size} different valid ${label}.`);
  }
  const perSource = new Map<string, number>();
  for (const r of full) perSource.set(r.file, (perSource.get(r.file) ?? 0) + 1);
  for (const [file, n] of perSource) if (n > MAX_PER_SOURCE) flags.push(`${n} records from ${file}: one source rarely holds a person that often.`);
  const ids = full.map((r) => r.recordId).sort((x, y) => x - y);
  const possible = (ids.length * (ids.length - 1)) / 2;
  let linked = 0;
  if (possible > 0 && ids.length <= 200) {
    const stmt = db.prepare('SELECT count(*) AS n FROM link_pair WHERE run_id = ? AND record_a = ? AND record_b IN (SELECT value FROM json_each(?)) AND probability >= ?');
    for (let i = 0; i < ids.length; i++) {
      linked += (stmt.get(run.id, ids[i], JSON.stringify(ids.slice(i + 1)), run.threshold) as { n: number }).n;
    }
  }
  const density = possible === 0 ? 1 : linked / possible;
  if (ids.length >= 4 && density < 0.3) flags.push(`Low density: only ${linked} of ${possible} pairs of these records link by themselves; a chain of weak links joins them.`);
  store.audit(user, 'view-cluster', { run: run.id, recordA: a, recordB: b, records: records.length });
  return { id: pairIdOf(a, b), run: run.id, records, flags, density: Math.round(density * 1000) / 1000 };
}
