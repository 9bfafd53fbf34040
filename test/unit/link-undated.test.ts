// Records without a date of birth (parish registers, lists of names and towns): found through
// their address where there is no postcode, and one that fits two people with different dates
// about equally joins neither.
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { clusterRecords } from '../../electron/engine/link/cluster.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

const days = (iso: string): { day: number; ymd: number } => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { day: Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1000, 0, 1)) / 86_400_000), ymd: y * 512 + m * 32 + d };
};

function cluster(dobs: Array<string | null>, edges: Array<[number, number, number]>): Int32Array {
  const day = new Int32Array(dobs.length).fill(-1);
  const ymd = new Int32Array(dobs.length);
  dobs.forEach((d, i) => {
    if (!d) return;
    day[i] = days(d).day;
    ymd[i] = days(d).ymd;
  });
  return clusterRecords({
    n: dobs.length,
    edgesA: Int32Array.from(edges.map((e) => e[0])),
    edgesB: Int32Array.from(edges.map((e) => e[1])),
    edgeWeight: Float32Array.from(edges.map((e) => e[2])),
    edgeCount: edges.length,
    identifiers: [],
    source: new Int32Array(dobs.length),
    noDuplicatesWithin: new Set(),
    matches: [],
    nonMatches: [],
    dob: { day, ymd },
  }).personOf;
}

describe('a record without a date of birth', () => {
  // 0, 1: one person born 1800; 2: a namesake born 1820; 3: a record with no date (edges strongest first)
  const dobs = ['1800-01-01', '1800-01-01', '1820-05-05', null];

  it('joins neither of two namesakes with different dates that it fits about equally', () => {
    const p = cluster(dobs, [
      [0, 1, 20],
      [3, 0, 5],
      [3, 2, 4.5],
    ]);
    expect(p[0]).toBe(p[1]);
    expect(p[3]).not.toBe(p[0]);
    expect(p[3]).not.toBe(p[2]);
  });

  it('joins the one it fits clearly better', () => {
    const p = cluster(dobs, [
      [0, 1, 20],
      [3, 0, 6],
      [3, 2, 3.5],
    ]);
    expect(p[3]).toBe(p[0]);
    expect(p[2]).not.toBe(p[0]);
  });


  it('is compared with records at its address when there is no postcode, whatever its forename sounds like', async () => {
    const person = (id: number, forename: string): LinkRecord => ({ ...blankLinkRecord(id), forename, surname: 'SMITH', sex: 'F', address: 'Mirfield' });
    const dated: LinkRecord = { ...blankLinkRecord(9), forename: 'JOHN', surname: 'BROWN', dob: '1800-01-01', address: 'Halifax' };
    const rule = 'address without a postcode + surname sound + forename initial';
    // ISABELLA and IYABELLA have different Soundex codes: no name rule pairs them; MARY has another initial
    const records = [person(1, 'ISABELLA'), person(2, 'IYABELLA'), person(3, 'MARY'), dated];
    const result = await linkPersons(records, { spec: fixedSpec(), threads: 1 }, silentJob());
    expect(result.analysis.rules.find((r) => r.rule === rule)?.comparisons).toBe(1);
    expect(result.candidatePairs).toBe(1);
    // with a postcode the postcode rules do this work, and this rule stays out of it
    const withPostcode = (r: LinkRecord): LinkRecord => ({ ...r, postcode: 'S65 2RB', postcodeRaw: 'S65 2RB' });
    const other = await linkPersons(records.map(withPostcode), { spec: fixedSpec(), threads: 1 }, silentJob());
    expect(other.analysis.rules.find((r) => r.rule === rule)?.comparisons).toBe(0);
  });
});

describe('a record with only a year of birth (a burial register\'s age, a census\'s "c. 1843")', () => {
  // named apart from one another, so each name is as rare as it would be in a register
  const others = ['ANN LEE', 'BOB RAY', 'EVE KAY', 'TOM FOX', 'SUE LOW', 'JIM ROE', 'MAY DEE', 'NED ASH'].map((name, k): LinkRecord => {
    const [forename, surname] = name.split(' ') as [string, string];
    return { ...blankLinkRecord(20 + k), forename, surname, dob: `18${10 + k}-0${1 + (k % 9)}-1${k % 9}` };
  });
  const haigh = (id: number, dob: string | null, dobYear: number | null): LinkRecord => ({ ...blankLinkRecord(id), forename: 'JOSIAH', surname: 'HAIGH', sex: 'M', dob, dobYear });

  it('links to its dated self where the name agrees, and to nobody whose year differs', async () => {
    const records = [haigh(1, '1843-05-02', null), haigh(2, null, 1843), haigh(3, null, 1870), ...others];
    // a prior for a small register: the name and sex alone (one in three records is a Josiah Haigh) stay below the threshold
    const result = await linkPersons(records, { spec: fixedSpec(undefined, 0.01), threads: 1 }, silentJob());
    const personOf = result.clusters.personOf;
    expect(personOf[1]).toBe(personOf[0]);
    expect(personOf[2]).not.toBe(personOf[0]);
    expect(personOf[2]).not.toBe(personOf[1]);
    const dob = result.spec.comparisons.findIndex((c) => c.field === 'dob');
    const K = result.spec.comparisons.length;
    const kindOf = (a: number, b: number): string | undefined => {
      for (let x = 0; x < result.pairs.count; x++) {
        if (result.pairs.a[x] === a && result.pairs.b[x] === b) return result.spec.comparisons[dob]!.levels[result.pairs.levels[x * K + dob] as number]!.kind;
      }
      return undefined;
    };
    expect(kindOf(0, 1)).toBe('yearOnly');
  });
});
