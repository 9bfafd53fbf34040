// A whole-name column written "Surname Forename" in plain title case reads like "Forename
// Surname" cell by cell. The column decides: cells that say it outright ("SMITH John", "Smith,
// John") carry the rest, and without them the families in it do — people at one postcode share a
// surname, at whichever end of the cell it stands. No list of names is consulted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { rowsOf, unpackRows } from '../../electron/engine/import/row-batch.js';
import { nameOrdersOf } from '../../electron/engine/import/name-order.js';
import { recordIndex } from '../../electron/engine/import/row-builder.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** Households of an unseen borough: surnames and forenames no demo uses. */
const HOMES: Array<{ postcode: string; surname: string; members: Array<[string, string]> }> = [
  { postcode: 'S60 1AA', surname: 'Oyelaran', members: [['Folake', '12/03/1981'], ['Tunde', '02/07/1979'], ['Ayo', '19/10/2012']] },
  { postcode: 'S60 1AB', surname: 'Kowalczyk', members: [['Agnieszka', '01/01/1990'], ['Piotr', '05/05/2014']] },
  { postcode: 'S60 1AD', surname: 'Thomas', members: [['Rhys', '23/09/1985'], ['Ffion', '30/11/2015'], ['Cerys', '03/03/2017']] },
  { postcode: 'S60 2BB', surname: 'Begum', members: [['Rokeya', '11/02/1975'], ['Shirin', '14/08/2009']] },
  { postcode: 'S61 3CC', surname: 'James', members: [['Owen', '07/07/1970'], ['Megan', '09/09/2011']] },
  { postcode: 'S61 3CD', surname: 'Nowak', members: [['Ewa', '17/04/1988']] },
];

function writeExtract(dir: string, name: (forename: string, surname: string) => string): string {
  const path = join(dir, 'clients.csv');
  const lines = ['Client,Born,Post Code'];
  for (const home of HOMES) for (const [forename, dob] of home.members) lines.push(`${name(forename, home.surname)},${dob},${home.postcode}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function namesOf(path: string): Array<[string | null, string | null]> {
  const out: Array<[string | null, string | null]> = [];
  runPipeline({ path, fileName: 'clients.csv', mode: 'import', pivotYear: 2025, today: '2025-03-31' }, (m) => {
    if (m.type !== 'rows') return;
    for (const row of rowsOf(unpackRows(m.data))) {
      const record = row[5];
      if (row[2] === 'record' && record) out.push([record[recordIndex('forename')] as string | null, record[recordIndex('surname')] as string | null]);
    }
  });
  return out;
}

const truth = (): Array<[string, string]> => HOMES.flatMap((h) => h.members.map(([f]) => [f, h.surname] as [string, string]));

describe('the order of names in a whole-name column', () => {
  it('"Surname Forename" in title case: the families show the surname comes first', () => {
    const path = writeExtract(tempDir(), (f, s) => `${s} ${f}`);
    expect(namesOf(path)).toEqual(truth());
  });

  it('"Forename Surname" in title case stays that way round', () => {
    const path = writeExtract(tempDir(), (f, s) => `${f} ${s}`);
    expect(namesOf(path)).toEqual(truth());
  });

  it('cells that say it outright decide for the plain ones in the column', () => {
    const cells = ['OYELARAN Folake', 'Oyelaran Tunde', 'KOWALCZYK Agnieszka', 'Thomas Rhys', 'BEGUM Rokeya', 'James, Owen'];
    expect(nameOrdersOf(['full_name'], cells.map((c) => [c]))).toEqual(['surname-first']);
    expect(nameOrdersOf(['full_name'], ['Folake OYELARAN', 'Tunde Oyelaran', 'Agnieszka KOWALCZYK', 'Rhys THOMAS'].map((c) => [c]))).toEqual(['given-first']);
  });

  it('without a household or a cell that says, the order is left undecided (read forename first)', () => {
    expect(nameOrdersOf(['full_name', 'dob'], [['Thomas Rhys', '23/09/1985'], ['Begum Rokeya', '11/02/1975']])).toEqual([null, null]);
    // One person in two rows shares both ends: that says nothing about the order.
    expect(nameOrdersOf(['full_name', 'postcode'], [['Rhys Thomas', 'S60 1AD'], ['Rhys Thomas', 'S60 1AD'], ['Ewa Nowak', 'S61 3CD'], ['Ewa Nowak', 'S61 3CD'], ['Owen James', 'S61 3CC'], ['Owen James', 'S61 3CC']])).toEqual([null, null]);
  });
});
