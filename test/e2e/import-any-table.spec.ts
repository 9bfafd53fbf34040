// Any partner's table in the mapping screen, in Chromium: a file with no header row is read from
// its cells, a name column headed with a word that says nothing is still a name, the analyst can
// choose the header row by hand, and every suggestion says why.
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { createStoreInUi, seriousViolations } from './helpers.js';

const ROWS = [
  'OCC/2024/0001,03/02/2024,ASB,Jane Smith,12/03/1985,"12 High Street, Anytown",Compton Lane',
  'OCC/2024/0002,05/02/2024,ASB,Peter Jones,01/11/1990,"4 Mill Road, Anytown",Market Square',
  'OCC/2024/0003,07/02/2024,Crime,Aisha Khan,23/07/2001,"9 Park Avenue, Anytown",Station Road',
  "OCC/2024/0004,09/02/2024,ASB,Tom O'Brien,15/05/1978,\"33 Elm Close, Anytown\",Compton Lane",
];

test('a file with no header row: columns named and read from their cells, with the reason shown', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('no-header.csv');
  writeFileSync(file, `${ROWS.join('\n')}\n`);
  await createStoreInUi(page);
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(file);
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  const form = importSection.getByRole('form', { name: 'Check the columns in no-header.csv' });
  await expect(form.getByText('None: the columns are named from their cells')).toBeVisible();
  await expect(form.getByLabel('Use column Column D as', { exact: true })).toHaveValue('full_name');
  await expect(form.getByLabel('Use column Column E as', { exact: true })).toHaveValue('dob');
  // The incident's location is not a second name or a home address.
  await expect(form.getByLabel('Use column Column G as', { exact: true })).not.toHaveValue(/name|address/);
  await expect(form.getByRole('row', { name: /Column D/ }).getByTestId('role-reason')).toContainText('whole names');
  expect(await seriousViolations(page), 'mapping a file with no header').toEqual([]);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'no-header.csv has been imported' })).toContainText('4 records');
});

test('a meaningless name heading, and the analyst chooses the header row by hand', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('codes-then-labels.csv');
  // The partner's system writes its field codes above the labels.
  const text = ['F01,F02,F03,F04,F05,F06,F07', 'Occurrence,Reported,Category,Subject,Born,Home,Location', ...ROWS].join('\n');
  writeFileSync(file, `${text}\n`);
  await createStoreInUi(page);
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(file);
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  const form = importSection.getByRole('form', { name: 'Check the columns in codes-then-labels.csv' });
  await expect(form).toBeVisible();
  await form.getByLabel('Header row', { exact: true }).fill('2');
  await form.getByRole('button', { name: 'Read the sheet again from this row' }).click();
  await expect(form.getByText('Row 2', { exact: true })).toBeVisible();
  await expect(form.getByLabel('Use column Subject as', { exact: true })).toHaveValue('full_name');
  await expect(form.getByRole('row', { name: /Subject/ }).getByTestId('role-reason')).toContainText('whole names');
  // Set a column by hand too: the analyst has the last word.
  await form.getByLabel('Use column Location as', { exact: true }).selectOption('drop');
  expect(await seriousViolations(page), 'choosing the header row').toEqual([]);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'codes-then-labels.csv has been imported' })).toContainText('4 records');
});
