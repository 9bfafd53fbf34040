// Issue 3 item 8, end to end in Chromium: rows quarantined because a column was used as the wrong
// thing become records once the user changes the mapping in the source's own view — no file needed.
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { createStoreInUi, seriousViolations } from './helpers.js';

// The importer does not read "Known as" as a name, so Khan and Brown are quarantined on import.
const CSV = ['Ref,Surname,Forename,Known as,DOB', 'P1,Smith,John,,03/04/2010', 'P3,,,Ali Khan,31/12/1999', 'P4,,,Amy Brown,01/01/2001'].join('\n');

test('change the mapping of an imported source and read its rows again', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('police-remap.csv');
  writeFileSync(file, CSV);
  await createStoreInUi(page);

  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(file);
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  const preview = importSection.getByRole('form', { name: 'Check the columns in police-remap.csv' });
  await expect(preview.getByLabel('Use column Known as as', { exact: true })).toHaveValue('ignore');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'police-remap.csv has been imported' })).toContainText('2 quarantined');

  await page.getByRole('button', { name: 'See the records and quarantined rows of police-remap.csv' }).click();
  const detail = page.getByTestId('source-detail');
  await expect(detail.getByTestId('quarantine-table').getByRole('row')).toHaveCount(3);
  const remap = detail.getByTestId('remap-section');
  await remap.getByRole('button', { name: 'Change the mapping and read the rows again' }).click();
  const form = remap.getByRole('form', { name: 'Check the columns in police-remap.csv' });
  await expect(form.getByLabel('Use column Forename as', { exact: true })).toHaveValue('forename');
  await form.getByLabel('Use column Known as as', { exact: true }).selectOption('full_name');
  // The live check reads the column as names before anything is stored.
  await expect(form.getByRole('row', { name: /Known as/ })).toContainText('All 2 values read');
  expect(await seriousViolations(page), 'mapping a stored source').toEqual([]);
  await form.getByRole('button', { name: 'Read the rows again' }).click();

  const banner = page.getByRole('alert').filter({ hasText: 'The rows of police-remap.csv were read again' });
  await expect(banner).toBeVisible();
  const counts = banner.getByTestId('remap-counts');
  await expect(counts).toContainText('1 before, 3 now');
  await expect(counts).toContainText('2 before, 0 now');
  await expect(detail.getByTestId('source-records-count')).toHaveText('3 records');
  await expect(detail.getByTestId('quarantine-table')).toHaveCount(0);
  expect(await seriousViolations(page), 'after reading the rows again').toEqual([]);
});
