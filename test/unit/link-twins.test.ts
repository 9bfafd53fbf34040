// The possible-twins rule (twins.ts) on small record sets with a fixed model: which pairs it
// catches, that no third record bridges the twins, that a human match decision overrides it, and
// that turning it off lets the model's weights alone decide (the control case).
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { compareInto, compilePlan } from '../../electron/engine/link/compare.js';
import { linkPersons, type LinkPersonsOptions } from '../../electron/engine/link/link-persons.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import { compileTwinTest } from '../../electron/engine/link/twins.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
const HOME: Partial<LinkRecord> = { surname: 'Okafor', dob: '2015-01-30', sex: 'F', postcode: 'S60 1AB', postcodeRaw: 'S60 1AB', address: '14 Acacia Road, Wexthorpe' };
const record = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...HOME, ...f });

/** A register's record: a parish for an address, no postcode. */
const PARISH: Partial<LinkRecord> = { surname: 'Moore', dob: '1816-06-23', postcode: null, postcodeRaw: null, address: 'Bradford' };

// a generous prior, so that the weights alone would join the twins
const PRIOR = 0.05;

function isTwinPair(a: Partial<LinkRecord>, b: Partial<LinkRecord>): boolean {
  const spec = fixedSpec(undefined, PRIOR);
  const plan = compilePlan(spec);
  const p = prepare([record(a), record(b)]);
  const gammas = new Uint8Array(plan.comparisons.length);
  compareInto(p, plan, 0, 1, gammas, 0);
  return compileTwinTest(spec, p)?.(gammas, 0, 0, 1) ?? false;
}

describe('possible twins: the pattern', () => {
  it.each([
    { description: 'same birthday and home, different forenames', a: { forename: 'Amara' }, b: { forename: 'Ngozi' }, twins: true },
    { description: 'same UPRN stands for the same home, whatever the postcode says', a: { forename: 'Amara', uprn: '100012345678' }, b: { forename: 'Ngozi', uprn: '100012345678', postcode: 'S61 2CD', postcodeRaw: null }, twins: true },
    { description: 'flat on one side only is still the same building', a: { forename: 'Amara', address: 'Flat 2, 14 Acacia Road' }, b: { forename: 'Ngozi' }, twins: true },
    { description: 'the same forename is one person', a: { forename: 'Amara' }, b: { forename: 'AMARA' }, twins: false },
    { description: 'a nickname is one person (Peggy / Margaret)', a: { forename: 'Peggy' }, b: { forename: 'Margaret' }, twins: false },
    { description: 'a misspelling is one person (Martha / Marhta)', a: { forename: 'Martha' }, b: { forename: 'Marhta' }, twins: false },
    { description: 'an initial is one person', a: { forename: 'A' }, b: { forename: 'Amara' }, twins: false },
    { description: 'one keying error is one person (Leo / Peo)', a: { forename: 'Leo' }, b: { forename: 'Peo' }, twins: false },
    { description: 'a dropped letter is one person (Mia / Ia)', a: { forename: 'Mia' }, b: { forename: 'Ia' }, twins: false },
    { description: 'alike in sound is one person (Jessie / Jeseie)', a: { forename: 'Jessie' }, b: { forename: 'Jeseie' }, twins: false },
    { description: 'a short form is one person (Dani / Danielle)', a: { forename: 'Dani' }, b: { forename: 'Danielle' }, twins: false },
    { description: 'a contraction is one person (Mohd / Mohammed)', a: { forename: 'Mohd' }, b: { forename: 'Mohammed' }, twins: false },
    { description: 'a typo on each side of a longer name is one person (Laurrn / Lzuren)', a: { forename: 'Laurrn' }, b: { forename: 'Lzuren' }, twins: false },
    { description: 'scrambled letters are one person (Amelia / lmeAi)', a: { forename: 'Amelia' }, b: { forename: 'lmeAi' }, twins: false },
    { description: 'so are scrambled letters with one dropped (Jacob / bacJ)', a: { forename: 'Jacob' }, b: { forename: 'bacJ' }, twins: false },
    { description: 'a name of other letters is still another child (Ivy / Isla)', a: { forename: 'Ivy' }, b: { forename: 'Isla' }, twins: true },
    { description: 'names misplaced with a short form are one person (Mann Dani / Danielle Mann)', a: { forename: 'Mann', surname: 'Dani' }, b: { forename: 'Danielle', surname: 'Mann' }, twins: false },
    { description: 'an identifier that agrees says one person', a: { forename: 'Amara', nhsNumber: '9434765919' }, b: { forename: 'Ngozi', nhsNumber: '9434765919' }, twins: false },
    { description: 'so does another national number one keying error apart', a: { forename: 'Amara', otherId: '8520720' }, b: { forename: 'Ngozi', otherId: '8529720' }, twins: false },
    { description: 'different identifiers leave the pattern standing', a: { forename: 'Amara', nhsNumber: '9434765919' }, b: { forename: 'Ngozi', nhsNumber: '9434765870' }, twins: true },
    { description: 'names recorded the other way round are one person', a: { forename: 'Amara', surname: 'Okafor' }, b: { forename: 'Okafor', surname: 'Amara' }, twins: false },
    { description: 'a missing forename decides nothing', a: { forename: 'Amara' }, b: { forename: null }, twins: false },
    { description: 'different birthdays are siblings, left to the weights', a: { forename: 'Amara' }, b: { forename: 'Ngozi', dob: '2016-04-02' }, twins: false },
    { description: 'a year of birth from an age agreeing is kept apart as readily as a birthday', a: { forename: 'Amara' }, b: { forename: 'Ngozi', dob: null, dobYear: 2014, bornBy: '2015-06-12' }, twins: true },
    { description: '1 January is often a placeholder, not a birthday', a: { forename: 'Amara', dob: '2015-01-01' }, b: { forename: 'Ngozi', dob: '2015-01-01' }, twins: false },
    { description: 'same street, another house', a: { forename: 'Amara' }, b: { forename: 'Ngozi', address: '16 Acacia Road, Wexthorpe' }, twins: false },
    { description: 'same number and street in another postcode is another home', a: { forename: 'Amara' }, b: { forename: 'Ngozi', postcode: 'DN1 2AA', postcodeRaw: null }, twins: false },
    { description: 'without postcodes the place is the home: one parish in a register', a: { forename: 'Eleanor', ...PARISH }, b: { forename: 'Alice', ...PARISH }, twins: true },
    { description: 'another parish is another home', a: { forename: 'Eleanor', ...PARISH }, b: { forename: 'Alice', ...PARISH, address: 'Dewsbury' }, twins: false },
    { description: 'a place without a postcode is not the home of a record with one', a: { forename: 'Eleanor', ...PARISH }, b: { forename: 'Alice', ...PARISH, postcode: 'S60 1AB', postcodeRaw: 'S60 1AB' }, twins: false },
  ])('$description', ({ a, b, twins }) => {
    expect(isTwinPair(a, b)).toBe(twins);
    expect(isTwinPair(b, a)).toBe(twins);
  });
});

describe('possible twins: clustering', () => {
  const run = async (records: LinkRecord[], options: LinkPersonsOptions = {}): Promise<Int32Array> =>
    (await linkPersons(records, { spec: fixedSpec(undefined, PRIOR), threads: 1, ...options }, silentJob())).clusters.personOf;
  const family = (): LinkRecord[] => [
    record({ forename: 'Amara', sourceId: 1 }),
    record({ forename: 'Amara', sourceId: 2 }),
    record({ forename: 'Ngozi', sourceId: 1 }),
    record({ forename: 'Ngozi', sourceId: 2 }),
    // a third agency's record with no forename agrees with both
    record({ forename: null, sourceId: 3 }),
    // their mother, at the same home
    record({ forename: 'Adaeze', dob: '1984-11-05', sourceId: 1 }),
  ];
  const background = (): LinkRecord[] =>
    Array.from({ length: 30 }, (_, k) => record({ forename: `Zed${String.fromCharCode(65 + (k % 26))}`, surname: `Other${k}`, dob: `19${50 + k}-03-0${1 + (k % 9)}`, postcode: null, postcodeRaw: null, address: `${k + 1} Far Lane` }));

  it('keeps the twins two people, each joined with their own records, with no bridge between them', async () => {
    const p = await run([...family(), ...background()]);
    expect(p[0]).toBe(p[1]);
    expect(p[2]).toBe(p[3]);
    expect(p[0]).not.toBe(p[2]);
  });

  it('is off where the home holds no family: a different forename there is a recording error', async () => {
    const alone = family().slice(0, 5);
    const p = await run([...alone, ...background()]);
    expect(p[0]).toBe(p[2]);
  });

  it('keeps them apart where their mother is known by surname and postcode only (benefits, A&E), no one else at their door', async () => {
    const twins = family().slice(0, 5);
    const mother = record({ forename: 'Adaeze', dob: '1984-11-05', sourceId: 4, address: null });
    const p = await run([...twins, mother, ...background()]);
    expect(p[0]).toBe(p[1]);
    expect(p[2]).toBe(p[3]);
    expect(p[0]).not.toBe(p[2]);
  });

  it('turned off, the weights alone join them (the control case)', async () => {
    const p = await run([...family(), ...background()], { spec: fixedSpec((s) => (s.keepPossibleTwinsApart = false), PRIOR) });
    expect(p[0]).toBe(p[2]);
  });

  it('a human match decision overrides it', async () => {
    const records = [...family(), ...background()];
    const p = await run(records, { decisions: [{ a: records[0]!.id, b: records[2]!.id, decision: 'match' }] });
    expect(p[0]).toBe(p[2]);
  });
});
