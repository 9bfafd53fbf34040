// A partner's table with no header row gives the programme facts the same rows give with their
// headings: the demo's extracts (a slice of each sheet), written once as the demo writes them and
// once with the header row left out (csv and xlsx as the demo has them), imported with automatic
// mapping, and the facts cohort evaluation reads compared row by row. Without headings the event
// columns are found by their cells: an end date by falling after the start, school terms as
// paired counts dated back from the extract's date, a value by its numbers, a type by a few
// recurring values beside the date, and outcomes, involvements, benefit codes and complaints by
// what the cells say; a tenancy's one yes/no flag is read as its ASB case.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoOf, loadFacts, NO_DAY, NO_YEAR_GROUP } from '../../electron/engine/cohort/facts.js';
import { generateBorough } from '../../electron/engine/demo/borough.js';
import { EXTRACT_IDS, EXTRACT_SPECS, generateExtract, type Extract } from '../../electron/engine/demo/extracts.js';
import { layoutExtract } from '../../electron/engine/demo/layouts.js';
import { writeExtractFile } from '../../electron/engine/demo/write.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { FACTS } from '../../shared/ipc/channels/cohort.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ROWS = 40;

/** The first rows of every sheet (enough for the cells to show their shape), truth kept parallel. */
function slice(extract: Extract): Extract {
  return { ...extract, sheets: extract.sheets.map((s) => ({ ...s, rows: s.rows.slice(0, ROWS), truth: s.truth.slice(0, ROWS) })) };
}

/** extract|sheet|data row → that row's facts as evaluation reads them. */
async function factsByRow(extracts: Extract[], lay: boolean | ((extract: Extract) => Extract)): Promise<Map<string, string>> {
  const dir = tempDir();
  const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
  try {
    const where = new Map<string, { id: string; first: Map<string, number> }>();
    for (const extract of extracts) {
      const laid = typeof lay === 'function' ? lay(extract) : lay ? layoutExtract(extract, 'no-header', 5) : extract;
      const file = join(dir, laid.fileName);
      writeExtractFile(laid, file);
      // CSV: the header is record 1; xlsx: the preamble, then the header, then the rows.
      const first = new Map(laid.sheets.map((s) => [s.name, laid.format === 'csv' ? (s.header.length ? 2 : 1) : s.preamble.length + (s.header.length ? 1 : 0) + 1]));
      where.set(laid.fileName, { id: extract.id, first });
      await importFile(store, file, { user: 't', today: '2025-03-31', asOf: '2025-03-31' }, silentJob());
    }
    const facts = loadFacts(store.reader);
    const out = new Map<string, string>();
    const day = (d: number): string => (d === NO_DAY ? '-' : isoOf(d));
    for (let p = 0; p < facts.personIds.length; p++) {
      const ref = facts.rowOf.get(facts.recordList[facts.recordStart[p]!]!)!;
      const w = where.get(ref.file)!;
      const first = w.first.get(ref.sheet) ?? w.first.get('') ?? 0;
      const list: string[] = [];
      for (let e = facts.eventStart[p]!; e < facts.eventStart[p + 1]!; e++) {
        const fact = FACTS[facts.evFact[e]!]!;
        list.push(`${fact} ${day(facts.evStart[e]!)}..${day(facts.evEnd[e]!)} v=${facts.evValue[e]} of=${facts.evPossible[e]} out=${day(facts.evOutcome[e]!)}`);
      }
      // the pupil's year group a census gave (school age when the date of birth is missing or wrong)
      const group = facts.personYearGroup[p]!;
      out.set(`${w.id}|${ref.sheet}|${ref.row - first}`, `${list.sort().join('; ')}${group === NO_YEAR_GROUP ? '' : ` | NC Year ${group}`}`);
    }
    return out;
  } finally {
    store.close();
  }
}

/** The demo's extracts (a slice of each sheet) and their headed copy's facts: made once, for the tests that compare with them. */
let headedOnce: Promise<{ extracts: Extract[]; headed: Map<string, string> }> | null = null;
const headedDemo = (): Promise<{ extracts: Extract[]; headed: Map<string, string> }> =>
  (headedOnce ??= (async () => {
    const borough = generateBorough({ households: 1500, seed: 5 });
    const extracts = EXTRACT_IDS.map((id) => slice(generateExtract(borough, id)));
    return { extracts, headed: await factsByRow(extracts, false) };
  })());

describe('event columns of a table with no header row', () => {
  it('give every row the programme facts its headed copy gives (csv and xlsx)', async () => {
    const { extracts, headed } = await headedDemo();
    expect(new Set(extracts.map((e) => e.format))).toEqual(new Set(['csv', 'xlsx']));
    const unheaded = await factsByRow(extracts, true);
    // Every kind of fact phase 1 rests on is in the headed copy, so the comparison covers them.
    const all = [...headed.values()].join('; ');
    for (const fact of ['attendance', 'fixed-exclusion', 'offence-proven', 'asb-perpetrator', 'housing-asb', 'benefit-out-of-work', 'ae-attendance', 'rent-arrears', 'NC Year 0', 'NC Year 11']) expect(all, fact).toContain(fact);
    const differ = [...headed].filter(([row, facts]) => unheaded.get(row) !== facts).map(([row, facts]) => `${row}\n  headed:   ${facts}\n  unheaded: ${unheaded.get(row) ?? 'no record'}`);
    expect(differ.slice(0, 5).join('\n')).toBe('');
    expect(unheaded.size).toBe(headed.size);
  }, 120_000);

  it('event columns headed with codes no list knows are read from their cells, as unheaded ones are', async () => {
    // A partner's system heads its columns with field codes: the person's columns keep words the
    // importer knows, the event's detail columns (its end, type, outcome, involvement, terms'
    // sessions, arrears, ASB flag) are "F14", "F15"…, which say nothing.
    const coded = (extract: Extract): Extract => ({
      ...extract,
      sheets: extract.sheets.map((sheet) => {
        const spec = EXTRACT_SPECS[extract.id].sheets.find((s) => s.name === sheet.name);
        const detail = (h: string): boolean => (spec?.columns.find(([header]) => header === h)?.[1] ?? 'event') === 'event';
        return { ...sheet, header: sheet.header.map((h, i) => (detail(String(h)) ? `F${i + 1}` : h)) };
      }),
    });
    const { extracts, headed } = await headedDemo();
    expect(extracts.map(coded).flatMap((e) => e.sheets.flatMap((s) => s.header)).filter((h) => /^F\d+$/.test(String(h))).length).toBeGreaterThan(15);
    const codes = await factsByRow(extracts, coded);
    const differ = [...headed].filter(([row, facts]) => codes.get(row) !== facts).map(([row, facts]) => `${row}\n  headed: ${facts}\n  coded:  ${codes.get(row) ?? 'no record'}`);
    expect(differ.slice(0, 5).join('\n')).toBe('');
    expect(codes.size).toBe(headed.size);
  }, 120_000);

  it('a few rows under abbreviated headings: the birth date is the date years before the event date', async () => {
    // Four exclusions: too few for the spread of birth dates to show, so only the order tells.
    const school = generateExtract(generateBorough({ households: 300, seed: 3 }), 'school');
    const exclusions = school.sheets.find((s) => s.name === 'Exclusions')!;
    expect(exclusions.rows.length).toBeLessThan(10);
    const laid = layoutExtract({ ...school, sheets: [exclusions] }, 'abbreviated', 3);
    const dir = tempDir();
    const file = join(dir, laid.fileName);
    writeExtractFile(laid, file);
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    try {
      await importFile(store, file, { user: 't', today: '2025-03-31' }, silentJob());
      const got = store.reader.prepare('SELECT r.dob, e.start_date AS start FROM event e JOIN record r ON r.id = e.record_id ORDER BY r.id').all() as Array<{ dob: string | null; start: string }>;
      const serial = (c: unknown): string => new Date(Date.UTC(1899, 11, 30) + (c as { excelDate: number }).excelDate * 86_400_000).toISOString().slice(0, 10);
      const dob = exclusions.header.indexOf('DOB');
      const start = exclusions.header.indexOf('Start Date');
      expect(got).toEqual(exclusions.rows.map((r) => ({ dob: serial(r[dob]), start: serial(r[start]) })));
    } finally {
      store.close();
    }
  }, 60_000);

  it("a police csv with no header: the person's reference is the nominal's, not the incident's that victim and suspect share", async () => {
    const police = generateExtract(generateBorough({ households: 300, seed: 3 }), 'police');
    const laid = layoutExtract(police, 'no-header', 3);
    const dir = tempDir();
    const file = join(dir, laid.fileName);
    writeExtractFile(laid, file);
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    try {
      await importFile(store, file, { user: 't', today: '2025-03-31' }, silentJob());
      // the nominal's number is the person's own in the police system: rows sharing it agree on birth and sex
      const refs = (store.reader.prepare('SELECT person_ref AS ref FROM record ORDER BY id').all() as Array<{ ref: string | null }>).map((r) => r.ref);
      const nominal = police.sheets[0]!.header.indexOf('Nominal ID');
      expect(refs).toEqual(police.sheets[0]!.rows.map((r) => r[nominal]));
    } finally {
      store.close();
    }
  }, 60_000);
});
