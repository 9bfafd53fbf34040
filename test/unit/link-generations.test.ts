// Parents and children with one name (generations.ts): a date of birth a generation apart at a
// family's home, or a generational marker (Jr / Snr, Master / Mr), keeps two records apart even
// where the name, address and postcode weights would join them; a year keyed wrongly does not.
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { generationMarker } from '../../electron/engine/link/generations.js';
import { probabilityOf } from '../../electron/engine/link/model.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
const HOME: Partial<LinkRecord> = { forename: 'Mohammed', surname: 'Chaudhry', sex: 'M', postcode: 'S60 1AB', postcodeRaw: 'S60 1AB', address: '14 Acacia Road, Wexthorpe' };
const record = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...HOME, ...f });
// a generous prior, so that the weights alone would join father and son
const PRIOR = 0.5;

async function link(records: LinkRecord[], prior = PRIOR): Promise<{ personOf: Int32Array; probability: (a: number, b: number) => number }> {
  const result = await linkPersons(records, { spec: fixedSpec(undefined, prior), threads: 1 }, silentJob());
  const probability = (a: number, b: number): number => {
    for (let x = 0; x < result.pairs.count; x++) {
      const i = result.pairs.a[x];
      const j = result.pairs.b[x];
      if ((i === a && j === b) || (i === b && j === a)) return probabilityOf(result.pairs.weight[x] as number);
    }
    return 0;
  };
  return { personOf: result.clusters.personOf, probability };
}

const background = (): LinkRecord[] =>
  Array.from({ length: 30 }, (_, k) => record({ forename: `Zed${String.fromCharCode(65 + (k % 26))}`, surname: `Other${k}`, sex: null, dob: `19${50 + k}-03-0${1 + (k % 9)}`, postcode: null, postcodeRaw: null, address: `${k + 1} Far Lane` }));

describe('parents and children with one name', () => {
  it('keeps a father and his son named after him apart at their home, though their weights would join them', async () => {
    const records = [
      record({ dob: '1968-04-02', sourceId: 1 }),
      record({ dob: '1968-04-02', sourceId: 2 }),
      record({ dob: '2010-09-15', sourceId: 1 }),
      record({ dob: '2010-09-15', sourceId: 3 }),
      // the mother, at the same home
      record({ forename: 'Ayesha', sex: 'F', dob: '1972-01-20' }),
      ...background(),
    ];
    const { personOf, probability } = await link(records);
    expect(probability(0, 2)).toBeGreaterThan(0.9);
    expect(personOf[0]).toBe(personOf[1]);
    expect(personOf[2]).toBe(personOf[3]);
    expect(personOf[0]).not.toBe(personOf[2]);
  });

  it('keeps them apart at one postcode when only a postcode is known (an A&E record)', async () => {
    const records = [
      record({ dob: '1968-04-02', address: null }),
      record({ dob: '2010-09-15', address: null }),
      record({ forename: 'Ayesha', sex: 'F', dob: '1972-01-20' }),
      ...background(),
    ];
    // (a prior so generous that name, sex and postcode alone would join them)
    const { personOf, probability } = await link(records, 0.9);
    expect(probability(0, 1)).toBeGreaterThan(0.9);
    expect(personOf[0]).not.toBe(personOf[1]);
  });

  it('with only a year of birth on one record: the same year joins at the home, a year a generation away stays apart', async () => {
    const records = [record({ dob: '1968-04-02' }), record({ dob: null, dobYear: 1968 }), record({ dob: null, dobYear: 2010 }), record({ forename: 'Ayesha', sex: 'F', dob: '1972-01-20' }), ...background()];
    const { personOf } = await link(records);
    expect(personOf[1]).toBe(personOf[0]);
    expect(personOf[2]).not.toBe(personOf[0]);
  });

  it('joins a year keyed wrongly (1968 / 1986 is two digits swapped), at the same home', async () => {
    const records = [record({ dob: '1968-04-02' }), record({ dob: '1986-04-02' }), record({ forename: 'Ayesha', sex: 'F', dob: '1972-01-20' }), ...background()];
    const { personOf } = await link(records);
    expect(personOf[0]).toBe(personOf[1]);
  });

  it('outside UK postcodes, where the area holds one person only, a wrong date of birth is a recording error (as in FEBRL)', async () => {
    const febrl = { postcode: null, postcodeRaw: '4869', address: '15 wright place, lavender bay' };
    const records = [record({ dob: '1968-04-02', ...febrl }), record({ dob: '2010-09-15', ...febrl }), ...background()];
    const { personOf } = await link(records);
    expect(personOf[0]).toBe(personOf[1]);
  });

  it('at one UK postcode a father and son are two people even when no one else is seen there', async () => {
    const records = [record({ dob: '1968-04-02' }), record({ dob: '2010-09-15' }), ...background()];
    const { personOf, probability } = await link(records);
    expect(probability(0, 1)).toBeGreaterThan(0.9);
    expect(personOf[0]).not.toBe(personOf[1]);
  });

  it('an identifier that agrees says one person', async () => {
    const records = [record({ dob: '1968-04-02', nhsNumber: '9434765919' }), record({ dob: '2010-09-15', nhsNumber: '9434765919' }), record({ forename: 'Ayesha', sex: 'F', dob: '1972-01-20' }), ...background()];
    const { personOf } = await link(records);
    expect(personOf[0]).toBe(personOf[1]);
  });

  it('"Master" against "Mr" keeps two records apart when a date of birth is missing', async () => {
    const records = [record({ forename: 'Simon', surname: 'Smith', title: 'Mr', dob: null }), record({ forename: 'Simon', surname: 'Smith', title: 'Master', dob: '2011-06-01' }), ...background()];
    const { personOf, probability } = await link(records);
    expect(probability(0, 1)).toBeGreaterThan(0.9);
    expect(personOf[0]).not.toBe(personOf[1]);
  });
});

describe('generational markers', () => {
  it.each([
    [{ forename: 'Simon', middleNames: null, surname: 'Smith Jr' }, 1],
    [{ forename: 'Simon', middleNames: 'Jnr.', surname: 'Smith' }, 1],
    [{ forename: 'Simon', middleNames: null, surname: 'Smith, Snr', title: null }, 2],
    [{ forename: 'Simon', middleNames: null, surname: 'Smith', title: 'Master' }, 1],
    [{ forename: 'Simon', middleNames: null, surname: 'Smith', title: 'Mr.' }, 3],
    [{ forename: 'Junior', middleNames: null, surname: 'Smith' }, 1],
    [{ forename: 'Simon', middleNames: null, surname: 'Smithson' }, 0],
  ])('%o → %i', (r, marker) => {
    expect(generationMarker(r)).toBe(marker);
  });
});
