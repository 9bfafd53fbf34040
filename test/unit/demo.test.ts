import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AS_OF,
  type Borough,
  type Person,
  addressAt,
  generateBorough,
  householdIndexAt,
} from '../../electron/engine/demo/borough.js';
import { dayOf, isValidYmd, ymdOf } from '../../electron/engine/demo/dates.js';
import {
  ERROR_KINDS,
  EXTRACT_IDS,
  EXTRACT_SPECS,
  type Extract,
  dayMonthSwapped,
  generateExtract,
  generateExtracts,
  rowNumberOf,
  stripDiacritics,
} from '../../electron/engine/demo/extracts.js';
import {
  isValidNhsNumber,
  isValidNino,
  isValidUpn,
  upnCheckLetter,
} from '../../electron/engine/demo/identifiers.js';
import { NICKNAMES } from '../../electron/engine/demo/names.js';
import { Rng } from '../../electron/engine/demo/prng.js';
import { type WriteDemoResult, writeDemoBorough } from '../../electron/engine/demo/index.js';

// ---------------------------------------------------------------------------------------------
// helpers

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'demo-test-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** RFC 4180 reader that also reports each record's terminator. */
function parseCsv(text: string): { records: string[][]; terminators: string[] } {
  const records: string[][] = [];
  const terminators: string[] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      const term = c === '\r' && text[i + 1] === '\n' ? '\r\n' : c;
      record.push(field);
      records.push(record);
      terminators.push(term);
      record = [];
      field = '';
      i += term.length;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
    terminators.push('');
  }
  return { records, terminators };
}

type Grid = Map<string, { header: string[]; rows: Map<number, unknown[]> }>;

/** Reads every extract into sheet → (spreadsheet row number → cells), with the header row. */
function readExtract(file: string): Grid {
  const grid: Grid = new Map();
  const base = path.basename(file);
  const spec = Object.values(EXTRACT_SPECS).find((s) => s.fileName === base);
  if (!spec) throw new Error(`unknown file ${base}`);
  if (file.endsWith('.csv')) {
    const { records } = parseCsv(readFileSync(file, 'utf8'));
    const rows = new Map<number, unknown[]>();
    records.forEach((r, i) => rows.set(i + 1, r));
    grid.set('', { header: records[0] ?? [], rows });
    return grid;
  }
  const wb = XLSX.read(readFileSync(file));
  for (const sheetSpec of spec.sheets) {
    const ws = wb.Sheets[sheetSpec.name];
    if (!ws) throw new Error(`${base}: missing sheet ${sheetSpec.name}`);
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, blankrows: true, defval: null });
    const rows = new Map<number, unknown[]>();
    aoa.forEach((r, i) => rows.set(i + 1, r));
    const headerRow = aoa.findIndex((r) => r[0] === sheetSpec.columns[0]?.[0]);
    grid.set(sheetSpec.name, { header: (aoa[headerRow] ?? []) as string[], rows });
  }
  return grid;
}

interface TruthRow {
  file: string;
  sheet: string;
  row: number;
  personId: string;
  householdId: string;
}
function readTruth(file: string): { header: string; rows: TruthRow[] } {
  const { records } = parseCsv(readFileSync(file, 'utf8'));
  const [header, ...rest] = records;
  return {
    header: (header ?? []).join(','),
    rows: rest.map(([f, s, r, p, h]) => ({
      file: f ?? '',
      sheet: s ?? '',
      row: Number(r),
      personId: p ?? '',
      householdId: h ?? '',
    })),
  };
}

const norm = (s: string): string => stripDiacritics(s).toLowerCase().replace(/[^a-z]/g, '');

/** Damerau–Levenshtein distance (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

function forenameForms(p: Person): string[] {
  return [p.forename, ...(NICKNAMES.get(p.forename) ?? [])].map(norm);
}
function surnameForms(p: Person): string[] {
  const forms = [p.surname, ...p.surname.split('-')];
  if (p.previousSurname) forms.push(p.previousSurname);
  return forms.map(norm);
}
const near = (value: string, forms: string[]): boolean => {
  const v = norm(value);
  return v !== '' && forms.some((f) => editDistance(v, f) <= 1);
};

function namesPlausible(fore: string, sur: string, p: Person): boolean {
  const f = forenameForms(p);
  const s = surnameForms(p);
  return (near(fore, f) && near(sur, s)) || (near(sur, f) && near(fore, s));
}

/** All readings of a recorded date of birth (two-digit years could be either century). */
function parseDobCell(v: unknown): number[] | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return [v - 25569];
  const s = String(v).trim();
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  let m: RegExpExecArray | null;
  const out: number[] = [];
  const push = (y: number, mo: number, d: number): void => {
    if (isValidYmd(y, mo, d)) out.push(dayOf(y, mo, d));
  };
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) push(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) push(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(s))) {
    for (const c of [1900, 2000]) push(c + Number(m[3]), Number(m[2]), Number(m[1]));
  } else if ((m = /^(\d{2})-([A-Z]{3})-(\d{2})$/.exec(s))) {
    for (const c of [1900, 2000]) push(c + Number(m[3]), months.indexOf(m[2] as string) + 1, Number(m[1]));
  } else throw new Error(`unrecognised date ${s}`);
  return out;
}

function digitsOf(day: number): string {
  const { y, m, d } = ymdOf(day);
  return `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${y}`;
}
function dobPlausible(recorded: number[] | null, truth: number): boolean {
  if (recorded === null) return true; // missing
  return recorded.some((day) => {
    if (day === truth || day === dayMonthSwapped(truth)) return true;
    const a = digitsOf(day);
    const b = digitsOf(truth);
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    return diff === 1;
  });
}

function postcodesOf(b: Borough, p: Person): Set<string> {
  const out = new Set<string>();
  for (const s of p.spells) {
    for (const a of b.households[s.householdIndex]?.addresses ?? []) out.add(a.address.postcode.replace(' ', ''));
  }
  return out;
}
function uprnsOf(b: Borough, p: Person): Set<string> {
  const out = new Set<string>();
  for (const s of p.spells) for (const a of b.households[s.householdIndex]?.addresses ?? []) out.add(a.address.uprn);
  return out;
}

const cell = (header: string[], row: unknown[], name: string): unknown => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return row[i];
};
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function sha(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) out.set(f, readFileSync(path.join(dir, f)).toString('base64'));
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('prng', () => {
  it('is reproducible per seed and stream and differs across them', () => {
    const a = new Rng(1, 's');
    const b = new Rng(1, 's');
    const c = new Rng(2, 's');
    const d = new Rng(1, 't');
    const seqA = Array.from({ length: 20 }, () => a.nextU32());
    expect(Array.from({ length: 20 }, () => b.nextU32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.nextU32())).not.toEqual(seqA);
    expect(Array.from({ length: 20 }, () => d.nextU32())).not.toEqual(seqA);
  });

  it('helpers stay in range and weighted picks follow the weights', () => {
    const r = new Rng(42);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 20000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      counts[r.weighted<'a' | 'b'>([['a', 1], ['b', 3]])]++;
    }
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    const shuffled = r.shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('identifiers', () => {
  it('implements the published check rules', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765918')).toBe(false);
    // 801200005001: 8×2 + 1×4 + 2×5 + 5×10 + 1×13 = 93; 93 mod 23 = 1 → B
    expect(upnCheckLetter('801200005001')).toBe('B');
    expect(isValidUpn('B801200005001')).toBe(true);
    expect(isValidUpn('A801200005001')).toBe(false);
    // 207000016049: 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 266; 266 mod 23 = 13 → P (I, O, S skipped)
    expect(upnCheckLetter('207000016049')).toBe('P');
    expect(isValidUpn('B207000016049')).toBe(false);
    // temporary UPN: the last character is a letter valued by its place in the check alphabet
    expect(isValidUpn(`${upnCheckLetter('20700001604A')}20700001604A`)).toBe(true);
    expect(isValidNino('AB123456C')).toBe(true);
    expect(isValidNino('QQ123456C')).toBe(false);
    expect(isValidNino('GB123456A')).toBe(false);
    expect(isValidNino('AO123456A')).toBe(false);
    expect(isValidNino('AB123456E')).toBe(false);
  });
});

describe('borough (N=2000, seed=3)', () => {
  const b = generateBorough({ households: 2000, seed: 3 });

  it('every NHS number passes mod 11, every UPN its check letter, every NINO the format; all unique', () => {
    const nhs = new Set<string>();
    const ninos = new Set<string>();
    const upns = new Set<string>();
    for (const p of b.persons) {
      expect(isValidNhsNumber(p.nhsNumber), p.nhsNumber).toBe(true);
      nhs.add(p.nhsNumber);
      const age = Math.floor((AS_OF - p.dob) / 365.25);
      if (age >= 17) expect(p.nino, p.id).not.toBe('');
      if (p.nino) {
        expect(isValidNino(p.nino), p.nino).toBe(true);
        ninos.add(p.nino);
      }
      if (p.ncYear !== null) {
        expect(p.upn).toMatch(/^[A-Z]\d{12}$/);
        expect(isValidUpn(p.upn), p.upn).toBe(true);
        upns.add(p.upn);
      } else expect(p.upn).toBe('');
    }
    expect(nhs.size).toBe(b.persons.length);
    expect(ninos.size).toBe(b.persons.filter((p) => p.nino).length);
    expect(upns.size).toBe(b.persons.filter((p) => p.upn).length);
    expect(upns.size).toBeGreaterThan(200);
  });

  it('households: members share the household id at the as-of date, sizes 1–7, mostly 2–4', () => {
    const sizes = new Map<string, number>();
    for (const p of b.persons) {
      const hh = b.households[householdIndexAt(p, AS_OF)];
      expect(hh?.id).toBe(p.householdId);
      expect(hh?.members).toContain(p.index);
      sizes.set(p.householdId, (sizes.get(p.householdId) ?? 0) + 1);
    }
    const counts = [...sizes.values()];
    expect(Math.max(...counts)).toBeLessThanOrEqual(8); // 7 + a partner who moved in
    const twoToFour = counts.filter((c) => c >= 2 && c <= 4).length;
    expect(twoToFour / counts.length).toBeGreaterThan(0.5);
    expect(counts.filter((c) => c === 1).length).toBeGreaterThan(0);
    // every occupied household has an adult
    for (const [id] of sizes) {
      const members = b.persons.filter((p) => p.householdId === id);
      expect(members.some((p) => AS_OF - p.dob >= 16 * 365)).toBe(true);
    }
    // children sometimes carry a surname different from every adult in the household
    let differentSurname = 0;
    let hyphenated = 0;
    for (const hh of b.households) {
      const members = hh.members.map((i) => b.persons[i] as Person);
      const adults = new Set(members.filter((p) => p.relationship !== 'child').map((p) => p.surname));
      for (const c of members.filter((p) => p.relationship === 'child')) {
        if (!adults.has(c.surname)) differentSurname++;
        if (c.surname.includes('-')) hyphenated++;
      }
    }
    expect(differentSurname).toBeGreaterThan(20);
    expect(hyphenated).toBeGreaterThan(0);
  });

  it('some households move during the year and keep their id; postcodes are consistent per street', () => {
    const movers = b.households.filter((h) => h.addresses.length > 1);
    expect(movers.length).toBeGreaterThan(40);
    for (const h of movers) {
      const [first, second] = h.addresses;
      expect(first?.to).toBe(second?.from);
      expect(first?.address.uprn).not.toBe(second?.address.uprn);
    }
    const spells = new Map<string, Array<{ from: number; to: number }>>();
    for (const h of b.households) {
      for (const s of h.addresses) {
        expect(s.address.postcode).toMatch(/^(S60|S61|S62|S63|S65|S66|S25|S26) \d[ABD-HJLNP-UW-Z]{2}$/);
        expect(s.address.uprn).toMatch(/^\d{12}$/);
        spells.set(s.address.uprn, [...(spells.get(s.address.uprn) ?? []), { from: s.from ?? -Infinity, to: s.to ?? Infinity }]);
      }
    }
    // no two households hold the same dwelling at the same time; some dwellings are re-let
    let relet = 0;
    for (const list of spells.values()) {
      if (list.length < 2) continue;
      relet++;
      list.sort((x, y) => x.from - y.from);
      for (let k = 1; k < list.length; k++) expect(list[k]!.from).toBeGreaterThanOrEqual(list[k - 1]!.to + 14);
    }
    expect(relet).toBeGreaterThan(10);
    // a postcode is never shared by two different streets
    const streetOf = new Map<string, string>();
    for (const h of b.households) {
      for (const s of h.addresses) {
        const prev = streetOf.get(s.address.postcode);
        if (prev) expect(prev).toBe(`${s.address.street}|${s.address.town}`);
        streetOf.set(s.address.postcode, `${s.address.street}|${s.address.town}`);
      }
    }
  });

  it('is deterministic in memory and changes with the seed', () => {
    const again = generateBorough({ households: 2000, seed: 3 });
    expect(again.persons.map((p) => `${p.forename} ${p.surname} ${p.dob} ${p.nhsNumber}`)).toEqual(
      b.persons.map((p) => `${p.forename} ${p.surname} ${p.dob} ${p.nhsNumber}`),
    );
    const other = generateBorough({ households: 2000, seed: 4 });
    expect(other.persons.slice(0, 50).map((p) => p.nhsNumber)).not.toEqual(b.persons.slice(0, 50).map((p) => p.nhsNumber));
  });
});

describe('writeDemoBorough', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('writes byte-identical files for the same N and seed, whatever the clock and Math.random say', () => {
    const a = tempDir();
    const b = tempDir();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0.111);
    const ra = writeDemoBorough({ households: 300, seed: 7, outDir: a });
    vi.setSystemTime(new Date('2033-11-12T23:59:59Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0.987);
    const rb = writeDemoBorough({ households: 300, seed: 7, outDir: b });
    vi.useRealTimers();
    expect(ra.files.map((f) => path.basename(f))).toEqual(rb.files.map((f) => path.basename(f)));
    const ha = sha(a);
    const hb = sha(b);
    expect([...ha.keys()]).toEqual([...hb.keys()]);
    for (const [name, bytes] of ha) expect(hb.get(name), name).toBe(bytes);
    expect(ra.files.length).toBe(6);
    for (const f of ra.files) expect(path.isAbsolute(f)).toBe(true);
  });

  it('writes different files for a different seed', () => {
    const a = tempDir();
    const b = tempDir();
    const ra = writeDemoBorough({ households: 200, seed: 1, outDir: a });
    writeDemoBorough({ households: 200, seed: 2, outDir: b });
    for (const f of ra.files) {
      const name = path.basename(f);
      expect(readFileSync(path.join(b, name)).equals(readFileSync(f)), name).toBe(false);
    }
    expect(readFileSync(path.join(a, 'truth.csv')).equals(readFileSync(path.join(b, 'truth.csv')))).toBe(false);
  });

  it('handles a single household', () => {
    const r = writeDemoBorough({ households: 1, seed: 1, outDir: tempDir() });
    expect(r.files).toHaveLength(6);
    expect(readTruth(r.truthPath).header).toBe('file,sheet,row_number,person_id,household_id');
  });

  it('runs N=5000 in reasonable time', () => {
    const t = performance.now();
    const r = writeDemoBorough({ households: 5000, seed: 11, outDir: tempDir() });
    const ms = performance.now() - t;
    expect(r.rows).toBeGreaterThan(5000);
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('extracts and truth (N=500, seed=1)', () => {
  const N = 500;
  const SEED = Number(process.env.DEMO_TEST_SEED ?? 1);
  let dir = '';
  let result: WriteDemoResult;
  let borough: Borough;
  const byId = new Map<string, Person>();
  beforeAll(() => {
    dir = tempDir();
    result = writeDemoBorough({ households: N, seed: SEED, outDir: dir });
    borough = generateBorough({ households: N, seed: SEED });
    for (const p of borough.persons) byId.set(p.id, p);
  });

  it('names files demo-*, marks xlsx as synthetic, lays out sheets as specified', () => {
    for (const f of result.files) expect(path.basename(f)).toMatch(/^demo-/);
    expect(result.files.map((f) => path.basename(f))).toEqual(EXTRACT_IDS.map((id) => EXTRACT_SPECS[id].fileName));
    for (const f of result.files.filter((x) => x.endsWith('.xlsx'))) {
      const wb = XLSX.read(readFileSync(f));
      expect(wb.Props?.Title ?? '').toMatch(/SYNTHETIC/);
      expect(wb.Props?.Subject ?? '').toMatch(/SYNTHETIC/);
    }
    const school = XLSX.read(readFileSync(path.join(dir, EXTRACT_SPECS.school.fileName)));
    expect(school.SheetNames).toEqual(['Attendance', 'Exclusions']);
    const housing = XLSX.read(readFileSync(path.join(dir, EXTRACT_SPECS.housing.fileName)));
    expect(housing.SheetNames).toEqual(['Tenancies', 'Notes']);
    const ten = XLSX.utils.sheet_to_json<unknown[]>(housing.Sheets.Tenancies as XLSX.WorkSheet, { header: 1, blankrows: true, defval: null });
    expect(String(ten[0]?.[0])).toMatch(/Homes/);
    expect(String(ten[1]?.[0])).toMatch(/SYNTHETIC/);
    expect((ten[2] ?? []).every((v) => v === null)).toBe(true);
    expect(ten[3]?.[0]).toBe('Tenancy Ref');
    expect(String(ten[ten.length - 1]?.[0])).toMatch(/^Total records: \d+$/);
    const notes = XLSX.utils.sheet_to_json<unknown[]>(housing.Sheets.Notes as XLSX.WorkSheet, { header: 1 });
    expect(notes.flat().join(' ')).toMatch(/SYNTHETIC/);
  });

  it('writes CSV as UTF-8 without BOM, CRLF records, a quoted newline kept inside its field', () => {
    let sawEmbeddedNewline = false;
    for (const f of result.files.filter((x) => x.endsWith('.csv'))) {
      const bytes = readFileSync(f);
      expect(bytes[0]).not.toBe(0xef);
      const { records, terminators } = parseCsv(bytes.toString('utf8'));
      expect(terminators.every((t) => t === '\r\n'), f).toBe(true);
      const width = records[0]?.length;
      for (const r of records) expect(r.length).toBe(width);
      if (records.some((r) => r.some((c) => c.includes('\n')))) sawEmbeddedNewline = true;
    }
    expect(sawEmbeddedNewline).toBe(true);
  });

  it('truth.csv covers every data row exactly once, in the export clusters format', () => {
    const truth = readTruth(result.truthPath);
    expect(truth.header).toBe('file,sheet,row_number,person_id,household_id');
    expect(truth.rows.length).toBe(result.rows);
    const seen = new Set<string>();
    for (const t of truth.rows) {
      const key = `${t.file}|${t.sheet}|${t.row}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    for (const f of result.files) {
      const grid = readExtract(f);
      const base = path.basename(f);
      for (const [sheet, { header, rows }] of grid) {
        const headerRowNumber = [...rows].find(([, r]) => r[0] === header[0])?.[0] as number;
        const dataRows = [...rows].filter(([n, r]) => n > headerRowNumber && r.some((v) => v !== null && v !== '') && !String(r[0]).startsWith('Total records'));
        const truthRows = truth.rows.filter((t) => t.file === base && t.sheet === sheet);
        expect(truthRows.length, `${base} ${sheet}`).toBe(dataRows.length);
        expect(new Set(truthRows.map((t) => t.row))).toEqual(new Set(dataRows.map(([n]) => n)));
        if (base.endsWith('.csv')) expect(Math.min(...truthRows.map((t) => t.row))).toBe(2);
      }
    }
    const housingFirst = Math.min(...truth.rows.filter((t) => t.file === EXTRACT_SPECS.housing.fileName).map((t) => t.row));
    expect(housingFirst).toBe(5); // two title rows, a blank row, the header
  });

  it('every truth row points at a row holding that person (or an error variant of them)', () => {
    const truth = readTruth(result.truthPath);
    const grids = new Map(result.files.map((f) => [path.basename(f), readExtract(f)]));
    let checked = 0;
    for (const t of truth.rows) {
      const p = byId.get(t.personId);
      expect(p, t.personId).toBeDefined();
      if (!p) continue;
      expect(t.householdId).toBe(p.householdId);
      const sheet = grids.get(t.file)?.get(t.sheet);
      const row = sheet?.rows.get(t.row);
      expect(row, `${t.file} ${t.sheet} ${t.row}`).toBeDefined();
      if (!sheet || !row) continue;
      const h = sheet.header;
      const has = (name: string): boolean => h.includes(name);
      const where = `${t.file}!${t.sheet}:${t.row} ${p.id} ${p.forename} ${p.surname}`;

      // names
      let fore: string;
      let sur: string;
      if (has('Full Name')) {
        const full = text(cell(h, row, 'Full Name'));
        const comma = full.indexOf(', ');
        sur = full.slice(0, comma);
        fore = full.slice(comma + 2).split(' ')[0] ?? '';
        // a space-joined double-barrelled surname sits before the comma
      } else {
        sur = text(cell(h, row, has('Legal Surname') ? 'Legal Surname' : 'Surname'));
        fore = text(cell(h, row, has('Legal Forename') ? 'Legal Forename' : has('First Name') ? 'First Name' : 'Forename'));
      }
      expect(namesPlausible(fore, sur, p), `${where}: names ${fore} / ${sur}`).toBe(true);

      // date of birth
      const dobHeader = ['Date of Birth', 'DOB'].find(has) as string;
      expect(dobPlausible(parseDobCell(cell(h, row, dobHeader)), p.dob), `${where}: dob ${text(cell(h, row, dobHeader))}`).toBe(true);

      // national identifiers: exact when present
      if (has('Pupil UPN')) expect(cell(h, row, 'Pupil UPN')).toBe(p.upn);
      if (has('UPN')) expect(cell(h, row, 'UPN')).toBe(p.upn);
      if (has('NI Number')) {
        const nino = String(cell(h, row, 'NI Number'));
        // exact, or keyed wrongly (the nino-typo error): another valid NINO one digit off
        expect([...nino].filter((c, k) => c !== p.nino[k]).length, `${where}: NINO ${nino}`).toBeLessThanOrEqual(nino.length === p.nino.length ? 1 : 0);
      }
      if (has('NHS No')) {
        const nhs = text(cell(h, row, 'NHS No')).replace(/ /g, '');
        if (nhs) expect(nhs).toBe(p.nhsNumber);
      }
      if (has('UPRN')) {
        const uprn = text(cell(h, row, 'UPRN'));
        if (uprn) expect(uprnsOf(borough, p).has(uprn), where).toBe(true);
      }
      // sex, when recorded
      const sexHeader = ['Gender', 'Sex', 'Gender Code'].find(has);
      if (sexHeader) {
        const sx = text(cell(h, row, sexHeader));
        if (sx) expect({ M: 'M', F: 'F', Male: 'M', Female: 'F', '1': 'M', '2': 'F' }[sx], where).toBe(p.sex);
      }
      // postcode: one the person has lived at (in any spelling)
      let pc = '';
      if (has('Home Address')) pc = /, ([A-Za-z0-9 ]+)$/.exec(text(cell(h, row, 'Home Address')))?.[1] ?? '';
      else {
        const pcHeader = ['Post Code', 'Postcode'].find(has);
        if (pcHeader) pc = text(cell(h, row, pcHeader));
      }
      if (pc) expect(postcodesOf(borough, p).has(pc.toUpperCase().replace(' ', '')), `${where}: postcode ${pc}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(truth.rows.length);
  });

  it('a wrong truth row would be caught (the checker is not vacuous)', () => {
    // Pair rows with the wrong person: the plausibility check must reject almost all of them.
    const truth = readTruth(result.truthPath);
    const grid = readExtract(path.join(dir, EXTRACT_SPECS.benefits.fileName)).get('') as { header: string[]; rows: Map<number, unknown[]> };
    const rows = truth.rows.filter((t) => t.file === EXTRACT_SPECS.benefits.fileName);
    let accepted = 0;
    rows.forEach((t, i) => {
      const wrong = byId.get((rows[(i + 7) % rows.length] as typeof t).personId) as Person;
      const row = grid.rows.get(t.row) as unknown[];
      const ok =
        namesPlausible(text(cell(grid.header, row, 'First Name')), text(cell(grid.header, row, 'Surname')), wrong) &&
        dobPlausible(parseDobCell(cell(grid.header, row, 'Date of Birth')), wrong.dob);
      if (ok && wrong.id !== t.personId) accepted++;
    });
    expect(accepted).toBeLessThan(rows.length * 0.05);
  });

  it('uses several date spellings across and within extracts', () => {
    const police = readFileSync(path.join(dir, EXTRACT_SPECS.police.fileName), 'utf8');
    expect(police).toMatch(/,\d{2}-[A-Z]{3}-\d{2},/); // 12-SEP-94
    expect(police).toMatch(/,\d{2}\/\d{2}\/\d{4},/);
    const benefits = readFileSync(path.join(dir, EXTRACT_SPECS.benefits.fileName), 'utf8');
    expect(benefits).toMatch(/,\d{4}-\d{2}-\d{2},/);
    const health = readFileSync(path.join(dir, EXTRACT_SPECS.health.fileName), 'utf8');
    expect(health).toMatch(/,\d{4}-\d{2}-\d{2},/);
    expect(health).toMatch(/,\d{2}\/\d{2}\/\d{4},/);
    expect(health).toMatch(/,\d{3} \d{3} \d{4},/); // NHS number with spaces
    const housing = XLSX.read(readFileSync(path.join(dir, EXTRACT_SPECS.housing.fileName)));
    const hdobs = XLSX.utils.sheet_to_json<unknown[]>(housing.Sheets.Tenancies as XLSX.WorkSheet, { header: 1, raw: true, defval: null })
      .slice(4)
      .map((r) => r[11]);
    expect(hdobs.some((d) => typeof d === 'number' && d > 1000 && d < 50000)).toBe(true); // a real Excel date
    expect(hdobs.some((d) => typeof d === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(d))).toBe(true); // typed as text
    // youth justice mixes Excel dates and d/m/yy text in one column (few rows at N=500: use a larger borough)
    const yj = generateExtract(generateBorough({ households: 3000, seed: 1 }), 'youth-justice');
    const sheet = yj.sheets[0];
    const col = sheet?.header.indexOf('DOB') ?? -1;
    const ydobs = (sheet?.rows ?? []).map((r) => r[col]);
    expect(ydobs.some((d) => typeof d === 'object' && d !== null && 'excelDate' in d)).toBe(true);
    expect(ydobs.some((d) => typeof d === 'string' && /^\d{1,2}\/\d{1,2}\/\d{2}$/.test(d))).toBe(true);
  });

  it('agency references and person numbers are never shared across agencies', () => {
    const refs = new Map<string, Set<string>>();
    for (const f of result.files) {
      const base = path.basename(f);
      const spec = Object.values(EXTRACT_SPECS).find((s) => s.fileName === base);
      const set = new Set<string>();
      for (const [sheetName, { header, rows }] of readExtract(f)) {
        const sheetSpec = spec?.sheets.find((s) => s.name === sheetName);
        const refCols = (sheetSpec?.columns ?? []).filter(([, role]) => role === 'agency_ref' || role === 'person_ref').map(([hd]) => hd);
        expect(refCols.length, `${base} ${sheetName}`).toBeGreaterThan(0);
        const headerAt = [...rows].find(([, r]) => r[0] === header[0])?.[0] as number;
        for (const [n, r] of rows) {
          if (n <= headerAt) continue;
          for (const c of refCols) {
            const v = text(r[header.indexOf(c)]);
            if (v && !v.startsWith('Total')) set.add(v);
          }
        }
      }
      refs.set(base, set);
    }
    const all = [...refs.entries()];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [fa, a] = all[i] as [string, Set<string>];
        const [fb, b] = all[j] as [string, Set<string>];
        for (const v of a) expect(b.has(v), `${v} in ${fa} and ${fb}`).toBe(false);
      }
    }
  });

  it('every error kind appears, and tagged errors really are in the rows', () => {
    for (const kind of ERROR_KINDS) expect(result.errorCounts[kind], kind).toBeGreaterThan(0);
    const extracts: Extract[] = generateExtracts(borough);
    const seen = new Set<string>();
    let oldAddressRows = 0;
    let oldAddressDiffers = 0;
    for (const e of extracts) {
      for (const sheet of e.sheets) {
        sheet.truth.forEach((t, i) => {
          const row = sheet.rows[i] as unknown[];
          const p = byId.get(t.personId) as Person;
          const h = sheet.header;
          const get = (name: string): string => (h.includes(name) ? text(row[h.indexOf(name)]) : '');
          const foreCol = ['Legal Forename', 'First Name', 'Forename'].find((c) => h.includes(c));
          const surCol = ['Legal Surname', 'Surname'].find((c) => h.includes(c));
          const full = get('Full Name');
          const fore = foreCol ? get(foreCol) : (full.split(', ')[1]?.split(' ')[0] ?? '');
          const sur = surCol ? get(surCol) : (full.split(', ')[0] ?? '');
          for (const kind of t.errors) {
            seen.add(kind);
            const where = `${e.fileName}:${rowNumberOf(e, sheet, i)} ${kind}`;
            switch (kind) {
              case 'name-swap':
                expect(near(sur, forenameForms(p)), where).toBe(true);
                break;
              case 'nickname':
                if (!t.errors.some((k) => k.startsWith('typo') || k === 'name-swap')) {
                  expect(NICKNAMES.get(p.forename)?.map(norm), where).toContain(norm(fore));
                }
                break;
              case 'dob-missing': {
                const dob = row[h.indexOf(h.includes('DOB') ? 'DOB' : 'Date of Birth')];
                expect(dob === null || dob === '', where).toBe(true);
                break;
              }
              case 'dob-day-month-swap': {
                const dobCell = row[h.indexOf(h.includes('DOB') ? 'DOB' : 'Date of Birth')];
                const v = typeof dobCell === 'object' && dobCell !== null ? (dobCell as { excelDate: number }).excelDate : dobCell;
                expect(parseDobCell(v), where).toContain(dayMonthSwapped(p.dob));
                break;
              }
              case 'postcode-lowercase':
                expect(row.some((c) => typeof c === 'string' && /[a-z]\d{1,2} ?\d[a-z]{2}$/.test(c)), where).toBe(true);
                break;
              case 'nhs-spaces':
                expect(get('NHS No'), where).toMatch(/^\d{3} \d{3} \d{4}$/);
                break;
              case 'surname-uppercase':
                expect(sur, where).toBe(sur.toUpperCase());
                break;
              case 'old-address':
                break;
              case 'diacritics-stripped':
                expect(/[^\u0000-\u007f]/.test(`${fore}${sur}`), where).toBe(false);
                break;
              default:
                break;
            }
          }
          // The postcode shown is the as-of one exactly when the row is not tagged old-address.
          const pc = (h.includes('Home Address') ? (/, ([A-Za-z0-9 ]+)$/.exec(get('Home Address'))?.[1] ?? '') : get('Post Code') || get('Postcode'))
            .toUpperCase()
            .replace(' ', '');
          if (pc) {
            const asOfPc = addressAt(borough, p, AS_OF).postcode.replace(' ', '');
            if (t.errors.includes('old-address')) {
              oldAddressRows++;
              if (pc !== asOfPc) oldAddressDiffers++;
            } else expect(pc, `${e.fileName}:${rowNumberOf(e, sheet, i)} address`).toBe(asOfPc);
          }
        });
      }
    }
    for (const kind of ERROR_KINDS) expect(seen.has(kind), kind).toBe(true);
    // an old address almost always has another postcode (a move within one postcode is rare)
    expect(oldAddressRows).toBeGreaterThan(10);
    expect(oldAddressDiffers / oldAddressRows).toBeGreaterThan(0.9);
  });

  it('households in truth-households.csv: one current household per person, matching truth.csv', () => {
    const { records } = parseCsv(readFileSync(result.truthHouseholdsPath, 'utf8'));
    expect(records[0]).toEqual(['household_id', 'person_id', 'from', 'to']);
    const current = new Map<string, string>();
    for (const [hh, pid, , to] of records.slice(1)) {
      if (to === '') {
        expect(current.has(pid as string), pid).toBe(false);
        current.set(pid as string, hh as string);
      }
    }
    expect(current.size).toBe(borough.persons.length);
    for (const t of readTruth(result.truthPath).rows) expect(current.get(t.personId)).toBe(t.householdId);
  });
});

describe('postcode → LSOA lookup', () => {
  it('is written only when codes are given, covers every postcode, keeps streets whole, puts need first', () => {
    const plain = writeDemoBorough({ households: 50, seed: 5, outDir: tempDir() });
    expect(plain.lookupPath).toBeNull();
    const codes = Array.from({ length: 12 }, (_, i) => `E0199${String(i).padStart(4, '0')}`);
    const dir = tempDir();
    const r = writeDemoBorough({ households: 800, seed: 5, outDir: dir, lsoaCodes: codes });
    expect(r.lookupPath).toBe(path.join(dir, 'demo-postcode-lsoa-lookup.csv'));
    const { records } = parseCsv(readFileSync(r.lookupPath as string, 'utf8'));
    expect(records[0]).toEqual(['pcds', 'lsoa21cd']);
    const map = new Map(records.slice(1).map(([pc, l]) => [pc as string, l as string]));
    expect(map.size).toBe(records.length - 1);
    const b = generateBorough({ households: 800, seed: 5 });
    const streetCode = new Map<string, string>();
    const riskByCode = new Map<string, number[]>();
    for (const hh of b.households) {
      for (const { address } of hh.addresses) {
        const code = map.get(address.postcode);
        expect(code, address.postcode).toBeDefined();
        const key = `${address.town}|${address.street}`;
        if (streetCode.has(key)) expect(streetCode.get(key)).toBe(code);
        streetCode.set(key, code as string);
        riskByCode.set(code as string, [...(riskByCode.get(code as string) ?? []), hh.risk]);
      }
    }
    expect(new Set(map.values()).size).toBeGreaterThan(8);
    const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(mean(riskByCode.get(codes[0] as string) ?? [])).toBeGreaterThan(mean(riskByCode.get(codes[11] as string) ?? [0]));
  });
});
