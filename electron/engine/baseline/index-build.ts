// Builds the baseline tables (migration 0110) from the latest linkage Run: per person the
// identity the records settle on (the most common value of each field; ties to the newest
// extract), where they live, their flags and their search keys; per household its members,
// address and area. Built lazily: whoever reads the baseline first after a Run (or an erasure)
// pays for it once, in one write transaction; the version key says which Run it shows.
import { nicknamesOf, transliterationKey } from '../link/names.js';
import { soundex } from '../link/strings.js';
import { latestRunRow } from '../matching/latest-run.js';
import { BOOKMARK_EVERY, clearBookmarks, forgetReviewCounts, writeBookmarks } from './grid-bookmarks.js';
import { matchingSettings } from '../matching/settings.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';

const VERSION_KEY = 'baseline.index_run';
/** Sources 1 to 62 have a bit in source_bits; a source beyond that is found through the source tables alone. */
export const SOURCE_BITS_MAX = 62;
const sourceBits = (ids: Iterable<number>): bigint => {
  let bits = 0n;
  for (const id of ids) if (id >= 1 && id <= SOURCE_BITS_MAX) bits |= 1n << BigInt(id);
  return bits;
};

/** Moves whenever the baseline's rows change (a rebuild, review flags): grids drop cached counts. */
const CHANGED_KEY = 'baseline.changed';
/** Bumped when what the index holds changes shape, so stores built by an older version rebuild. */
const FORMAT = 6;
const FTS_HASH_BYTES = 64 * 1024 * 1024;

export interface PersonDoc {
  names: string[];
  dobs: string[];
  postcodes: string[];
  addresses: string[];
  ids: string[];
}

interface Row {
  person: string;
  recordId: number;
  street: string | null;
  household: string | null;
  sourceId: number;
  file: string;
  asOf: string;
  forename: string | null;
  middle: string | null;
  surname: string | null;
  dob: string | null;
  sex: string | null;
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  nhs: string | null;
  nino: string | null;
  upn: string | null;
  ref: string | null;
  other: string | null;
  /** the partner system's own number for the person (record.person_ref): searched like a reference */
  personRef: string | null;
}

/**
 * A row as the build's read returns it, in Row's order: read as arrays and made into objects here
 * (a plain literal), which halved the read's CPU against the driver building each object.
 */
type RawRow = [string, number, string | null, number, string, string, ...Array<string | null>];
const rowOf = (a: RawRow): Row => ({
  person: a[0],
  recordId: a[1],
  household: a[2],
  sourceId: a[3],
  file: a[4],
  asOf: a[5],
  forename: a[6] as string | null,
  middle: a[7] as string | null,
  surname: a[8] as string | null,
  dob: a[9] as string | null,
  sex: a[10] as string | null,
  address: a[11] as string | null,
  postcode: a[12] as string | null,
  uprn: a[13] as string | null,
  street: a[14] as string | null,
  nhs: a[15] as string | null,
  nino: a[16] as string | null,
  upn: a[17] as string | null,
  ref: a[18] as string | null,
  other: a[19] as string | null,
  personRef: a[20] as string | null,
});

const up = (s: string | null): string => (s ?? '').trim().toUpperCase();
const compact = (s: string): string => s.replace(/\s+/g, '');

/** The most common non-empty value; ties go to the value from the newest extract. */
function settle(rows: readonly Row[], pick: (r: Row) => string | null): string | null {
  const counts = new Map<string, { n: number; asOf: string; value: string }>();
  for (const r of rows) {
    const v = pick(r);
    if (v === null || v.trim() === '') continue;
    const k = up(v);
    const c = counts.get(k);
    if (c) {
      c.n++;
      if (r.asOf > c.asOf) c.asOf = r.asOf;
    } else counts.set(k, { n: 1, asOf: r.asOf, value: v.trim() });
  }
  let best: { n: number; asOf: string; value: string } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.asOf > best.asOf)) best = c;
  return best?.value ?? null;
}

/** Counts values as `settle` does, one at a time (a household's members arrive one by one). */
class Tally {
  private readonly counts = new Map<string, { n: number; asOf: string; value: string }>();
  add(value: string | null, asOf: string): void {
    if (value === null || value.trim() === '') return;
    const k = up(value);
    const c = this.counts.get(k);
    if (c) {
      c.n++;
      if (asOf > c.asOf) c.asOf = asOf;
    } else this.counts.set(k, { n: 1, asOf, value: value.trim() });
  }
  best(): string | null {
    let best: { n: number; asOf: string; value: string } | null = null;
    for (const c of this.counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.asOf > best.asOf)) best = c;
    return best?.value ?? null;
  }
}

/** Whole years from `dob` to `on` (both ISO), or null. */
export function ageOn(dob: string | null, on: string): number | null {
  if (!dob || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return null;
  let age = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) age--;
  return age >= 0 && age < 130 ? age : null;
}

/** The words a name search can meet: each name, its transliteration skeleton and its sound. */
export function nameKeys(name: string): string[] {
  const keys = [name];
  if (/^[A-Z]{3,}$/.test(name)) {
    keys.push(`~${transliterationKey(name)}~`, `#${soundex(name)}`);
  }
  return keys;
}

/** Every name a search for `name` should also find: its nicknames (Bill → William). */
export function nameVariants(name: string): string[] {
  return [name, ...nicknamesOf(name)];
}

function personDoc(rows: readonly Row[]): PersonDoc {
  const names = new Set<string>();
  const dobs = new Set<string>();
  const postcodes = new Set<string>();
  const addresses = new Set<string>();
  const ids = new Set<string>();
  for (const r of rows) {
    for (const n of [r.forename, r.middle, r.surname]) for (const w of up(n).split(/[^A-Z0-9'-]+/)) if (w) names.add(w);
    if (r.dob) dobs.add(r.dob);
    if (r.postcode) postcodes.add(up(r.postcode));
    if (r.address) addresses.add(up(r.address));
    for (const id of [r.nhs, r.nino, r.upn, r.ref, r.other, r.personRef, r.uprn]) if (id) ids.add(compact(up(id)));
  }
  return { names: [...names], dobs: [...dobs], postcodes: [...postcodes], addresses: [...addresses], ids: [...ids] };
}

/** Names are keys too, marked so a name never meets an identifier that happens to spell it. */
export const NAME_KEY = 'N:';

/**
 * The exact keys of the people `scope` picks (their person and household IDs, dates of birth,
 * postcodes without spaces, identifiers, each name word), read from their documents: one definition for building
 * the key table (sorted, so the rows go in as appends) and for erasing one person's keys.
 */
export function personKeysSql(scope: string): string {
  const doc = (path: string, value = 'j.value'): string =>
    `SELECT ${value} AS key, p.id FROM baseline_person p JOIN baseline_person_doc d ON d.id = p.id, json_each(d.doc_json, '${path}') j WHERE ${scope}`;
  return `SELECT key, id FROM (
    SELECT p.person_id AS key, p.id FROM baseline_person p WHERE ${scope}
    UNION SELECT p.household_id, p.id FROM baseline_person p WHERE p.household_id IS NOT NULL AND ${scope}
    UNION ${doc('$.dobs')} UNION ${doc('$.postcodes', "replace(j.value, ' ', '')")} UNION ${doc('$.ids')} UNION ${doc('$.names', `'${NAME_KEY}' || j.value`)}
  ) ORDER BY key, id`;
}

/**
 * Names as sent that are more than one name word ("Mary Ann", "St. John"), upper-cased: with the
 * words, every forename and surname of the person stands whole in their keys, so the grids' text
 * filter can look a name up in the trigram index (grids.ts).
 */
function wholeNames(rows: readonly Row[]): string[] {
  const whole = new Set<string>();
  for (const r of rows) for (const n of [r.forename, r.surname]) if (n && /[^A-Z0-9'-]/.test(up(n))) whole.add(up(n));
  return [...whole];
}

/** The FTS text of a person: every key separated by " | " so trigrams do not run across keys. */
function searchText(personId: string, householdId: string | null, doc: PersonDoc, whole: readonly string[]): string {
  const parts: string[] = [personId];
  if (householdId) parts.push(householdId);
  for (const n of doc.names) parts.push(...nameKeys(n.replace(/[^A-Z]/g, '') || n));
  for (const n of doc.names) if (/[^A-Z]/.test(n)) parts.push(n);
  parts.push(...whole);
  // ISO only: a date typed any other way is read as a date and searched in ISO
  parts.push(...doc.dobs);
  for (const p of doc.postcodes) parts.push(p, compact(p));
  parts.push(...doc.addresses, ...doc.ids);
  return parts.join(' | ');
}

/** The date ages are counted to: a Run's as-of date (its newest extract's), else today. */
export function runAsOf(db: Db, runId: number): string {
  const asOf = db.prepare('SELECT as_of FROM link_run WHERE id = ?').pluck().get(runId) as string | null | undefined;
  return asOf ?? new Date().toISOString().slice(0, 10);
}

export function indexVersion(db: Db): string | null {
  const run = latestRunRow(db);
  return run === null ? null : `${FORMAT}:${run.id}`;
}

/** Rebuilds the baseline tables when the latest Run is newer than what they show. */
export function ensureBaselineIndex(store: Store): { run: number | null; rebuilt: boolean } {
  const want = indexVersion(store.reader);
  const run = latestRunRow(store.reader);
  if (want === null || run === null) return { run: null, rebuilt: false };
  if (store.meta(VERSION_KEY) === want) return { run: run.id, rebuilt: false };
  rebuildBaselineIndex(store, run.id, runAsOf(store.reader, run.id));
  return { run: run.id, rebuilt: true };
}

/** Marks the tables stale (after an erasure or purge changes the records behind a Run). */
export function invalidateBaselineIndex(store: Store): void {
  store.setMeta(VERSION_KEY, 'stale');
  clearBookmarks(store.writer);
  markChanged(store.writer);
}

/** What the baseline's rows are at: moves with every rebuild and flag refresh. */
export function baselineVersion(store: Store): string {
  return `${store.meta(VERSION_KEY) ?? ''}|${store.meta(CHANGED_KEY) ?? ''}`;
}

function markChanged(db: Db): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CHANGED_KEY, `${Date.now()}-${Math.random().toString(36).slice(2)}`);
}

function rebuildBaselineIndex(store: Store, runId: number, asOf: string): void {
  const db = store.writer;
  const lsoaVintage = (db.prepare('SELECT max(vintage) AS v FROM postcode_lsoa').get() as { v: number | null }).v;
  const lsoaOf = store.reader.prepare('SELECT lsoa FROM postcode_lsoa WHERE postcode = ? AND vintage = ?').pluck();
  // people of one household share a postcode: each is looked up once
  const places = new Map<string, string | null>();
  const placeOf = (postcode: string | null): string | null => {
    if (!postcode || lsoaVintage === null) return null;
    const key = up(postcode);
    let lsoa = places.get(key);
    if (lsoa === undefined) places.set(key, (lsoa = (lsoaOf.get(key, lsoaVintage) as string | undefined) ?? null));
    return lsoa;
  };
  // the IMD decile of an LSOA by the newest IoD release of the lookup's vintage
  const release = lsoaVintage === null ? undefined : (db.prepare('SELECT release FROM iod_release WHERE vintage = ? ORDER BY release DESC LIMIT 1').pluck().get(lsoaVintage) as string | undefined);
  const deciles = new Map<string, number>();
  if (release) for (const r of db.prepare('SELECT lsoa, imd_decile AS d FROM iod_lsoa WHERE release = ? AND imd_decile IS NOT NULL').all(release) as Array<{ lsoa: string; d: number }>) deciles.set(r.lsoa, r.d);
  const decileOf = (lsoa: string | null): number | null => (lsoa === null ? null : (deciles.get(lsoa) ?? null));
  const { reviewFrom } = matchingSettings(store);
  const runThreshold = (db.prepare('SELECT threshold FROM link_run WHERE id = ?').get(runId) as { threshold: number }).threshold;

  db.transaction(() => {
    // 'delete-all' drops the index's segments at once (row-by-row deletes rewrite them per row)
    // the secondary indexes are built once after the rows go in (a sort each), not row by row
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('baseline_person', 'baseline_household') AND sql IS NOT NULL")
      .all() as Array<{ name: string; sql: string }>;
    for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
    // the trigram index keeps up to 64 MB of new entries in memory before writing a segment (the
    // default 1 MB wrote hundreds of small segments at 300k people and rewrote them merging)
    db.exec(`INSERT INTO baseline_person_fts(baseline_person_fts, rank) VALUES ('hashsize', ${FTS_HASH_BYTES})`);
    db.exec(
      "DELETE FROM baseline_person_doc; DELETE FROM baseline_person_source; DELETE FROM baseline_household_source; DELETE FROM baseline_person_key; DELETE FROM baseline_person; DELETE FROM baseline_household; INSERT INTO baseline_person_fts(baseline_person_fts) VALUES ('delete-all');",
    );
    const insertPerson = db.prepare(
      `INSERT INTO baseline_person(person_id, household_id, forename, surname, dob, sex, postcode, address, lsoa, imd_decile, records, record_ids, source_ids, source_bits, sources_json, no_dob, possible_twin, in_review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
    );
    const insertPersonSource = db.prepare('INSERT INTO baseline_person_source(source_id, id) VALUES (?, ?)');

    const insertDoc = db.prepare('INSERT INTO baseline_person_doc(id, doc_json) VALUES (?, ?)');
    const insertFts = db.prepare('INSERT INTO baseline_person_fts(rowid, keys) VALUES (?, ?)');
    const households = new Map<string, { members: number; adults: number; children: number; postcode: Tally; address: Tally; street: Tally; sources: Map<number, string> }>();
    // read through the reader: the writer cannot insert while a statement of its own iterates
    const rows = store.reader
      .prepare(
        `SELECT rp.person_id AS person, r.id AS recordId, ph.household_id AS household, r.source_id AS sourceId, s.file_name AS file, s.as_of AS asOf,
                r.forename, r.middle_names AS middle, r.surname, r.dob, r.sex, r.address, r.postcode, r.uprn, r.addr_street AS street,
                CASE WHEN r.nhs_number_valid = 1 THEN r.nhs_number END AS nhs, CASE WHEN r.nino_valid = 1 THEN r.nino END AS nino,
                CASE WHEN r.upn_valid = 1 THEN r.upn END AS upn, r.agency_ref AS ref, r.other_id AS other, r.person_ref AS personRef
         FROM run_record_person rp
         JOIN record r ON r.id = rp.record_id
         JOIN source s ON s.id = r.source_id
         LEFT JOIN run_person_household ph ON ph.run_id = rp.run_id AND ph.person_id = rp.person_id
         WHERE rp.run_id = ?
         ORDER BY rp.person_id`,
      )
      .raw(true)
      .iterate(runId) as IterableIterator<RawRow>;
    const group: Row[] = [];
    const flush = (): void => {
      const first = group[0];
      if (!first) return;
      const doc = personDoc(group);
      const sources = new Map<number, string>();
      for (const r of group) sources.set(r.sourceId, r.file);
      const dob = settle(group, (r) => r.dob);
      const postcode = settle(group, (r) => r.postcode);
      const lsoa = placeOf(postcode);
      const id = Number(
        insertPerson.run(
          first.person,
          first.household,
          settle(group, (r) => r.forename),
          settle(group, (r) => r.surname),
          dob,
          settle(group, (r) => r.sex),
          postcode,
          settle(group, (r) => r.address),
          lsoa,
          decileOf(lsoa),
          group.length,
          JSON.stringify(group.map((r) => r.recordId)),
          `,${[...sources.keys()].sort((a, b) => a - b).join(',')},`,
          sourceBits(sources.keys()),
          JSON.stringify([...new Set(sources.values())]),
          dob === null ? 1 : 0,
        ).lastInsertRowid,
      );
      insertDoc.run(id, JSON.stringify(doc));
      insertFts.run(id, searchText(first.person, first.household, doc, wholeNames(group)));
      for (const sourceId of sources.keys()) insertPersonSource.run(sourceId, id);
      if (first.household) {
        const h = households.get(first.household) ?? { members: 0, adults: 0, children: 0, postcode: new Tally(), address: new Tally(), street: new Tally(), sources: new Map<number, string>() };
        h.members++;
        const age = ageOn(dob, asOf);
        if (age !== null && age < 18) h.children++;
        else if (age !== null) h.adults++;
        for (const r of group) {
          h.postcode.add(r.postcode, r.asOf);
          h.address.add(r.address, r.asOf);
          h.street.add(r.street, r.asOf);
        }
        for (const [k, v] of sources) h.sources.set(k, v);
        households.set(first.household, h);
      }
      group.length = 0;
    };
    for (const raw of rows) {
      const row = rowOf(raw);
      if (group.length > 0 && group[0]!.person !== row.person) flush();
      group.push(row);
    }
    flush();

    const insertHousehold = db.prepare(
      'INSERT INTO baseline_household(household_id, members, adults, children, postcode, address, street, lsoa, imd_decile, source_ids, source_bits, sources_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertHouseholdSource = db.prepare('INSERT INTO baseline_household_source(source_id, id) VALUES (?, ?)');
    for (const [hid, h] of households) {
      const postcode = h.postcode.best();
      const lsoa = placeOf(postcode);
      const rowId = insertHousehold.run(
        hid,
        h.members,
        h.adults,
        h.children,
        postcode,
        h.address.best(),
        h.street.best()?.toUpperCase() ?? null,
        lsoa,
        decileOf(lsoa),
        `,${[...h.sources.keys()].sort((a, b) => a - b).join(',')},`,
        sourceBits(h.sources.keys()),
        JSON.stringify([...new Set(h.sources.values())]),
      ).lastInsertRowid;
      for (const sourceId of h.sources.keys()) insertHouseholdSource.run(sourceId, rowId);
    }

    // the flags before the sort indexes, which hold them: updated after, every entry of every index would be rewritten
    // possible twins: two people of one household with one birthday and different forenames
    db.prepare(
      `UPDATE baseline_person SET possible_twin = 1 WHERE (household_id, dob) IN (
         SELECT household_id, dob FROM baseline_person WHERE household_id IS NOT NULL AND dob IS NOT NULL
         GROUP BY household_id, dob HAVING count(DISTINCT upper(coalesce(forename, ''))) > 1)`,
    ).run();
    refreshReviewFlags(db, runId, reviewFrom, runThreshold, null);
    for (const i of indexes) db.exec(i.sql);
    // the grids' jumps start from these (no sort key changes after this point)
    writeBookmarks(db, BOOKMARK_EVERY, asOf);
    db.prepare(`INSERT INTO baseline_person_key(key, id) ${personKeysSql('1')}`).run();

    store.setMeta(VERSION_KEY, `${FORMAT}:${runId}`);
    // the planner's statistics for the new rows (sampled: a few ms), so filters and sorts pick their indexes
    db.exec('PRAGMA analysis_limit = 400; ANALYZE baseline_person; ANALYZE baseline_household; ANALYZE baseline_person_source; ANALYZE baseline_person_key;');
  })();
}

/**
 * Flags people with a pair in the review band nobody has decided; `only` limits it to some people
 * (after a decision), null does everyone.
 */
export function refreshReviewFlags(db: Db, runId: number, reviewFrom: number, threshold: number, only: readonly string[] | null): void {
  const scope = only === null ? '' : ' AND person_id IN (SELECT value FROM json_each(@only))';
  const moved = db.prepare(
    `WITH band AS (
       SELECT p.record_a, p.record_b FROM link_pair p
       WHERE p.run_id = @run AND p.probability >= @from AND p.probability < @to
         AND NOT EXISTS (SELECT 1 FROM link_decision d WHERE d.record_a = p.record_a AND d.record_b = p.record_b)
     ), reviewed AS (
       SELECT DISTINCT rp.person_id FROM run_record_person rp
       WHERE rp.run_id = @run AND rp.record_id IN (SELECT record_a FROM band UNION SELECT record_b FROM band)
     )
     UPDATE baseline_person SET in_review = (person_id IN reviewed)
     WHERE in_review IS NOT (person_id IN reviewed)${scope}`,
  ).run({ run: runId, from: reviewFrom, to: threshold, ...(only === null ? {} : { only: JSON.stringify(only) }) });
  if (moved.changes > 0) forgetReviewCounts(db);
  markChanged(db);
}
