// Everything behind one person and one household of the latest Run: every record from every
// source with its cells as sent, the identity the baseline settled on and which records
// disagree with it, events on one timeline, households over the Runs, the decisions and scored
// pairs that joined the records. Opening either page is audited by IDs and counts.
import type { DecisionKind } from '../../../shared/ipc/channels/matching.js';
import type { HouseholdPage, PersonDecision, PersonPage, PersonRecord, TimelineEvent } from '../../../shared/ipc/channels/baseline.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { latestRunRow } from '../matching/latest-run.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';
import { householdReason, householdReasonIn } from './household-reasons.js';
import { ageOn, ensureBaselineIndex, runAsOf } from './index-build.js';
import { pairIdOf } from './review-queue.js';

const IDENTITY_FIELDS = ['forename', 'surname', 'dob', 'sex', 'postcode', 'nhsNumber', 'nino', 'upn'] as const;
type IdentityField = (typeof IDENTITY_FIELDS)[number];
/** Pairs shown per person: a person of many records has many pairs; the strongest explain it. */
const MAX_PAIRS = 200;

interface RecordRow {
  recordId: number;
  sourceId: number;
  file: string;
  partner: string;
  kind: string;
  asOf: string;
  sheet: string;
  row: number;
  headers: string;
  cells: string;
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
  dob: string | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  nino: string | null;
  upn: string | null;
  agencyRef: string | null;
}

const RECORDS_SQL = `SELECT r.id AS recordId, s.id AS sourceId, s.file_name AS file, s.partner, s.kind, s.as_of AS asOf, sh.sheet, w.row_number AS row,
       sh.headers_json AS headers, w.cells_json AS cells, r.forename, r.middle_names AS middleNames, r.surname, r.dob, r.sex, r.address, r.postcode,
       r.nhs_number AS nhsNumber, r.nino, r.upn, r.agency_ref AS agencyRef
  FROM record r
  JOIN raw_row w ON w.id = r.raw_row_id
  JOIN source s ON s.id = r.source_id
  JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal`;

const norm = (v: string | null): string => (v ?? '').trim().toUpperCase().replace(/\s+/g, ' ');

function cellsOf(r: RecordRow): Array<{ header: string; value: string }> {
  const headers = JSON.parse(r.headers) as string[];
  const cells = JSON.parse(r.cells) as Array<string | null>;
  const out: Array<{ header: string; value: string }> = [];
  for (let i = 0; i < Math.max(headers.length, cells.length); i++) {
    const value = cells[i];
    if (value === null || value === undefined || value === '') continue;
    out.push({ header: headers[i] ?? `Column ${i + 1}`, value: String(value) });
  }
  return out;
}

/** The most common value of a field across records, ties to the newest extract. */
function settled(rows: readonly RecordRow[], field: IdentityField): string | null {
  const counts = new Map<string, { n: number; asOf: string; value: string }>();
  for (const r of rows) {
    const v = r[field];
    if (!v) continue;
    const c = counts.get(norm(v));
    if (c) {
      c.n++;
      if (r.asOf > c.asOf) c.asOf = r.asOf;
    } else counts.set(norm(v), { n: 1, asOf: r.asOf, value: v });
  }
  let best: { n: number; asOf: string; value: string } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.asOf > best.asOf)) best = c;
  return best?.value ?? null;
}

/** The person's records in the latest Run, through the baseline's record list (one indexed row). */
export function recordsOfPerson(store: Store, personId: string): RecordRow[] {
  ensureBaselineIndex(store);
  const ids = store.reader.prepare('SELECT record_ids FROM baseline_person WHERE person_id = ?').pluck().get(personId) as string | undefined;
  if (ids === undefined) return [];
  return store.reader.prepare(`${RECORDS_SQL} WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY s.as_of, s.id, w.row_number`).all(ids) as RecordRow[];
}

function eventsOf(db: Db, recordIds: readonly number[], personOf: (recordId: number) => string | null): TimelineEvent[] {
  if (recordIds.length === 0) return [];
  return (
    db
      .prepare(
        `SELECT e.id, e.record_id AS recordId, e.kind, e.category, e.start_date AS start, e.end_date AS end, e.value, e.detail_json AS detail, s.file_name AS file
         FROM event e JOIN source s ON s.id = e.source_id
         WHERE e.record_id IN (SELECT value FROM json_each(?))
         ORDER BY coalesce(e.start_date, e.end_date), e.id`,
      )
      .all(JSON.stringify(recordIds)) as Array<Omit<TimelineEvent, 'personId' | 'detail'> & { detail: string }>
  ).map((e) => ({ ...e, detail: Object.fromEntries(Object.entries(JSON.parse(e.detail) as Record<string, unknown>).map(([k, v]) => [k, String(v)])), personId: personOf(e.recordId) }));
}

/** Where the person lived (which household) Run by Run, as spans, each with why they were there in its last Run. */
function householdSpans(db: Db, personId: string): PersonPage['households'] {
  // one primary-key lookup per Run: the table is keyed (run, person), and Runs are few (CROSS
  // JOIN keeps link_run the outer loop: the person alone is no key to search by)
  const rows = db
    .prepare(
      `SELECT lr.id AS run, ph.household_id AS householdId, ph.placed_by AS code, d.decided_at AS decidedAt, lr.as_of AS asOf, lr.finished_at AS at
       FROM link_run lr CROSS JOIN run_person_household ph ON ph.run_id = lr.id AND ph.person_id = ?
       LEFT JOIN household_decision d ON d.id = ph.decision_id
       ORDER BY lr.id`,
    )
    .all(personId) as Array<{ run: number; householdId: string; code: number | null; decidedAt: string | null; asOf: string | null; at: string }>;
  const spans: PersonPage['households'] = [];
  for (const r of rows) {
    const last = spans[spans.length - 1];
    const reason = householdReason(r.code, r.decidedAt);
    if (last && last.householdId === r.householdId) {
      last.toRun = r.run;
      last.to = r.asOf ?? r.at.slice(0, 10);
      last.reason = reason;
    } else spans.push({ householdId: r.householdId, fromRun: r.run, toRun: r.run, from: r.asOf ?? r.at.slice(0, 10), to: r.asOf ?? r.at.slice(0, 10), reason });
  }
  return spans;
}

/** Decisions touching the records, each with whether the latest Run honours it. */
function decisionsOf(db: Db, run: number, recordIds: readonly number[]): PersonDecision[] {
  if (recordIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT d.record_a AS a, d.record_b AS b, d.decision, d.decided_by AS by, d.decided_at AS at, d.note,
              pa.person_id AS pa, pb.person_id AS pb
       FROM link_decision d
       LEFT JOIN run_record_person pa ON pa.run_id = @run AND pa.record_id = d.record_a
       LEFT JOIN run_record_person pb ON pb.run_id = @run AND pb.record_id = d.record_b
       WHERE d.record_a IN (SELECT value FROM json_each(@ids)) OR d.record_b IN (SELECT value FROM json_each(@ids))
       ORDER BY d.decided_at`,
    )
    .all({ run, ids: JSON.stringify(recordIds) }) as Array<{ a: number; b: number; decision: DecisionKind; by: string; at: string; note: string | null; pa: string | null; pb: string | null }>;
  return rows.map((d) => {
    let status: PersonDecision['status'];
    if (d.pa === null || d.pb === null) status = 'pending';
    else if (d.decision === 'unsure') status = 'applied';
    else if (d.decision === 'match') status = d.pa === d.pb ? 'applied' : 'conflict';
    else status = d.pa !== d.pb ? 'applied' : 'conflict';
    return { id: pairIdOf(d.a, d.b), recordA: d.a, recordB: d.b, decision: d.decision, decidedBy: d.by, decidedAt: d.at, note: d.note, personA: d.pa, personB: d.pb, status };
  });
}

/** Audit events about the person: views of them, their pairs, decisions on their records. */
export function auditAbout(store: Store, personId: string, recordIds: readonly number[]): Array<{ id: number; at: string; actor: string; action: string; payload: string }> {
  return store.reader
    .prepare(
      `SELECT id, at, actor, action, payload_json AS payload FROM audit_event
       WHERE json_extract(payload_json, '$.personId') = @person
          OR instr(',' || coalesce(json_extract(payload_json, '$.personIds'), '') || ',', ',' || @person || ',') > 0
          OR json_extract(payload_json, '$.recordA') IN (SELECT value FROM json_each(@ids))
          OR json_extract(payload_json, '$.recordB') IN (SELECT value FROM json_each(@ids))
          OR json_extract(payload_json, '$.recordId') IN (SELECT value FROM json_each(@ids))
       ORDER BY id`,
    )
    .all({ person: personId, ids: JSON.stringify(recordIds) }) as Array<{ id: number; at: string; actor: string; action: string; payload: string }>;
}

export function personPage(store: Store, user: string, personId: string): PersonPage {
  ensureBaselineIndex(store);
  const db = store.reader;
  const run = latestRunRow(db);
  if (run === null) throw new WorkbenchError('not-found', 'Linkage has not been run yet: there are no people to show.');
  const rows = recordsOfPerson(store, personId);
  if (rows.length === 0) throw new WorkbenchError('not-found', `There is no person ${personId} in the latest linkage run (run ${run.id}).`);
  const identity = Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, settled(rows, f)])) as Record<IdentityField, string | null>;
  const records: PersonRecord[] = rows.map((r) => ({
    recordId: r.recordId,
    sourceId: r.sourceId,
    file: r.file,
    partner: r.partner,
    kind: r.kind,
    asOf: r.asOf,
    sheet: r.sheet,
    row: r.row,
    cells: cellsOf(r),
    fields: {
      forename: r.forename,
      middleNames: r.middleNames,
      surname: r.surname,
      dob: r.dob,
      sex: r.sex,
      address: r.address,
      postcode: r.postcode,
      nhsNumber: r.nhsNumber,
      nino: r.nino,
      upn: r.upn,
      agencyRef: r.agencyRef,
    },
    disagrees: IDENTITY_FIELDS.filter((f) => r[f] !== null && r[f] !== '' && identity[f] !== null && norm(r[f]) !== norm(identity[f])),
  }));
  const recordIds = rows.map((r) => r.recordId);
  const pairs = db
    .prepare(
      `SELECT record_a AS recordA, record_b AS recordB, probability, match_weight AS matchWeight FROM link_pair
       WHERE run_id = @run AND record_a IN (SELECT value FROM json_each(@ids)) AND record_b IN (SELECT value FROM json_each(@ids))
       ORDER BY match_weight DESC LIMIT @max`,
    )
    .all({ run: run.id, ids: JSON.stringify(recordIds), max: MAX_PAIRS }) as PersonPage['pairs'];
  const base = db.prepare('SELECT household_id AS householdId, lsoa, possible_twin AS twin, in_review AS review FROM baseline_person WHERE person_id = ?').get(personId) as
    | { householdId: string | null; lsoa: string | null; twin: number; review: number }
    | undefined;
  const events = eventsOf(db, recordIds, () => personId);
  const page: PersonPage = {
    personId,
    run: run.id,
    asOf: runAsOf(db, run.id),
    identity,
    age: ageOn(identity.dob, runAsOf(db, run.id)),
    householdId: base?.householdId ?? null,
    householdReason: base?.householdId ? householdReasonIn(db, run.id, personId) : null,
    lsoa: base?.lsoa ?? null,
    flags: { possibleTwin: base?.twin === 1, inReview: base?.review === 1, noDob: identity.dob === null },
    records,
    events,
    households: householdSpans(db, personId),
    decisions: decisionsOf(db, run.id, recordIds),
    pairs: pairs.map((p) => ({ ...p, id: pairIdOf(p.recordA, p.recordB), linked: p.probability >= run.threshold })),
    threshold: run.threshold,
    views: auditAbout(store, personId, recordIds).map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action })),
  };
  store.audit(user, 'view-person', { personId, run: run.id, records: records.length });
  return page;
}

export function householdPage(store: Store, user: string, householdId: string): HouseholdPage {
  ensureBaselineIndex(store);
  const db = store.reader;
  const run = latestRunRow(db);
  if (run === null) throw new WorkbenchError('not-found', 'Linkage has not been run yet: there are no households to show.');
  const asOf = runAsOf(db, run.id);
  const members = db
    .prepare(
      `SELECT ph.person_id AS personId, min(ph.run_id) AS fromRun, max(ph.run_id) AS toRun, bp.forename, bp.surname, bp.dob, bp.sex,
              (max(ph.run_id) = @run) AS current
       FROM run_person_household ph LEFT JOIN baseline_person bp ON bp.person_id = ph.person_id
       WHERE ph.household_id = @hh GROUP BY ph.person_id ORDER BY current DESC, bp.dob`,
    )
    .all({ hh: householdId, run: run.id }) as Array<{ personId: string; fromRun: number; toRun: number; forename: string | null; surname: string | null; dob: string | null; sex: string | null; current: number }>;
  if (members.length === 0) throw new WorkbenchError('not-found', `There is no household ${householdId}.`);
  const current = members.filter((m) => m.current === 1);
  const recordRows = db
    .prepare(
      `SELECT r.id AS recordId, rp.person_id AS personId, r.address, r.postcode, r.uprn, coalesce(r.event_date, s.as_of) AS seen, s.file_name AS file
       FROM run_person_household ph JOIN run_record_person rp ON rp.run_id = ph.run_id AND rp.person_id = ph.person_id
       JOIN record r ON r.id = rp.record_id JOIN source s ON s.id = r.source_id
       WHERE ph.run_id = ? AND ph.household_id = ?`,
    )
    .all(run.id, householdId) as Array<{ recordId: number; personId: string; address: string | null; postcode: string | null; uprn: string | null; seen: string; file: string }>;
  // address history: each address the members were seen at, from the first to the last sighting
  const addresses = new Map<string, HouseholdPage['addresses'][number]>();
  for (const r of recordRows) {
    if (!r.address && !r.postcode) continue;
    const key = `${norm(r.address)}|${norm(r.postcode)}`;
    const a = addresses.get(key);
    if (a) {
      if (r.seen < a.from) a.from = r.seen;
      if (r.seen > a.to) a.to = r.seen;
      a.records++;
      if (!a.sources.includes(r.file)) a.sources.push(r.file);
    } else addresses.set(key, { address: r.address, postcode: r.postcode, uprn: r.uprn, from: r.seen, to: r.seen, records: 1, sources: [r.file] });
  }
  const personOfRecord = new Map(recordRows.map((r) => [r.recordId, r.personId]));
  const base = db.prepare('SELECT lsoa, street, sources_json AS sources FROM baseline_household WHERE household_id = ?').get(householdId) as
    | { lsoa: string | null; street: string | null; sources: string }
    | undefined;
  const page: HouseholdPage = {
    householdId,
    run: run.id,
    current: current.length > 0,
    lsoa: base?.lsoa ?? null,
    street: base?.street ?? null,
    sources: base ? (JSON.parse(base.sources) as string[]) : [],
    members: members.map((m) => ({
      personId: m.personId,
      forename: m.forename,
      surname: m.surname,
      dob: m.dob,
      age: ageOn(m.dob, asOf),
      sex: m.sex,
      fromRun: m.fromRun,
      toRun: m.toRun,
      current: m.current === 1,
      reason: householdReasonIn(db, m.toRun, m.personId) ?? householdReason(null, null),
    })),
    addresses: [...addresses.values()].sort((a, b) => a.from.localeCompare(b.from)),
    events: eventsOf(db, [...personOfRecord.keys()], (id) => personOfRecord.get(id) ?? null),
  };
  store.audit(user, 'view-household', { householdId, run: run.id, members: current.length });
  return page;
}

/**
 * "This record is someone else": a non-match decision between the record and every other record
 * of its person, so every later Run keeps it apart, like any decision. Audited by IDs.
 */
export function splitRecord(store: Store, user: string, personId: string, recordId: number, note?: string): { personId: string; recordId: number; decisions: number } {
  const run = latestRunRow(store.reader);
  if (run === null) throw new WorkbenchError('not-found', 'Linkage has not been run yet.');
  const others = (store.reader.prepare('SELECT record_id FROM run_record_person WHERE run_id = ? AND person_id = ?').pluck().all(run.id, personId) as number[]).filter((id) => id !== recordId);
  const inPerson = store.reader.prepare('SELECT 1 FROM run_record_person WHERE run_id = ? AND person_id = ? AND record_id = ?').get(run.id, personId, recordId);
  if (!inPerson) throw new WorkbenchError('not-found', `Record ${recordId} is not one of ${personId}'s records in the latest run.`);
  if (others.length === 0) throw new WorkbenchError('bad-input', `Record ${recordId} is ${personId}'s only record: there is nothing to split it from.`);
  const db = store.writer;
  const now = new Date().toISOString();
  db.transaction(() => {
    const upsert = db.prepare(
      `INSERT INTO link_decision(record_a, record_b, decision, decided_by, decided_at, note) VALUES (?, ?, 'non-match', ?, ?, ?)
       ON CONFLICT(record_a, record_b) DO UPDATE SET decision = 'non-match', decided_by = excluded.decided_by, decided_at = excluded.decided_at, note = excluded.note`,
    );
    for (const other of others) {
      const [a, b] = other < recordId ? [other, recordId] : [recordId, other];
      upsert.run(a, b, user, now, note ?? `split from ${personId}`);
    }
    store.audit(user, 'person-split', { personId, recordId, decisions: others.length });
  })();
  return { personId, recordId, decisions: others.length };
}
