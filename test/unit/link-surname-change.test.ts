// A surname changed between sources (surname-change.ts): the same forename, date of birth and
// home with another surname is one woman under her maiden and married names; a man, another
// birthday or another home is not forgiven.
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
const HOME: Partial<LinkRecord> = { forename: 'Leanne', sex: 'F', dob: '1989-06-14', postcode: 'S61 3SE', postcodeRaw: 'S61 3SE', address: '15 Hazelfield Road, Wexthorpe' };
const record = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...HOME, ...f });
const background = (): LinkRecord[] =>
  Array.from({ length: 40 }, (_, k) => record({ forename: `Zed${String.fromCharCode(65 + (k % 26))}`, surname: `Other${k}`, sex: null, dob: `19${50 + k}-03-0${1 + (k % 9)}`, postcode: null, postcodeRaw: null, address: `${k + 1} Far Lane` }));

async function personOf(records: LinkRecord[]): Promise<Int32Array> {
  // a cautious prior: the surname's penalty alone keeps the pair below the threshold
  return (await linkPersons(records, { spec: fixedSpec(undefined, 1e-5), threads: 1 }, silentJob())).clusters.personOf;
}

describe('a surname changed between sources', () => {
  it('links a woman under her maiden and married names at one home, with one forename and birthday', async () => {
    const p = await personOf([record({ surname: 'Walsh', sourceId: 1 }), record({ surname: 'Okonkwo', sourceId: 2 }), ...background()]);
    expect(p[0]).toBe(p[1]);
  });

  it('does not forgive it for two men, another birthday or another home', async () => {
    const men = await personOf([record({ surname: 'Walsh', sex: 'M', forename: 'Liam' }), record({ surname: 'Okonkwo', sex: 'M', forename: 'Liam' }), ...background()]);
    expect(men[0]).not.toBe(men[1]);
    const birthday = await personOf([record({ surname: 'Walsh' }), record({ surname: 'Okonkwo', dob: '1989-06-15' }), ...background()]);
    expect(birthday[0]).not.toBe(birthday[1]);
    const elsewhere = await personOf([record({ surname: 'Walsh' }), record({ surname: 'Okonkwo', postcode: 'S25 5AX', postcodeRaw: 'S25 5AX', address: '49 Brow Street, Lyndholme' }), ...background()]);
    expect(elsewhere[0]).not.toBe(elsewhere[1]);
  });
});
