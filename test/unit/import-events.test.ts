// Events: the demo borough's extracts, through the normal importer, give every kind of dated
// fact its partner sends, each linked to its Record and Source.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Extract } from '../../electron/engine/demo/extracts.js';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { writeExtractFile } from '../../electron/engine/demo/write.js';
import { eventKindOf, eventsOf, planEvents, termDates, yearGroupOf } from '../../electron/engine/import/events.js';
import { importFile, previewImport } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { settleYearGroup } from '../../electron/engine/import/year-group.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

interface EventRow {
  kind: string;
  category: string | null;
  start_date: string | null;
  end_date: string | null;
  value: number | null;
  detail_json: string;
  source_kind: string;
}

describe('events from the demo borough', () => {
  it('stores the dated facts of every extract, linked to their record and source', async () => {
    const demo = writeDemoBorough({ households: 200, seed: 11, outDir: tempDir() });
    const store = Store.openWithKey(join(tempDir(), 'demo.db'), randomBytes(32), true);
    let summed = 0;
    for (const file of demo.files) summed += (await importFile(store, file, { user: 't', today: '2025-03-31' }, silentJob())).events;
    const events = store.reader
      .prepare('SELECT e.kind, e.category, e.start_date, e.end_date, e.value, e.detail_json, s.kind AS source_kind FROM event e JOIN record r ON r.id = e.record_id AND r.source_id = e.source_id JOIN source s ON s.id = e.source_id')
      .all() as EventRow[];
    expect(events.length).toBe(summed);
    const byKind = (kind: string): EventRow[] => events.filter((e) => e.kind === kind);
    const kinds = new Set(events.map((e) => `${e.source_kind}/${e.kind}`));
    for (const k of ['school/attendance', 'school/exclusion', 'police/asb-incident', 'youth-justice/offence', 'benefits/benefit-spell', 'housing/tenancy', 'housing/asb-case', 'health/ae-attendance']) {
      expect(kinds, k).toContain(k);
    }
    // Attendance per term, dated by the term, with unauthorised absence as the value.
    const terms = new Set(byKind('attendance').map((e) => e.category));
    expect(terms).toEqual(new Set(['Sum 2024', 'Aut 2024', 'Spr 2025']));
    expect(byKind('attendance').find((e) => e.category === 'Aut 2024')).toMatchObject({ start_date: '2024-09-01', end_date: '2024-12-31' });
    for (const e of byKind('attendance')) expect(JSON.parse(e.detail_json)).toHaveProperty('sessionsPossible');
    // the census's NC Year ("R" for Reception) is kept on each term's attendance
    const years = new Set(byKind('attendance').map((e) => (JSON.parse(e.detail_json) as { ncYear?: number }).ncYear));
    expect([...years].sort((a, b) => (a ?? 99) - (b ?? 99))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Exclusions carry their type, start date and sessions.
    for (const e of byKind('exclusion')) {
      expect(e.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.category).toBeTruthy();
    }
    // Benefit spells: type and start, an end where the claim ended.
    expect(byKind('benefit-spell').every((e) => e.category && e.start_date)).toBe(true);
    expect(byKind('benefit-spell').some((e) => e.end_date)).toBe(true);
    // Tenancy Start and End are the tenancy's dates.
    expect(byKind('tenancy').every((e) => e.start_date)).toBe(true);
    expect(byKind('tenancy').some((e) => e.end_date && e.start_date && e.end_date >= e.start_date)).toBe(true);
    // Offences keep their outcome as detail.
    expect(byKind('offence').some((e) => 'Outcome' in (JSON.parse(e.detail_json) as object))).toBe(true);
    expect(byKind('ae-attendance').every((e) => e.start_date)).toBe(true);
  });
});

describe('event kinds and term dates', () => {
  it('names an event from its sheet and headers, else from the source kind', () => {
    expect(eventKindOf('exclusions start date', 'school')).toBe('exclusion');
    expect(eventKindOf('pru placements start date', 'school')).toBe('alternative-provision');
    expect(eventKindOf('offence date', 'youth-justice')).toBe('offence');
    expect(eventKindOf('tenancy start tenancy end', 'housing')).toBe('tenancy');
    expect(eventKindOf('claim start date benefit type', 'benefits')).toBe('benefit-spell');
    expect(eventKindOf('incident date incident type', 'police')).toBe('asb-incident');
    expect(eventKindOf('attendance date', 'health')).toBe('ae-attendance');
    expect(eventKindOf('date', 'health')).toBe('ae-attendance');
    expect(eventKindOf('date', 'other')).toBe('event');
  });

  it('dates school terms from their labels', () => {
    expect(termDates('aut 2024')).toEqual({ start: '2024-09-01', end: '2024-12-31' });
    expect(termDates('spring 2025')).toEqual({ start: '2025-01-01', end: '2025-04-14' });
    expect(termDates('sum 2024')).toEqual({ start: '2024-04-15', end: '2024-07-31' });
    expect(termDates('term 3')).toBeNull();
  });
});

describe('event details', () => {
  it('keeps a "__proto__" header as a plain key of the detail', () => {
    const plan = planEvents({ sheet: 'Incidents', headers: ['Incident Date', '__proto__', 'Outcome'], roles: ['event_date', 'event', 'event'], sourceKind: 'police', pivotYear: 2025 });
    const [event] = eventsOf(['2024-01-02', 'polluted', 'Warning'], plan ?? ({} as never));
    expect(event?.[0]).toBe('asb-incident');
    expect(event?.[2]).toBe('2024-01-02');
    expect(JSON.parse(event?.[5] ?? '{}')).toEqual({ ['__proto__']: 'polluted', Outcome: 'Warning' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a pupil\'s year group', () => {
  it('keeps the NC Year on each term\'s attendance, and reads only year groups from its cells', () => {
    const headers = ['Surname', 'NC Year', 'Sessions Possible Aut 2024', 'Unauthorised Absences Aut 2024', 'Year'];
    const plan = planEvents({ sheet: 'Attendance', headers, roles: ['surname', 'event', 'event', 'event', 'event'], sourceKind: 'school', pivotYear: 2025 })!;
    expect(plan.yearGroup).toBe(1);
    const [term] = eventsOf(['Dobson', '11', '140', '28', '2024'], plan);
    expect(JSON.parse(term?.[5] ?? '{}')).toEqual({ sessionsPossible: 140, unauthorisedAbsences: 28, ncYear: 11 });
    // no year group in the cell: nothing is made up
    expect(JSON.parse(eventsOf(['Dobson', '2024/25', '140', '28', ''], plan)[0]?.[5] ?? '{}')).toEqual({ sessionsPossible: 140, unauthorisedAbsences: 28 });
    expect(['R', 'Rec', 'N1', 'N2', 'Y7', 'Year 10', '07', '14', '15', '0', '2024', '3/4', ''].map(yearGroupOf)).toEqual([0, 0, -2, -1, 7, 10, 7, 14, null, null, null, null, null]);
    // the headings systems give it, and ones that are not it
    const headed = (h: string): number | null | undefined => planEvents({ sheet: 'A', headers: ['Surname', h, 'Sessions Possible Aut 2024', 'Unauthorised Absences Aut 2024'], roles: ['surname', 'event', 'event', 'event'], sourceKind: 'school', pivotYear: 2025 })?.yearGroup;
    expect(['NC Year', 'NCYear', 'PUP_NC_YEAR', 'Year Group', 'Yr Grp', 'National Curriculum Year', 'N.C. Year', 'Academic Year', 'Year of Entry', 'Sync year'].map(headed)).toEqual([1, 1, 1, 1, 1, 1, 1, null, null, null]);
    // a column the user marked "keep, not used" stays unused
    expect(planEvents({ sheet: 'Attendance', headers, roles: ['surname', 'ignore', 'event', 'event', 'event'], sourceKind: 'school', pivotYear: 2025 })?.yearGroup).toBe(4);
    // a sheet with no termly attendance has no year group to keep
    expect(planEvents({ sheet: 'Exclusions', headers: ['Start Date', 'NC Year'], roles: ['event_date', 'event'], sourceKind: 'school', pivotYear: 2025 })?.yearGroup).toBeNull();
  });
});

describe('a year group found by its cells, whatever its heading', () => {
  const SURNAMES = ['Smith', 'Jones', 'Patel', 'Okafor', 'Nowak', 'Walsh', 'Khan', 'Brown', 'Hughes', 'Wright', 'Hussain', 'Kowalski'];
  const FORENAMES = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Leo', 'Freya', 'Jack', 'Lily', 'Harry'];
  /** Pupils of Reception to year 11 in the 2024/25 census, each born in the school year their year group says. */
  const pupils = Array.from({ length: 36 }, (_, k) => {
    const group = k % 12;
    const month = ((k * 5) % 12) + 1;
    const day = 1 + ((k * 7 + Math.floor(k / 12) * 3) % 28);
    const year = month >= 9 ? 2024 - group - 5 : 2024 - group - 4;
    // age on the extract's date, 31 March 2025
    const age = 2025 - year - (month > 3 ? 1 : 0);
    return { group, dob: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`, age, surname: SURNAMES[k % 12]!, forename: FORENAMES[(k * 7 + Math.floor(k / 12)) % 12]!, k };
  });
  const terms = (k: number): number[] => [122, k % 5, 142, (k * 3) % 7, 116, k % 4];
  const HEADERS = ['Pupil Ref', 'Surname', 'Forename', '?', 'DOB', 'Sum 2024 Sessions Possible', 'Sum 2024 Unauthorised Absences', 'Aut 2024 Sessions Possible', 'Aut 2024 Unauthorised Absences', 'Spr 2025 Sessions Possible', 'Spr 2025 Unauthorised Absences'];
  const MIXED = (g: number, k: number): string => (g === 0 ? 'R' : [String(g), `Y${g}`, `Yr ${g}`, `Year ${g}`, String(g).padStart(2, '0')][k % 5]!);

  /** One store for every sheet of this block: each import is its own source. */
  let shared: Store | null = null;
  afterAll(() => shared?.close());
  async function importSheet(name: string, format: 'csv' | 'xlsx', heading: string | null, column: (p: (typeof pupils)[number]) => string | number, who = pupils): Promise<{ file: string; roles: string[]; years: Map<string, number | undefined> }> {
    const header = heading === null ? [] : HEADERS.map((h) => (h === '?' ? heading : h));
    const rows = who.map((p) => [`P${String(100231 + p.k * 17)}`, p.surname, p.forename, column(p), p.dob, ...terms(p.k)]);
    const extract: Extract = { id: 'school', fileName: `${name}.${format}`, format, kind: 'school', partner: 'Test school', title: 'Census', notes: null, sheets: [{ name: 'Attendance', preamble: [], header, rows, truth: [], footer: [] }] };
    const file = join(tempDir(), extract.fileName);
    writeExtractFile(extract, file);
    const store = (shared ??= Store.openWithKey(join(tempDir(), 'year-groups.db'), randomBytes(32), true));
    const { sourceId } = await importFile(store, file, { user: 't', today: '2025-03-31', asOf: '2025-03-31', kind: 'school' }, silentJob());
    const roles = JSON.parse((store.reader.prepare('SELECT roles_json FROM source_sheet WHERE source_id = ?').get(sourceId) as { roles_json: string }).roles_json) as string[];
    const found = store.reader.prepare("SELECT r.forename, r.surname, r.dob, e.detail_json FROM event e JOIN record r ON r.id = e.record_id WHERE e.kind = 'attendance' AND e.source_id = ?").all(sourceId) as Array<{ forename: string; surname: string; dob: string; detail_json: string }>;
    const years = new Map(found.map((e) => [`${e.forename} ${e.surname} ${e.dob}`, (JSON.parse(e.detail_json) as { ncYear?: number }).ncYear]));
    return { file, roles, years };
  }
  const key = (p: (typeof pupils)[number]): string => {
    const [d, m, y] = p.dob.split('/');
    return `${p.forename} ${p.surname} ${y}-${m}-${d}`;
  };

  for (const format of ['csv', 'xlsx'] as const) {
    it(`a year group headed "Curr Yr", written R, 7, Y7, Yr 7, Year 7 or 07, is each pupil's NC Year (${format})`, async () => {
      const { roles, years } = await importSheet('curr-yr', format, 'Curr Yr', (p) => MIXED(p.group, p.k));
      expect(roles[3]).toBe('year_group');
      expect(years.size).toBe(pupils.length);
      for (const p of pupils) expect(years.get(key(p)), key(p)).toBe(p.group);
    });

    it(`a sheet with no header row: the year group is read from its cells against the dates of birth (${format})`, async () => {
      const { roles, years } = await importSheet('no-header', format, null, (p) => (p.group === 0 ? 'R' : p.group));
      expect(roles[3]).toBe('year_group');
      expect(years.size).toBe(pupils.length);
      for (const p of pupils) expect(years.get(key(p)), key(p)).toBe(p.group);
    });
  }

  it('bare numbers with no heading are a year group only when they follow the school year of the date of birth', async () => {
    const bare = await importSheet('bare', 'csv', null, (p) => p.group, pupils.filter((p) => p.group >= 1));
    expect(bare.roles[3]).toBe('year_group');
    expect([...bare.years.values()].every((g) => typeof g === 'number' && g >= 1)).toBe(true);
  });

  it('an age column beside the dates of birth is not a year group, though every age reads as one', async () => {
    const young = pupils.filter((p) => p.group <= 9);
    expect(young.every((p) => yearGroupOf(String(p.age)) !== null)).toBe(true);
    let unheaded = '';
    for (const heading of [null, 'Fld 5']) {
      const { file, roles, years } = await importSheet(`age-${heading ?? 'none'}`, 'csv', heading, (p) => p.age, young);
      expect(roles[3]).not.toBe('year_group');
      expect(years.size).toBe(young.length);
      expect([...years.values()].every((g) => g === undefined)).toBe(true);
      unheaded ||= file;
    }
    // the mapping screen says why
    const preview = await previewImport(null, unheaded, 'tok');
    expect(preview.sheets[0]?.columns[3]?.reason).toMatch(/move on at birthdays.*ages/);
  });

  it('a count column (sessions, exclusions) of small numbers beside dates of birth is not a year group', async () => {
    const counts = await importSheet('counts', 'csv', 'Excl Sess', (p) => 1 + ((p.k * 5) % 9));
    expect(counts.roles[3]).not.toBe('year_group');
    expect([...counts.years.values()].every((g) => g === undefined)).toBe(true);
  });

  it('a heading that names a year group wins over cells that could be ages', async () => {
    const { roles, years } = await importSheet('headed-age', 'csv', 'Year Group', (p) => p.age, pupils.filter((p) => p.group <= 9));
    expect(roles[3]).toBe('year_group');
    expect([...years.values()].every((g) => typeof g === 'number')).toBe(true);
  });
});

describe('year-group cells without a date of birth', () => {
  const event = { role: 'event' as const, confidence: 0.2 };
  const settle = (header: string, values: string[]): string | undefined => settleYearGroup(['Surname', header], [{ role: 'surname', confidence: 0.95 }, event], [['a'], values], values.map((v) => ['a', v]), [], 2025)[1]?.role;
  it('takes cells written as only year groups are, or bare numbers under a heading that says a year', () => {
    expect(settle('', ['R', '3', 'Y4', '5', '6', '7', '2'])).toBe('year_group');
    expect(settle('STU_YG', ['3', '4', '5', '6', '7', '2'])).toBe('year_group');
    expect(settle('Form', ['7', '8', '9', '10', '11', '7'])).toBe('year_group');
  });
  it('leaves bare small numbers alone: counts, house numbers, ages', () => {
    expect(settle('', ['3', '4', '5', '6', '7', '2'])).toBe('event');
    expect(settle('Excl', ['1', '2', '1', '3', '5', '2'])).toBe('event');
    expect(settle('', ['12', '4', '131', '7', '56', '2'])).toBe('event');
    // a column whose heading names a person field is never asked
    expect(settleYearGroup(['Age'], [{ role: 'age', confidence: 0.95 }], [['7', '8', '9', '10', '11']], [], [], 2025)[0]?.role).toBe('age');
  });
});
