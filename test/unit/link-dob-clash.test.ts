// A person has one date of birth: clustering never joins two dates no keying error explains
// through a record that has none (the bridge a register full of John Smiths builds), yet a pair
// that itself holds both dates is the model's own evidence and still joins. Also: births before
// 1800 are dates, not missing values.
import { describe, expect, it } from 'vitest';
import { clusterRecords, datesCompatible } from '../../electron/engine/link/cluster.js';
import { compareInto, compilePlan } from '../../electron/engine/link/compare.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

const ymd = (iso: string): { day: number; ymd: number } => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { day: Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1000, 0, 1)) / 86_400_000), ymd: y * 512 + m * 32 + d };
};

function cluster(dobs: Array<string | null>, edges: Array<[number, number]>): Int32Array {
  const day = new Int32Array(dobs.length).fill(-1);
  const packed = new Int32Array(dobs.length);
  // each record's year of birth, as link preparation derives it: its full date's, else a year given alone ('1870')
  const year = new Int16Array(dobs.length);
  dobs.forEach((d, i) => {
    if (!d) return;
    year[i] = Number(d.slice(0, 4));
    if (d.length === 4) return;
    const v = ymd(d);
    day[i] = v.day;
    packed[i] = v.ymd;
  });
  return clusterRecords({
    n: dobs.length,
    edgesA: Int32Array.from(edges.map((e) => e[0])),
    edgesB: Int32Array.from(edges.map((e) => e[1])),
    edgeCount: edges.length,
    identifiers: [],
    source: new Int32Array(dobs.length),
    noDuplicatesWithin: new Set(),
    matches: [],
    nonMatches: [],
    dob: { day, ymd: packed, year },
  }).personOf;
}

describe('one date of birth per person', () => {
  it('refuses to bridge two dates through a record without one', () => {
    const p = cluster(['1801-03-04', null, '1822-11-30'], [
      [0, 1],
      [1, 2],
    ]);
    expect(p[0]).toBe(p[1]);
    expect(p[2]).not.toBe(p[1]);
  });

  it('holds a year given alone to the dates and years of the person it would join (within a year)', () => {
    // A (a full date) – B (no date) – C (only a year, 27 years later): C is not A's person
    const c = cluster(['1843-05-01', null, '1870'], [
      [0, 1],
      [1, 2],
    ]);
    expect(c[0]).toBe(c[1]);
    expect(c[2]).not.toBe(c[1]);
    // the other way round: two years alone must agree too, and a full date then refused
    const y = cluster(['1870', null, '1843', '1843-05-01'], [
      [0, 1],
      [1, 2],
      [1, 3],
    ]);
    expect(y[0]).toBe(y[1]);
    expect(y[2]).not.toBe(y[1]);
    expect(y[3]).not.toBe(y[1]);
    // the same year, or one out (an age before the birthday), still joins
    for (const other of ['1843', '1844', '1842']) {
      const d = cluster(['1843-05-01', null, other], [
        [0, 1],
        [1, 2],
      ]);
      expect(d[0], other).toBe(d[2]);
    }
  });

  it('joins dates a keying error explains (one digit, day and month swapped, within a month)', () => {
    for (const other of ['1801-03-14', '1801-04-03', '1801-03-20', '1810-03-04']) {
      const p = cluster(['1801-03-04', null, other], [
        [0, 1],
        [1, 2],
      ]);
      expect(p[0], other).toBe(p[2]);
    }
  });

  it('lets pairs holding dates on both sides join: the model weighed them itself (FEBRL keys dates wrongly)', () => {
    expect(Array.from(cluster(['1801-03-04', '1822-11-30'], [[0, 1]]))).toEqual([0, 0]);
    // a third record whose date fits one of two joined records and not the other
    const p = cluster(['1801-03-04', '1822-11-30', '1801-03-04'], [
      [0, 1],
      [2, 0],
    ]);
    expect(p[2]).toBe(p[1]);
  });

  it.each([
    ['1801-03-04', '1801-03-04', true],
    ['1801-03-04', '1801-04-02', true],
    ['1801-03-04', '1891-03-04', true],
    ['1801-03-04', '1802-05-04', false],
    // a year worked out from an age is one out: the same birthday a year apart is one person's
    ['1809-12-31', '1810-12-31', true],
    ['1809-02-01', '1810-01-20', true],
    ['1809-02-01', '1811-02-01', false],
    ['1980-01-01', '2010-06-15', false],
    // a two-digit year keyed "51" for 2015, and one read in the wrong century
    ['2015-10-18', '1951-10-18', true],
    ['1915-09-13', '2015-09-13', true],
    ['2015-10-18', '1952-10-18', false],
  ])('%s / %s compatible: %s', (a, b, want) => {
    const x = ymd(a);
    const y = ymd(b);
    expect(datesCompatible(x.day, x.ymd, y.day, y.ymd)).toBe(want);
  });
});

describe('births before 1800', () => {
  it('compare as dates, not as missing values', () => {
    const spec = fixedSpec();
    const plan = compilePlan(spec);
    const dob = spec.comparisons.findIndex((c) => c.field === 'dob');
    const level = (a: string, b: string): string => {
      const records: LinkRecord[] = [
        { ...blankLinkRecord(1), forename: 'John', surname: 'Morris', dob: a },
        { ...blankLinkRecord(2), forename: 'John', surname: 'Morris', dob: b },
      ];
      const g = new Uint8Array(plan.comparisons.length);
      compareInto(prepare(records), plan, 0, 1, g, 0);
      return spec.comparisons[dob]!.levels[g[dob] as number]!.label;
    };
    expect(level('1783-05-16', '1783-05-16')).toBe('exact');
    expect(level('1783-05-16', '1783-05-21')).toBe('within a month');
    expect(level('1642-12-25', '1642-12-25')).toBe('exact');
    expect(level('1783-05-16', '1838-02-03')).toBe('different');
  });
});
