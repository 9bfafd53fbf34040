// Extracts that carry a person's name more than once: a plain "surname" beside a combined
// "first_and_surname" (as public linkage sets and some case systems write them). The plain heading
// keeps the field; the combined one is kept in the raw row, not read as the surname.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** The roles the importer chose, and the records a real import stored, in row order. */
async function imported(path: string): Promise<{ roles: Map<string, string>; records: Array<{ surname: string | null; dob: string | null }> }> {
  const roles = new Map<string, string>();
  runPipeline({ path, fileName: basename(path), mode: 'preview', pivotYear: 2025, today: '2025-03-31' }, (m) => {
    if (m.type === 'sheet') m.sheet.headers.forEach((h, i) => roles.set(h, m.sheet.roles[i] ?? ''));
  });
  const store = Store.create(join(tempDir(), 'store.db'), 'a test passphrase', 'ann');
  try {
    await importFile(store, path, { partner: 'Test', kind: 'other', user: 'ann' }, silentJob());
    const records = store.reader.prepare('SELECT surname, dob FROM record ORDER BY id').all() as Array<{ surname: string | null; dob: string | null }>;
    return { roles, records };
  } finally {
    store.close();
  }
}

describe('a name given twice', () => {
  it('the plain surname column is the surname, not the combined first-and-surname one before it', async () => {
    const path = join(tempDir(), 'figures.csv');
    writeFileSync(
      path,
      [
        'unique_id,full_name,first_and_surname,first_name,surname,dob,birth_place,postcode_fake,gender,occupation',
        'Q1-1,"thomas clifford, 1st baron clifford",thomas chudleigh,thomas,chudleigh,1630-08-01,devon,tq13 8df,male,politician',
        'Q1-2,tom clifford,tom chudleigh,tom,chudleigh,1630-08-01,devon,tq13 8hu,,politician',
        'Q2-1,frank brangwyn,frank brangwyn,frank,brangwyn,1867-05-12,bruges,bs8 2dq,male,painter',
        'Q3-1,mary astell,mary astell,mary,astell,1666-11-12,newcastle,ne1 4st,female,writer',
      ].join('\n') + '\n',
    );
    const { roles, records } = await imported(path);
    expect(roles.get('surname')).toBe('surname');
    expect(roles.get('first_name')).toBe('forename');
    expect(roles.get('first_and_surname')).toBe('ignore');
    expect(records.map((r) => r.surname?.toLowerCase())).toEqual(['chudleigh', 'chudleigh', 'brangwyn', 'astell']);
    expect(records.map((r) => r.dob)).toEqual(['1630-08-01', '1630-08-01', '1867-05-12', '1666-11-12']);
  });

  it('two plainly headed surname columns are left as they were: the first that holds a name is used', async () => {
    const path = join(tempDir(), 'two.csv');
    writeFileSync(path, 'Forename,Surname,Family Name,DOB\nAnn,,Hughes,01/02/1980\nTom,Price,Price,03/04/1975\n');
    const { roles, records } = await imported(path);
    expect(roles.get('Surname')).toBe('surname');
    expect(roles.get('Family Name')).toBe('surname');
    expect(records.map((r) => r.surname)).toEqual(['Hughes', 'Price']);
  });
});
