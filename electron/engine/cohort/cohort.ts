// Cohort use cases over the store: facts loaded once per Run and import state (cached), then a
// programme evaluated at an as-of date — the summary with counts by criterion combination, area and
// IMD decile; one family's evidence down to its spreadsheet rows; the machine-readable export.
import type { CohortSummary, FamilyEvidence, FamilyRow, ProgrammeDefinition } from '../../../shared/ipc/channels/cohort.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { writeCsvFile } from '../export/csv-writer.js';
import { disclose, type Disclosure } from '../geo/disclosure.js';
import type { Db } from '../store/database.js';
import { discloseBreakdowns } from './disclosure-lists.js';
import { ageOn, compulsorySchoolAge, criterionData, evaluate, type Evaluation, familyEvidence, type PersonEvidence, schoolAgeOf } from './evaluate.js';
import { type CohortFacts, dayOf, factsFingerprint, isoOf, loadFacts, NO_DAY, NO_YEAR_GROUP } from './facts.js';

export const COHORT_EXPORT_HEADER = ['family_id', 'as_of', 'crime_asb', 'education', 'work', 'local_filter', 'qualifies', 'rows'] as const;

// ---------------------------------------------------------------------------------------------
// Facts cache: one store at a time, rebuilt when the Run, records or events change.

let cached: { db: Db; facts: CohortFacts } | null = null;
let placeCache: { fingerprint: string; vintage: number | null; lsoa: (string | null)[]; decile: (number | null)[]; areas: string[][] } | null = null;
let linkCache: { fingerprint: string; best: Map<number, number> } | null = null;

export function cohortFacts(db: Db): CohortFacts {
  if (cached && cached.db === db && cached.facts.fingerprint === factsFingerprint(db)) return cached.facts;
  cached = { db, facts: loadFacts(db) };
  placeCache = null;
  linkCache = null;
  return cached.facts;
}

export function parseAsOf(asOf: string): number {
  const day = dayOf(asOf);
  if (day === NO_DAY || isoOf(day) !== asOf) throw new WorkbenchError('bad-input', `The as-of date ${asOf} is not a real date (YYYY-MM-DD).`);
  return day;
}

// ---------------------------------------------------------------------------------------------
// Places: each household's LSOA (by its most common postcode), IMD decile and areas.

const hasTable = (db: Db, name: string): boolean => Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

function places(db: Db, facts: CohortFacts): NonNullable<typeof placeCache> {
  if (placeCache && placeCache.fingerprint === facts.fingerprint) return placeCache;
  const n = facts.householdIds.length;
  const out = { fingerprint: facts.fingerprint, vintage: null as number | null, lsoa: new Array<string | null>(n).fill(null), decile: new Array<number | null>(n).fill(null), areas: Array.from({ length: n }, () => [] as string[]) };
  if (hasTable(db, 'postcode_lsoa')) {
    const vintage = (db.prepare('SELECT vintage FROM postcode_lsoa GROUP BY vintage ORDER BY count(*) DESC, vintage DESC LIMIT 1').get() as { vintage: number } | undefined)?.vintage;
    if (vintage !== undefined) {
      out.vintage = vintage;
      const lookup = db.prepare('SELECT lsoa FROM postcode_lsoa WHERE postcode = ? AND vintage = ?');
      const release = (db.prepare('SELECT release FROM iod_release WHERE vintage = ? ORDER BY release DESC LIMIT 1').get(vintage) as { release: string } | undefined)?.release;
      const deciles = new Map<string, number>();
      if (release) for (const r of db.prepare('SELECT lsoa, imd_decile AS d FROM iod_lsoa WHERE release = ? AND imd_decile IS NOT NULL').all(release) as Array<{ lsoa: string; d: number }>) deciles.set(r.lsoa, r.d);
      const areasOf = new Map<string, string[]>();
      for (const r of db.prepare('SELECT a.name AS name, l.lsoa AS lsoa FROM area a JOIN area_lsoa l ON l.area_id = a.id WHERE a.vintage = ? ORDER BY a.name').all(vintage) as Array<{ name: string; lsoa: string }>) {
        const list = areasOf.get(r.lsoa) ?? [];
        list.push(r.name);
        areasOf.set(r.lsoa, list);
      }
      const byPostcode = new Map<string, string | null>();
      facts.householdPostcode.forEach((pc, h) => {
        if (!pc) return;
        let lsoa = byPostcode.get(pc);
        if (lsoa === undefined) {
          lsoa = (lookup.get(pc, vintage) as { lsoa: string } | undefined)?.lsoa ?? null;
          byPostcode.set(pc, lsoa);
        }
        out.lsoa[h] = lsoa;
        if (lsoa) {
          out.decile[h] = deciles.get(lsoa) ?? null;
          out.areas[h] = areasOf.get(lsoa) ?? [];
        }
      });
    }
  }
  placeCache = out;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Linkage confidence: for each record, the strongest scored link to another record of its person.

function strongestLinks(db: Db, facts: CohortFacts): Map<number, number> {
  if (linkCache && linkCache.fingerprint === facts.fingerprint) return linkCache.best;
  const best = new Map<number, number>();
  if (facts.run !== null) {
    const personOfRecord = new Map<number, number>();
    for (let p = 0; p < facts.personIds.length; p++) for (let k = facts.recordStart[p]!; k < facts.recordStart[p + 1]!; k++) personOfRecord.set(facts.recordList[k]!, p);
    const multi = (r: number): boolean => {
      const p = personOfRecord.get(r);
      return p !== undefined && facts.recordStart[p + 1]! - facts.recordStart[p]! > 1;
    };
    for (const [a, b, prob] of db.prepare('SELECT record_a, record_b, probability FROM link_pair WHERE run_id = ?').raw(true).iterate(facts.run) as IterableIterator<[number, number, number]>) {
      if (!multi(a) || personOfRecord.get(a) !== personOfRecord.get(b)) continue;
      if (prob > (best.get(a) ?? 0)) best.set(a, prob);
      if (prob > (best.get(b) ?? 0)) best.set(b, prob);
    }
  }
  linkCache = { fingerprint: facts.fingerprint, best };
  return best;
}

/** The weakest person link among the persons a family's qualification rests on (1: nothing joined). */
function familyConfidence(db: Db, facts: CohortFacts, definition: ProgrammeDefinition, asOf: number, h: number): { probability: number; person: number | null } {
  const best = strongestLinks(db, facts);
  const persons = new Set(familyEvidence(facts, definition, asOf, h).filter((e) => e.outcome === 'met').map((e) => e.person));
  let worst = 1;
  let who: number | null = null;
  for (const p of persons) {
    const from = facts.recordStart[p]!;
    const to = facts.recordStart[p + 1]!;
    if (to - from < 2) continue;
    for (let k = from; k < to; k++) {
      const prob = best.get(facts.recordList[k]!) ?? 1;
      if (prob < worst) [worst, who] = [prob, p];
    }
  }
  return { probability: worst, person: who };
}

/**
 * Members a family's met criteria rest on whose records give dates of birth further apart than a
 * keying slip: two people of one name joined give a family another's events, so it is said.
 */
function restsOnDisagreeingDates(facts: CohortFacts, evidence: readonly PersonEvidence[]): number[] {
  const out: number[] = [];
  for (const e of evidence) if (e.outcome === 'met' && facts.personDobConflict[e.person] && !out.includes(e.person)) out.push(e.person);
  return out;
}
const namesakeNote = (who: string): string =>
  `${who}'s records give dates of birth that are not one keying slip apart, and the family's criteria rest on them: two people of the same name may have been joined. Check this family's matches before relying on it.`;
const memberNumber = (facts: CohortFacts, h: number, p: number): number => {
  for (let k = facts.memberStart[h]!; k < facts.memberStart[h + 1]!; k++) if (facts.memberList[k] === p) return k - facts.memberStart[h]! + 1;
  return 0;
};

// ---------------------------------------------------------------------------------------------
// Summary

export interface CohortOptions {
  name: string;
  version: number;
  preset: boolean;
  edited: boolean;
  asOf: string;
  definition: ProgrammeDefinition;
  limit?: number;
  disclosure: Disclosure;
}

const combinationKey = (definition: ProgrammeDefinition, met: readonly boolean[], filter: boolean): string =>
  [...definition.criteria.filter((_, i) => met[i]).map((c) => c.id), ...(filter ? ['local_filter'] : [])].join('+') || 'none';

export function evaluateCohort(db: Db, options: CohortOptions): { summary: CohortSummary; evaluation: Evaluation; facts: CohortFacts } {
  const t0 = performance.now();
  const facts = cohortFacts(db);
  const asOf = parseAsOf(options.asOf);
  const { definition } = options;
  const evaluation = evaluate(facts, definition, asOf);
  const place = places(db, facts);
  const messages: string[] = [];
  if (facts.run === null) messages.push('No linkage has been run: every record counts as its own family. Run matching first.');
  const combos = new Map<string, number>();
  const areas = new Map<string, number>();
  const deciles = new Map<string, number>();
  let undetermined = 0;
  const criterionCounts = definition.criteria.map(() => 0);
  let filterCount = 0;
  for (const f of evaluation.families) {
    f.met.forEach((m, i) => {
      if (m) criterionCounts[i]!++;
    });
    if (f.localFilter) filterCount++;
    if (f.undetermined.some(Boolean)) undetermined++;
    if (!f.qualifies) continue;
    const key = combinationKey(definition, f.met, f.localFilter);
    combos.set(key, (combos.get(key) ?? 0) + 1);
    const names = place.areas[f.household]!;
    for (const a of names.length ? names : ['Not in a named area']) areas.set(a, (areas.get(a) ?? 0) + 1);
    const d = place.decile[f.household];
    const dk = d === null || d === undefined ? 'Not placed' : `Decile ${d}`;
    deciles.set(dk, (deciles.get(dk) ?? 0) + 1);
  }
  if (place.lsoa.every((l) => l === null)) messages.push('No family could be placed on an LSOA: import a postcode lookup (Areas & IMD) to see counts by area and IMD decile.');
  const headings = definition.criteria.map((c, i) => {
    const data = criterionData(facts, c);
    return { id: c.id, label: c.label, families: data.data === 'no-data' ? null : disclose(criterionCounts[i]!, options.disclosure), ...data };
  });
  for (const h of headings) if (h.data === 'no-data') messages.push(`"${h.label}": no data. No imported source gives ${h.missing.join('; ')}.`);
  const localFilter = definition.localFilter ? { id: definition.localFilter.id, label: definition.localFilter.label, families: disclose(filterCount, options.disclosure), ...criterionData(facts, definition.localFilter) } : null;
  if (undetermined > 0) messages.push(`${options.disclosure === 'exact' ? undetermined : 'Some'} families have a member whose age could not be judged (no date of birth in any record): shown as undetermined, not guessed.`);

  const limit = options.limit ?? 0;
  const rows: FamilyRow[] = [];
  if (limit > 0) {
    const ordered = [...evaluation.families].sort((a, b) => Number(b.qualifies) - Number(a.qualifies) || b.met.filter(Boolean).length - a.met.filter(Boolean).length || a.household - b.household);
    for (const f of ordered.slice(0, limit)) {
      const notes: string[] = [];
      definition.criteria.forEach((c, i) => {
        if (f.undetermined[i] && !f.met[i]) notes.push(`${c.label}: a member's age could not be judged (no date of birth).`);
      });
      const confidence = f.qualifies ? familyConfidence(db, facts, definition, asOf, f.household).probability : null;
      for (const p of restsOnDisagreeingDates(facts, familyEvidence(facts, definition, asOf, f.household))) notes.push(namesakeNote(`Member ${memberNumber(facts, f.household, p)}`));
      rows.push({
        familyId: facts.householdIds[f.household]!,
        criteria: Object.fromEntries(definition.criteria.map((c, i) => [c.id, f.met[i]!])),
        localFilter: f.localFilter,
        qualifies: f.qualifies,
        members: facts.memberStart[f.household + 1]! - facts.memberStart[f.household]!,
        confidence,
        lsoa: options.disclosure === 'exact' ? place.lsoa[f.household]! : null,
        notes,
      });
    }
  }
  const shownBreakdowns = discloseBreakdowns(evaluation.qualifying, [combos, areas, deciles], options.disclosure);
  const summary: CohortSummary = {
    programme: { name: options.name, version: options.version, preset: options.preset, title: definition.title, edited: options.edited },
    asOf: options.asOf,
    linkRun: facts.run,
    households: disclose(evaluation.households, options.disclosure),
    flagged: disclose(evaluation.families.length, options.disclosure),
    qualifying: shownBreakdowns.total,
    target: definition.target,
    headings,
    localFilter,
    combinations: shownBreakdowns.breakdowns[0]!,
    byArea: shownBreakdowns.breakdowns[1]!,
    byDecile: shownBreakdowns.breakdowns[2]!,
    undetermined: disclose(undetermined, options.disclosure),
    families: rows,
    disclosure: options.disclosure,
    millis: Math.round((performance.now() - t0) * 10) / 10,
    messages,
  };
  return { summary, evaluation, facts };
}

/**
 * Cohort counts for other features (board packs, neighbourhood outcomes): aggregates only — the
 * qualifying families per criterion, per criterion combination and per named area, with the
 * programme version and as-of date that made them. No family IDs, no rows.
 */
export function cohortCounts(
  db: Db,
  options: { name: string; version: number; definition: ProgrammeDefinition; asOf: string; disclosure: Disclosure },
): { programme: { name: string; version: number }; asOf: string; qualifying: number | null; byCriterion: Array<{ key: string; families: number | null }>; combinations: CohortSummary['combinations']; byArea: CohortSummary['byArea']; byDecile: CohortSummary['byDecile'] } {
  const { summary } = evaluateCohort(db, { ...options, preset: false, edited: false, limit: 0 });
  return {
    programme: { name: options.name, version: options.version },
    asOf: options.asOf,
    qualifying: summary.qualifying,
    byCriterion: summary.headings.map((h) => ({ key: h.id, families: h.families })),
    combinations: summary.combinations,
    byArea: summary.byArea,
    byDecile: summary.byDecile,
  };
}

/** Families counted in one place: per criterion, meeting the local filter, and qualifying. */
export interface PlaceCounts {
  criteria: number[];
  localFilter: number;
  qualifying: number;
}

/**
 * Exact cohort counts per LSOA (each family where its most common postcode places it) for
 * published outputs that apply their own disclosure control before anything is shown (board
 * packs): counts only, never a family. `null` keys the families no lookup places.
 */
export function cohortByLsoa(
  db: Db,
  options: { definition: ProgrammeDefinition; asOf: string },
): { vintage: number | null; linkRun: number | null; criteria: Array<{ key: string; label: string; noData: boolean }>; byLsoa: Map<string | null, PlaceCounts>; total: PlaceCounts } {
  const facts = cohortFacts(db);
  const evaluation = evaluate(facts, options.definition, parseAsOf(options.asOf));
  const place = places(db, facts);
  const blank = (): PlaceCounts => ({ criteria: options.definition.criteria.map(() => 0), localFilter: 0, qualifying: 0 });
  const byLsoa = new Map<string | null, PlaceCounts>();
  const total = blank();
  for (const f of evaluation.families) {
    const lsoa = place.lsoa[f.household] ?? null;
    let counts = byLsoa.get(lsoa);
    if (!counts) byLsoa.set(lsoa, (counts = blank()));
    for (const c of [counts, total]) {
      f.met.forEach((m, i) => {
        if (m) c.criteria[i]!++;
      });
      if (f.localFilter) c.localFilter++;
      if (f.qualifies) c.qualifying++;
    }
  }
  const criteria = options.definition.criteria.map((c, i) => ({ key: c.id, label: c.label, noData: evaluation.noData[i] ?? false }));
  return { vintage: place.vintage, linkRun: facts.run, criteria, byLsoa, total };
}

// ---------------------------------------------------------------------------------------------
// One family's evidence

export function familyDetail(db: Db, options: { name: string; version: number; definition: ProgrammeDefinition; asOf: string; familyId: string }): FamilyEvidence {
  const facts = cohortFacts(db);
  const asOf = parseAsOf(options.asOf);
  const h = facts.householdIndex.get(options.familyId);
  if (h === undefined) throw new WorkbenchError('not-found', `There is no family ${options.familyId} in the latest linkage run.`);
  const { definition } = options;
  const evaluation = evaluate(facts, definition, asOf);
  const result = evaluation.families.find((f) => f.household === h);
  const evidence = familyEvidence(facts, definition, asOf, h);
  const members: number[] = [];
  for (let k = facts.memberStart[h]!; k < facts.memberStart[h + 1]!; k++) members.push(facts.memberList[k]!);
  const eventRow = (i: number) => {
    const row = facts.rowOf.get(facts.evRecord[i]!);
    return {
      eventId: facts.evId[i]!,
      kind: '',
      category: null,
      start: facts.evStart[i] === NO_DAY ? null : isoOf(facts.evStart[i]!),
      end: facts.evEnd[i] === NO_DAY ? null : isoOf(facts.evEnd[i]!),
      file: row?.file ?? '',
      sheet: row?.sheet ?? '',
      row: row?.row ?? 0,
    };
  };
  const events = new Map(
    (db.prepare(`SELECT id, kind, category FROM event WHERE record_id IN (${members.flatMap((p) => Array.from(facts.recordList.subarray(facts.recordStart[p]!, facts.recordStart[p + 1]!))).join(',') || '0'})`).all() as Array<{ id: number; kind: string; category: string | null }>).map((e) => [e.id, e]),
  );
  const withStoreKind = (i: number) => {
    const r = eventRow(i);
    const e = events.get(r.eventId);
    return { ...r, kind: e?.kind ?? r.kind, category: e?.category ?? null };
  };
  const label = (p: number): string => `Member ${members.indexOf(p) + 1}`;
  const all = [...definition.criteria, ...(definition.localFilter ? [definition.localFilter] : [])];
  const criteria = all.map((c, ci) => {
    const isFilter = ci >= definition.criteria.length;
    const data = criterionData(facts, c);
    const mine = evidence.filter((e) => (isFilter ? e.criterion === -1 : e.criterion === ci));
    const met = isFilter ? (result?.localFilter ?? false) : (result?.met[ci] ?? false);
    const status = data.data === 'no-data' ? ('no-data' as const) : met ? ('met' as const) : mine.some((e) => e.outcome === 'undetermined') ? ('undetermined' as const) : ('not-met' as const);
    return {
      id: c.id,
      label: c.label,
      status,
      evidence: mine.map((e) => ({
        personId: facts.personIds[e.person]!,
        test: e.test.label,
        detail: `${label(e.person)}: ${e.outcome === 'met' ? e.test.label : `${e.test.label} — age cannot be judged (no date of birth)`}`,
        events: e.events.map(withStoreKind),
      })),
    };
  });
  const confidence = familyConfidence(db, facts, definition, asOf, h);
  const rows = members.flatMap((p) =>
    Array.from(facts.recordList.subarray(facts.recordStart[p]!, facts.recordStart[p + 1]!)).map((r) => ({ ...(facts.rowOf.get(r) ?? { file: '', sheet: '', row: 0 }), personId: facts.personIds[p]! })),
  );
  const notes: string[] = [];
  if (members.some((p) => facts.personDob[p] === NO_DAY)) notes.push('A member has no date of birth in any record: their age is not guessed.');
  for (const p of restsOnDisagreeingDates(facts, evidence)) notes.push(namesakeNote(label(p)));
  // school age judged by the census's year group, where the date of birth says nothing or otherwise
  for (const p of members) {
    const group = facts.personYearGroup[p]!;
    if (group === NO_YEAR_GROUP || group < 1) continue;
    const dob = facts.personDob[p]!;
    const byDob = dob === NO_DAY ? null : compulsorySchoolAge(dob, asOf);
    if (byDob === schoolAgeOf(facts, p, asOf)) continue;
    notes.push(`${label(p)}: a school census gives NC Year ${group}, which decides their school age (${dob === NO_DAY ? 'no record gives a date of birth' : 'their date of birth says otherwise, most likely keyed wrong'}).`);
  }
  // Families are households on the as-of date: an event recorded at another address (a member
  // who moved during the window) still counts for the family they live with now — said, not hidden.
  const home = facts.householdPostcode[h];
  const movedWho = new Set<number>();
  for (const e of evidence) {
    if (e.outcome !== 'met') continue;
    for (const i of e.events) {
      const pc = facts.postcodeOf.get(facts.evRecord[i]!);
      if (home && pc && pc.replace(/\s/g, '').toUpperCase() !== home.replace(/\s/g, '').toUpperCase()) movedWho.add(e.person);
    }
  }
  for (const p of movedWho) notes.push(`${label(p)} has evidence recorded at another postcode (moved during the window, or an old address): it counts for the family they live with on the as-of date.`);
  return {
    familyId: options.familyId,
    programme: { name: options.name, version: options.version },
    asOf: options.asOf,
    qualifies: result?.qualifies ?? false,
    members: members.map((p) => ({ personId: facts.personIds[p]!, label: label(p), age: facts.personDob[p] === NO_DAY ? null : ageOn(facts.personDob[p]!, asOf) })),
    criteria,
    confidence: {
      probability: confidence.probability,
      explanation:
        confidence.person === null
          ? 'The qualification rests on no joined records (each person it rests on has one record).'
          : `The weakest link: two records of ${label(confidence.person)} joined at a match probability of ${confidence.probability.toFixed(2)}.`,
    },
    rows,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Export (machine-readable: never altered)

export function exportCohort(db: Db, options: { definition: ProgrammeDefinition; asOf: string; out: string }): { families: number; qualifying: number; households: number; linkRun: number | null } {
  const facts = cohortFacts(db);
  const asOf = parseAsOf(options.asOf);
  const evaluation = evaluate(facts, options.definition, asOf);
  const index = (id: string): number => options.definition.criteria.findIndex((c) => c.id === id);
  const columns = ['crime_asb', 'education', 'work'].map(index);
  function* lines(): Generator<Array<string | number>> {
    yield [...COHORT_EXPORT_HEADER];
    for (const f of evaluation.families) {
      // a family whose only mark is an undetermined criterion has no flag to export
      if (!f.localFilter && !f.met.some(Boolean)) continue;
      const rows: string[] = [];
      for (let k = facts.memberStart[f.household]!; k < facts.memberStart[f.household + 1]!; k++) {
        const p = facts.memberList[k]!;
        for (let r = facts.recordStart[p]!; r < facts.recordStart[p + 1]!; r++) {
          const ref = facts.rowOf.get(facts.recordList[r]!);
          if (ref) rows.push(`${ref.file}|${ref.sheet}|${ref.row}`);
        }
      }
      yield [
        facts.householdIds[f.household]!,
        options.asOf,
        ...columns.map((i) => (i >= 0 && f.met[i] ? 1 : 0)),
        f.localFilter ? 1 : 0,
        f.qualifies ? 1 : 0,
        rows.join(';'),
      ];
    }
  }
  const families = writeCsvFile(options.out, lines()) - 1;
  return { families, qualifying: evaluation.qualifying, households: evaluation.households, linkRun: facts.run };
}
