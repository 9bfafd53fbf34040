// Cohorts over awkward data, through the real importer and the engine's channels: events outside
// the window, a victim rather than a cause of ASB, overlapping benefit spells, a child with no date
// of birth (shown, not guessed), a pupil whose NC Year makes her a dependent child though her
// date of birth is keyed wrong, a heading no source can feed ("no data", never zero), and the
// export's one line per family with a flag.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CohortSummary, FamilyEvidence } from '../../shared/ipc/channels/cohort.js';
import { createEngine } from '../../electron/engine/engine.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { applyTruthLinkage, parseCsv } from '../helpers/cohort-demo.js';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cohort');
const AS_OF = '2025-03-31';

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cohort-bad-'));
  const path = join(dir, 'store.db');
  const store = Store.openWithKey(path, randomBytes(32), true);
  for (const f of ['school.csv', 'police.csv', 'benefits.csv']) {
    copyFileSync(join(FIXTURES, f), join(dir, f));
    await importFile(store, join(dir, f), { user: 't', today: AS_OF }, silentJob());
  }
  applyTruthLinkage(store, join(FIXTURES, 'truth.csv'));
  const engine = createEngine({ storePath: path, host: 'cli', version: 't', user: 't' });
  engine.adoptStore(store);
  const call = async <T,>(channel: string, request: unknown): Promise<T> => {
    const r = await engine.invoke(channel, request);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  return { dir, engine, call };
}

// One store for the whole file: importing is the slow part, and nothing here changes the data.
let shared: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  shared = await setUp();
}, 60_000);
afterAll(() => {
  shared.engine.close();
  rmSync(shared.dir, { recursive: true, force: true });
});

describe('cohorts over awkward data', () => {
  it('judges each family by its events in the window, and a child with no date of birth is shown, not guessed', async () => {
    const { call } = shared;
    const summary = await call<CohortSummary>('cohort:evaluate', { programme: 'troubled-families-phase-1', asOf: AS_OF, limit: 100 });
    const byId = new Map(summary.families.map((f) => [f.familyId, f]));
    // HA: a pupil at 20% unauthorised absence, a parent's ASB in June 2024 (at a previous address) and two overlapping
    // out-of-work claims (JSA and UC): all three criteria, the work one counted once.
    expect(byId.get('HA')).toMatchObject({ criteria: { crime_asb: true, education: true, work: true }, qualifies: true });
    // HB: ASB in 2023 (outside the 12 months), a claim ended before the as-of date, and a pupil
    // at 30% absence whose age nobody recorded.
    expect(byId.get('HB')).toMatchObject({ criteria: { crime_asb: false, education: false, work: false }, qualifies: false });
    expect(byId.get('HB')!.notes.join(' ')).toMatch(/no date of birth/);
    expect(summary.undetermined).toBe(1);
    expect(summary.messages.join(' ')).toMatch(/age could not be judged/);
    // HC: a victim of ASB and a pupil at 1% absence: nothing.
    expect(byId.has('HC')).toBe(false);
    // HD: a pupil at 20% absence whose date of birth has a year digit keyed wrong (2004: 20 years
    // old) in the census row that also gives her NC Year 11: of school age, by the school's record.
    expect(byId.get('HD')).toMatchObject({ criteria: { crime_asb: false, education: true, work: false }, qualifies: false });
    const hd = await call<FamilyEvidence>('cohort:family', { programme: 'troubled-families-phase-1', asOf: AS_OF, familyId: 'HD' });
    expect(hd.criteria.find((c) => c.id === 'education')).toMatchObject({ status: 'met' });
    expect(hd.notes.join(' ')).toMatch(/Member 1: a school census gives NC Year 11, which decides their school age \(their date of birth says otherwise/);
    // HE: a boy of 8 joined with a namesake of 18 (the truth file here is the linkage): the
    // namesake's ASB gives the family the crime criterion, and the family says so.
    expect(byId.get('HE')).toMatchObject({ criteria: { crime_asb: true, education: false, work: false }, qualifies: false });
    expect(byId.get('HE')!.notes.join(' ')).toMatch(/Member 1's records give dates of birth that are not one keying slip apart.*two people of the same name/);
    expect(byId.get('HA')!.notes.join(' ')).not.toMatch(/keying slip/);
    const he = await call<FamilyEvidence>('cohort:family', { programme: 'troubled-families-phase-1', asOf: AS_OF, familyId: 'HE' });
    expect(he.notes.join(' ')).toMatch(/two people of the same name may have been joined/);
    // HB's pupil is in Reception with no date of birth: a Reception pupil may or may not be of
    // compulsory school age yet, so still not judged.

    const hb = await call<FamilyEvidence>('cohort:family', { programme: 'troubled-families-phase-1', asOf: AS_OF, familyId: 'HB' });
    expect(hb.criteria.find((c) => c.id === 'education')).toMatchObject({ status: 'undetermined' });
    expect(hb.criteria.find((c) => c.id === 'crime_asb')).toMatchObject({ status: 'not-met', evidence: [] });
    expect(hb.notes.join(' ')).toMatch(/not guessed/);
    const ha = await call<FamilyEvidence>('cohort:family', { programme: 'troubled-families-phase-1', asOf: AS_OF, familyId: 'HA' });
    const work = ha.criteria.find((c) => c.id === 'work')!;
    expect(work.status).toBe('met');
    expect(work.evidence.flatMap((e) => e.events.map((ev) => `${ev.file}|${ev.row}`)).sort()).toEqual(['benefits.csv|2', 'benefits.csv|3']);
    // the parent's ASB was recorded at their old address: counted with the family, and said so
    expect(ha.criteria.find((c) => c.id === 'crime_asb')).toMatchObject({ status: 'met' });
    expect(ha.notes.join(' ')).toMatch(/recorded at another postcode \(moved during the window/);
  });

  it('counts a pupil of school age by NC Year as a dependent child, whatever the date of birth says', async () => {
    const { call } = shared;
    const summary = await call<CohortSummary>('cohort:evaluate', { programme: 'supporting-families', asOf: AS_OF, limit: 100 });
    const byId = new Map(summary.families.map((f) => [f.familyId, f]));
    // HD: three needs (the pupil's absence, a parent's domestic abuse incident and theft), and the
    // only child is the pupil whose date of birth makes her 20 but whose census gives NC Year 11.
    expect(byId.get('HD')).toMatchObject({ criteria: { education: true, crime_asb: true, domestic_abuse: true }, qualifies: true });
    // HA's pupil is a child by date of birth, as before
    expect(byId.get('HA')).toMatchObject({ criteria: { education: true, crime_asb: true, work: true }, qualifies: true });
  });

  it('says which data a heading needs when no source has it, instead of counting zero', async () => {
    const { call } = shared;
    const s = await call<CohortSummary>('cohort:evaluate', { programme: 'troubled-families-phase-2', asOf: AS_OF });
    const cin = s.headings.find((h) => h.id === 'children_need_help')!;
    expect(cin).toMatchObject({ data: 'no-data', families: null });
    expect(s.messages.join(' ')).toMatch(/no data\. No imported source gives child in need or child protection status/);
    // no A&E extract here: health has no data either, and phase 1's local filter cannot be met
    expect(s.headings.find((h) => h.id === 'health')).toMatchObject({ data: 'no-data' });
  });

  it('exports one line per family with a flag, rows as file|sheet|row, machine-readable', async () => {
    const { dir, call } = shared;
    const out = join(dir, 'cohort.csv');
    await call('cohort:export', { programme: 'troubled-families-phase-1', asOf: AS_OF, out });
    const text = readFileSync(out, 'utf8');
    expect(parseCsv(text)).toEqual([
      ['family_id', 'as_of', 'crime_asb', 'education', 'work', 'local_filter', 'qualifies', 'rows'],
      ['HA', AS_OF, '1', '1', '1', '0', '1', 'school.csv||2;police.csv||2;benefits.csv||2;benefits.csv||3'],
      ['HD', AS_OF, '0', '1', '0', '0', '0', 'school.csv||5;police.csv||6;police.csv||7'],
      ['HE', AS_OF, '1', '0', '0', '0', '0', 'school.csv||6;police.csv||5'],
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    // an unknown preset and a date that does not exist are user errors
    await expect(call('cohort:export', { programme: 'no-such-programme', asOf: AS_OF, out })).rejects.toThrow(/There is no programme "no-such-programme"/);
    await expect(call('cohort:evaluate', { programme: 'troubled-families-phase-1', asOf: '2025-02-30' })).rejects.toThrow(/not a real date/);
  });
});
