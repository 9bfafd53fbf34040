// Same name in different homes needs more than the name (namesakes.ts): one name and a date of
// birth a digit apart at two UK homes is held in review, not linked; an identifier, the same
// home, or a third record still joins them.
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { probabilityOf } from '../../electron/engine/link/model.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
const KHAN: Partial<LinkRecord> = { forename: 'Mohammed', surname: 'Khan', sex: 'M' };
const record = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...KHAN, ...f });
const at = (postcode: string, address: string): Partial<LinkRecord> => ({ postcode, postcodeRaw: postcode, address });

const background = (): LinkRecord[] =>
  Array.from({ length: 30 }, (_, k) => record({ forename: `Zed${String.fromCharCode(65 + (k % 26))}`, surname: `Other${k}`, sex: null, dob: `19${50 + k}-03-0${1 + (k % 9)}`, address: `${k + 1} Far Lane` }));

async function link(records: LinkRecord[]): Promise<{ personOf: Int32Array; probability: (a: number, b: number) => number }> {
  // a generous prior: name, sex and a near date of birth alone would clear the threshold
  const result = await linkPersons(records, { spec: fixedSpec(undefined, 0.05), threads: 1 }, silentJob());
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

describe('same name in different homes', () => {
  it('does not link one name with a date of birth a digit apart at two homes, and leaves the pair in review', async () => {
    const records = [record({ dob: '1984-03-12', ...at('S60 1AB', '14 Acacia Road, Wexthorpe') }), record({ dob: '1984-03-17', ...at('S65 2RB', '3 Kilnfield Road, Wexthorpe') }), ...background()];
    const { personOf, probability } = await link(records);
    expect(personOf[0]).not.toBe(personOf[1]);
    expect(probability(0, 1)).toBeGreaterThan(0.8);
  });

  it('does not link one name with only a year of birth (from an age) agreeing at two homes', async () => {
    const records = [record({ dob: '1984-03-12', ...at('S60 1AB', '14 Acacia Road, Wexthorpe') }), record({ dob: null, dobYear: 1984, bornBy: '1984-11-20', ...at('S65 2RB', '3 Kilnfield Road, Wexthorpe') }), ...background()];
    const { personOf, probability } = await link(records);
    expect(personOf[0]).not.toBe(personOf[1]);
    expect(probability(0, 1)).toBeGreaterThan(0.8);
  });

  it('links them when an identifier agrees, or at one home', async () => {
    const nhs = { nhsNumber: '9434765919' };
    const byId = await link([record({ dob: '1984-03-12', ...nhs, ...at('S60 1AB', '14 Acacia Road, Wexthorpe') }), record({ dob: '1984-03-17', ...nhs, ...at('S65 2RB', '3 Kilnfield Road, Wexthorpe') }), ...background()]);
    expect(byId.personOf[0]).toBe(byId.personOf[1]);
    const home = await link([record({ dob: '1984-03-12', ...at('S60 1AB', '14 Acacia Road, Wexthorpe') }), record({ dob: '1984-03-17', ...at('S60 1AB', '14 Acacia Rd, Wexthorpe') }), ...background()]);
    expect(home.personOf[0]).toBe(home.personOf[1]);
  });

  it('still joins them through a third record that links each (the new address with the right date)', async () => {
    const records = [
      record({ dob: '1984-03-12', ...at('S60 1AB', '14 Acacia Road, Wexthorpe') }),
      record({ dob: '1984-03-17', ...at('S65 2RB', '3 Kilnfield Road, Wexthorpe') }),
      record({ dob: '1984-03-12', ...at('S65 2RB', '3 Kilnfield Road, Wexthorpe') }),
      ...background(),
    ];
    const { personOf } = await link(records);
    expect(personOf[0]).toBe(personOf[2]);
    expect(personOf[1]).toBe(personOf[2]);
  });
});
