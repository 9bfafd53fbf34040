// A partner's extract imported two months running repeats most of last month's rows unchanged.
// Each re-sent row is linked as one comparison unit (resent.ts): its copies are not compared with
// each other, and every copy takes the unit's person. Only evidently re-sent rows collapse: thin
// rows alike in everything (a name and nothing else, no reference) may be two people's.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { prepare, preparedSubset } from '../../electron/engine/link/prepare.js';
import { ROW_FIELDS, resentUnits } from '../../electron/engine/link/resent.js';
import { runLink, type RunLinkSummary } from '../../electron/engine/link/run-link.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { Store } from '../../electron/engine/store/store.js';
import { makeMonths, writeMonths } from '../bench/unseen/next-month.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

// A youth club's register, sent in April and again in May: the same rows each month, and in May
// one new member.
// Sam Jones twice in a month under one family's reference, with nothing but a name, could be a
// father and son; April's and May's Noah Smith, with no reference, could be two boys. Ava Patel's
// row names her by itself (name, date of birth, home); Leo Brown's has the club's reference.
const REGISTER = `Forename,Surname,Date of birth,Address,Postcode,Member ref
Sam,Jones,,,,YC-FAM-3
Sam,Jones,,,,YC-FAM-3
Noah,Smith,,,,
Ava,Patel,04/03/2011,3 Mill Lane,S60 2AB,
Leo,Brown,,,,YC-17
`;

let store: Store;
let records: LinkRecord[];
let summary: RunLinkSummary;

const named = (forename: string): LinkRecord[] => records.filter((r) => r.forename === forename && r.sourceKind === 'other');

describe('a row re-sent month after month', () => {
  beforeAll(async () => {
    const dir = tempDir();
    const byMonth = await writeMonths(makeMonths(120, 5, 2), dir);
    const files = byMonth.flat();
    mkdirSync(join(dir, 'club'));
    for (const month of ['2025-04', '2025-05']) {
      const file = join(dir, 'club', `youth_club_register_${month}.csv`);
      writeFileSync(file, month === '2025-04' ? REGISTER : `${REGISTER}Mia,Khan,19/08/2012,8 Mill Lane,S60 2AB,YC-18\n`);
      files.push(file);
    }
    store = Store.openWithKey(join(dir, 'months.db'), randomBytes(32), true);
    for (const f of files) await importFile(store, f, { user: 'tester', ...(f.includes('youth_club') ? { partner: 'Youth club', kind: 'other' } : {}) }, silentJob());
    records = loadRecords(store.reader);
    summary = await runLink(store, { user: 'tester', threads: 1 }, silentJob());
    return () => store.close();
  }, 180_000);

  it('collapses the copies of a re-sent row, and not thin rows alike that may be two people', () => {
    const units = resentUnits(records, prepare(records));
    expect(units).not.toBeNull();
    const unitOf = (r: LinkRecord): number => units!.unitOf[records.indexOf(r)] as number;
    // Ava (named by her own row) and Leo (by the club's reference): one unit each, over both months
    for (const name of ['Ava', 'Leo']) {
      const rows = named(name);
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.sourceId)).size).toBe(2);
      expect(unitOf(rows[0]!)).toBe(unitOf(rows[1]!));
    }
    // thin rows alike stay apart: the four Sam Jones rows (two in each month) and the two Noah Smiths
    for (const [name, count] of [['Sam', 4], ['Noah', 2]] as const) {
      const rows = named(name);
      expect(rows).toHaveLength(count);
      expect(new Set(rows.map(unitOf)).size).toBe(count);
    }
    // most of the borough's month 2 rows are month 1's again
    expect(units!.firstOf.length).toBeLessThan(records.length * 0.75);
  });

  it('links each unit once: copies take one person, with no pair compared between them, and every record has a person', () => {
    expect(summary.records).toBe(records.length);
    expect(summary.units).toBeLessThan(records.length * 0.75);
    const run = summary.run;
    const personOf = new Map(
      (store.reader.prepare('SELECT record_id AS id, person_id AS person FROM run_record_person WHERE run_id = ?').all(run) as Array<{ id: number; person: string }>).map((r) => [r.id, r.person]),
    );
    expect(personOf.size).toBe(records.length);
    const pairs = new Set((store.reader.prepare('SELECT record_a || \'-\' || record_b AS k FROM link_pair WHERE run_id = ?').all(run) as Array<{ k: string }>).map((r) => r.k));
    // every re-sent row: its copies share a person and were never compared with each other
    const units = resentUnits(records, prepare(records))!;
    let copies = 0;
    for (let i = 0; i < records.length; i++) {
      const first = units.firstOf[units.unitOf[i] as number] as number;
      if (first === i) continue;
      copies++;
      const a = records[first]!.id;
      const b = records[i]!.id;
      expect(personOf.get(b)).toBe(personOf.get(a));
      expect(pairs.has(`${a}-${b}`)).toBe(false);
    }
    expect(copies).toBe(records.length - summary.units);
    // the borough's re-sent rows with a reference, found here by SQL: the same partner, kind and
    // reference in both months (once in each) with every stored field alike: one person, no pair
    // between them
    const resent = store.reader
      .prepare(
        `SELECT a.id AS a, b.id AS b FROM record a JOIN source sa ON sa.id = a.source_id
         JOIN record b ON b.agency_ref = a.agency_ref AND b.id > a.id JOIN source sb ON sb.id = b.source_id
         WHERE sa.partner = sb.partner AND sa.kind = sb.kind AND sa.id <> sb.id
           AND a.forename IS b.forename AND a.middle_names IS b.middle_names AND a.surname IS b.surname AND a.title IS b.title
           AND a.dob IS b.dob AND a.sex IS b.sex AND a.postcode IS b.postcode AND a.address IS b.address AND a.uprn IS b.uprn
           AND a.nhs_number IS b.nhs_number AND a.nino IS b.nino AND a.upn IS b.upn AND a.other_id IS b.other_id
           AND a.email IS b.email AND a.phone IS b.phone AND a.previous_surname IS b.previous_surname
           AND a.dob_year IS b.dob_year AND a.occupation IS b.occupation AND a.father_forename IS b.father_forename
           AND a.addr_flat IS b.addr_flat AND a.addr_number IS b.addr_number AND a.addr_name IS b.addr_name AND a.addr_street IS b.addr_street
           AND a.addr_locality IS b.addr_locality AND a.addr_town IS b.addr_town
           AND (SELECT count(*) FROM record c WHERE c.source_id = a.source_id AND c.agency_ref = a.agency_ref) = 1
           AND (SELECT count(*) FROM record c WHERE c.source_id = b.source_id AND c.agency_ref = b.agency_ref) = 1`,
      )
      .all() as Array<{ a: number; b: number }>;
    expect(resent.length).toBeGreaterThan(200);
    for (const { a, b } of resent) {
      expect(personOf.get(b)).toBe(personOf.get(a));
      expect(pairs.has(`${a}-${b}`)).toBe(false);
    }
  });

  it('keeps a row apart from last month\'s once any field the linker reads differs', () => {
    const [april, may] = named('Ava') as [LinkRecord, LinkRecord];
    const collapsed = (b: LinkRecord): boolean => resentUnits([april, b], prepare([april, b])) !== null;
    expect(collapsed(may)).toBe(true);
    // a name or address only in other letter case reads alike once prepared: the row still differs
    const other = (v: unknown): unknown =>
      typeof v === 'number' ? v + 1 : v === 'F' || v === 'M' ? 'U' : typeof v !== 'string' ? '1999' : v === april.dob ? '2011-03-05' : /[a-z]/.test(v) ? v.toUpperCase() : /[A-Z]/.test(v) ? v.toLowerCase() : `${v}1`;
    for (const field of ROW_FIELDS) expect([field, collapsed({ ...may, [field]: other(may[field]) })]).toEqual([field, false]);
    expect(collapsed({ ...may, addressParts: { ...may.addressParts!, street: 'Mill Lane' } })).toBe(false);
  });

  it('keeps two copies apart where an analyst decided they are two people', async () => {
    const [april, may] = named('Ava') as [LinkRecord, LinkRecord];
    const result = await linkPersons(records, { threads: 1, decisions: [{ a: april.id, b: may.id, decision: 'non-match' }] }, silentJob());
    expect(result.units).toBe(summary.units + 1);
    expect(result.clusters.personOf[records.indexOf(april)]).not.toBe(result.clusters.personOf[records.indexOf(may)]);
  });

  it('prepares the units as preparing their first records would, without preparing again', () => {
    const all = prepare(records);
    const units = resentUnits(records, all)!;
    const firsts = Array.from(units.firstOf, (i) => records[i] as LinkRecord);
    expect(preparedSubset(all, units.firstOf)).toEqual(prepare(firsts));
  });
});
