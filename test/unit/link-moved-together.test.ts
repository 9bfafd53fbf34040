// A family that moved together (moved-together.ts): a child recorded at the old home with no date
// of birth (a tenancy kept after the move) and at the new home (the school census) agrees on the
// name alone; another of the family, dated at both homes, says the family moved, and the child's
// two records are one person. Without such a member, with one person only, or with a title that
// belies the other record's age, the name alone links nothing.
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
const record = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), ...f });
const OLD: Partial<LinkRecord> = { postcode: 'HX2 4WF', postcodeRaw: 'HX2 4WF', address: '9 Lightcliffe Road, Halifax', sourceId: 1, sourceKind: 'housing' };
const NEW: Partial<LinkRecord> = { postcode: 'HX5 6PE', postcodeRaw: 'HX5 6PE', address: 'Flat 16, 26 Oak Avenue, Todmorden', sourceId: 2, sourceKind: 'school' };

// other people, so names and postcodes have their usual weights
const background = (): LinkRecord[] =>
  Array.from({ length: 40 }, (_, k) =>
    record({ forename: `Name${String.fromCharCode(65 + (k % 26))}${k}`, surname: `Other${k}`, dob: `19${50 + (k % 40)}-0${1 + (k % 9)}-1${k % 9}`, postcode: `HX${1 + (k % 7)} ${k % 9}AB`, postcodeRaw: null, address: `${k + 1} Far Lane` }),
  );

async function personsOf(family: LinkRecord[]): Promise<Int32Array> {
  const result = await linkPersons([...family, ...background()], { spec: fixedSpec(), threads: 1 }, silentJob());
  return result.clusters.personOf;
}

describe('a family that moved together', () => {
  it('joins a child known at the old home by name alone, when a parent is dated at both homes', async () => {
    const family = [
      record({ ...OLD, title: 'Mrs', forename: 'Zara', surname: 'Mahmood', dob: '1985-02-03' }),
      record({ ...OLD, title: 'Miss', forename: 'Zuzanna', surname: 'Mahmood' }),
      record({ ...NEW, forename: 'Zara', surname: 'Mahmood', dob: '1985-02-03' }),
      record({ ...NEW, forename: 'Zuzanna', surname: 'Mahmood', dob: '2019-05-05' }),
    ];
    const p = await personsOf(family);
    expect(p[0]).toBe(p[2]);
    expect(p[1]).toBe(p[3]);
    expect(p[1]).not.toBe(p[0]);
  });

  it('leaves the child apart when no one of the family is dated at both homes: two families may share a surname and names', async () => {
    const family = [
      record({ ...OLD, title: 'Mrs', forename: 'Zara', surname: 'Mahmood' }),
      record({ ...OLD, title: 'Miss', forename: 'Zuzanna', surname: 'Mahmood' }),
      record({ ...NEW, forename: 'Zara', surname: 'Mahmood', dob: '1985-02-03' }),
      record({ ...NEW, forename: 'Zuzanna', surname: 'Mahmood', dob: '2019-05-05' }),
    ];
    const p = await personsOf(family);
    expect(p[1]).not.toBe(p[3]);
  });

  it('leaves the child apart when only the child is at both homes', async () => {
    const family = [record({ ...OLD, title: 'Miss', forename: 'Zuzanna', surname: 'Mahmood' }), record({ ...NEW, forename: 'Zuzanna', surname: 'Mahmood', dob: '2019-05-05' })];
    const p = await personsOf(family);
    expect(p[0]).not.toBe(p[1]);
  });

  it("reads a tenancy member's title as of the extract, not the tenancy's start: a son let to as a child is Mr now", async () => {
    const family = [
      record({ ...OLD, eventDate: '2008-04-01', title: 'Mrs', forename: 'Zara', surname: 'Mahmood', dob: '1975-02-03' }),
      record({ ...OLD, eventDate: '2008-04-01', title: 'Mr', forename: 'Imran', surname: 'Mahmood' }),
      record({ ...NEW, forename: 'Zara', surname: 'Mahmood', dob: '1975-02-03' }),
      record({ ...NEW, forename: 'Imran', surname: 'Mahmood', dob: '2001-09-14' }),
    ];
    const p = await personsOf(family);
    expect(p[1]).toBe(p[3]);
  });

  it("leaves apart a name whose title belies the other record's age (a tenancy's Mrs, a school's child)", async () => {
    const family = [
      record({ ...OLD, title: 'Mrs', forename: 'Zara', surname: 'Mahmood', dob: '1985-02-03' }),
      record({ ...OLD, title: 'Mrs', forename: 'Zuzanna', surname: 'Mahmood' }),
      record({ ...NEW, forename: 'Zara', surname: 'Mahmood', dob: '1985-02-03' }),
      record({ ...NEW, forename: 'Zuzanna', surname: 'Mahmood', dob: '2019-05-05' }),
    ];
    const p = await personsOf(family);
    expect(p[0]).toBe(p[2]);
    expect(p[1]).not.toBe(p[3]);
  });
});
