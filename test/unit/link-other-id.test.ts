// The "other national identifier" (a foreign social security number with no check digit) in the
// person linker: a blocking key, weighed by EM like any other field, and never a veto (DESIGN §3
// "Identifiers as evidence").
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { defaultMatchSpec, levelWeight } from '../../electron/engine/link/spec.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
/** One person as an Australian extract (FEBRL-like: a 4-digit postcode) records her. */
const JANE: Partial<LinkRecord> = { forename: 'Jane', surname: 'Doe', dob: '1980-05-12', sex: 'F', postcodeRaw: '4223', address: '14 Acacia Road, Miami' };
const record = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...JANE, ...f });

const FIRST = ['Amir', 'Beth', 'Carl', 'Dina', 'Evan', 'Faye', 'Gus', 'Hana', 'Ivan', 'Jodi', 'Kemal', 'Lola', 'Mick', 'Nia', 'Otto', 'Pia', 'Quentin', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Ames', 'Boyd', 'Cole', 'Dunn', 'Eyre', 'Ford', 'Gray', 'Hart', 'Irwin', 'Judd', 'Kaur', 'Lowe', 'Moss', 'Nash', 'Owen', 'Pike', 'Quinn', 'Reid', 'Sykes', 'Todd'];

/** Different people, each with their own seven-digit number. */
function people(n: number): LinkRecord[] {
  return Array.from({ length: n }, (_, k) =>
    record({
      forename: FIRST[k % 20] as string,
      surname: LAST[Math.floor(k / 20) % 20] as string,
      dob: new Date(Date.UTC(1940, 0, 2) + k * 37 * 86_400_000).toISOString().slice(0, 10),
      sex: k % 2 ? 'M' : 'F',
      postcodeRaw: String(2000 + ((k * 7919) % 7000)),
      address: `${k + 1} Other Street, Town ${k % 13}`,
      otherId: String(1_000_003 + k * 7_919),
    }),
  );
}

describe('other national identifier in the linker', () => {
  it('is never a veto: two different numbers on otherwise identical records still make one person', async () => {
    const a = record({ otherId: '5304218' });
    const b = record({ otherId: '4066625' });
    const result = await linkPersons([a, b, ...people(40)], { spec: fixedSpec(), threads: 1 }, silentJob());
    expect(result.clusters.personOf[0]).toBe(result.clusters.personOf[1]);
    expect(result.clusters.refused.identifier).toBe(0);
  });

  it('is a blocking key: records sharing only the number are compared', async () => {
    const a = record({ forename: 'Kylie', surname: 'Minogue', dob: '1968-05-28', postcodeRaw: '3000', address: '1 Collins Street', otherId: '7364009' });
    const b = record({ forename: 'Ruby', surname: 'Lowe', dob: '1971-11-02', postcodeRaw: '6000', address: '9 Hay Street', otherId: '7364009' });
    const result = await linkPersons([a, b, ...people(40)], { spec: fixedSpec(), threads: 1 }, silentJob());
    const rule = result.analysis.rules.find((r) => r.rule === 'other national identifier');
    expect(rule?.newComparisons).toBe(1);
    // one shared number against everything else: still two people
    expect(result.clusters.personOf[0]).not.toBe(result.clusters.personOf[1]);
  });

  it('is trained by EM, not fixed: equal numbers weigh for, different ones against, and never as a veto', async () => {
    const originals = people(800);
    const twins = originals.slice(0, 300).map((r, k) => ({
      ...r,
      id: nextId++,
      sourceId: 2,
      forename: k % 4 === 0 ? `${r.forename}e` : r.forename,
      address: k % 3 ? r.address : null,
      // most keep the number, some mistype one digit, a few carry another number
      otherId: k % 10 === 0 ? String(9_000_001 + k) : k % 7 === 0 ? `${(r.otherId as string).slice(0, 6)}${(Number((r.otherId as string).at(-1)) + 1) % 10}` : r.otherId,
    }));
    const result = await linkPersons([...originals, ...twins], { threads: 1 }, silentJob());
    const other = result.spec.comparisons.find((c) => c.field === 'otherId');
    expect(other?.fixed).toBeUndefined();
    const [, equal, oneEdit, different] = other?.levels ?? [];
    const defaults = defaultMatchSpec().comparisons.find((c) => c.field === 'otherId')?.levels ?? [];
    expect(equal?.m).not.toBe(defaults[1]?.m);
    expect(levelWeight(equal!)).toBeGreaterThan(5);
    expect(levelWeight(oneEdit!)).toBeGreaterThan(0);
    expect(levelWeight(different!)).toBeLessThan(0);
    // the floor that keeps a trained "different" from acting as a veto
    expect(different?.m).toBeGreaterThanOrEqual(1e-3);
    // and the duplicates are found, the ones with another number included
    const personOf = result.clusters.personOf;
    let found = 0;
    twins.forEach((_, k) => {
      if (personOf[k] === personOf[originals.length + k]) found++;
    });
    expect(found).toBe(twins.length);
    expect(result.clusters.personCount).toBe(originals.length);
  });
});
