// An age at the row's event where the date of birth was left blank (a police extract's "age at
// occurrence"): read by the linker as the year of birth it allows, so a record holding only a
// name and an age tells a child from a parent of the same name.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { birthFromAge } from '../../electron/engine/link/dob-year.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { prepare, preparedSubset } from '../../electron/engine/link/prepare.js';
import { Store } from '../../electron/engine/store/store.js';
import { blankLinkRecord } from '../helpers/link-record.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('an age for a blank date of birth', () => {
  it.each([
    // the birth falls in the year to the day, that many years back
    [9, '2024-06-12', { bornBy: '2015-06-12', year: 2014 }],
    [60, '2024-07-18', { bornBy: '1964-07-18', year: 1964 }],
    [4, '2024-02-29', { bornBy: '2020-02-29', year: 2019 }],
    [5, '2024-02-29', { bornBy: '2019-02-28', year: 2018 }],
    [null, '2024-06-12', null],
    [131, '2024-06-12', null],
    [9, null, null],
  ])('aged %s on %s', (age, on, want) => {
    expect(birthFromAge(age, on)).toEqual(want);
  });

  it('is read at load where the date of birth is blank, and only there', async () => {
    const path = join(tempDir(), 'asb.csv');
    writeFileSync(
      path,
      [
        'Occurrence,Reported,Involvement,Surname,Forename,DOB,Age at occurrence,Home address',
        'WY-1,12/06/2024,Subject,Horvath,Imran,,9,',
        'WY-2,18/05/2024,Perpetrator,Horvath,Imran,23/03/2015,9,"Flat 8, 11 Manor Close, Elland, HX6 7JA"',
        'WY-3,19/05/2024,Victim,Horvath,Ana,,,"Flat 8, 11 Manor Close, Elland, HX6 7JA"',
      ].join('\n'),
    );
    const store = Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
    open.push(store);
    await importFile(store, path, { user: 't', today: '2025-03-01' }, silentJob());
    const records = loadRecords(store.reader);
    expect(records.map((r) => [r.dob, r.dobYear ?? null, r.bornBy ?? null])).toEqual([
      [null, 2014, '2015-06-12'],
      ['2015-03-23', null, null],
      [null, null, null],
    ]);
  });

  it('is kept in the columns of the records linked once for re-sent rows', () => {
    const records = [
      { ...blankLinkRecord(1), forename: 'Imran', surname: 'Horvath', dobYear: 2014, bornBy: '2015-06-12' },
      { ...blankLinkRecord(2), forename: 'Ana', surname: 'Horvath', dob: '1990-01-02' },
      { ...blankLinkRecord(3), forename: 'Imran', surname: 'Horvath', dobYear: 1984, bornBy: '1985-06-12' },
    ];
    const all = prepare(records);
    const some = preparedSubset(all, Int32Array.from([0, 2]));
    expect(Array.from(some.bornBy ?? [])).toEqual([all.bornBy?.[0], all.bornBy?.[2]]);
    expect(some.bornBy?.[1]).toBeGreaterThan(0);
  });
});
