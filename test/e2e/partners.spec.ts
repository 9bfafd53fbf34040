// The partner list on the Sources page: an import's partner is listed with what it sends and
// its sources; the analyst adds a partner with its kinds of extract and merges an abbreviation
// into it, the source moving across; the page stays axe-clean and usable from the keyboard.
import { expect, test } from './fixtures.js';
import { SCHOOL_CSV, createStoreInUi, importThroughEngine, seriousViolations } from './helpers.js';
import { fixtureFile } from './fixtures.js';

test('an analyst keeps the partner list: imports name partners, and renaming merges their sources', async ({ page, engine }) => {
  await createStoreInUi(page);
  await importThroughEngine(engine, fixtureFile(SCHOOL_CSV), { partner: 'Rotherham Schools', kind: 'school' });
  await page.getByRole('button', { name: 'Matching', exact: true }).click();
  await page.getByRole('button', { name: 'Sources', exact: true }).click();

  const section = page.getByRole('region', { name: 'Partner organisations' });
  const table = section.getByTestId('partners-table');
  await expect(table.getByRole('row', { name: /Rotherham Schools/ })).toContainText('School');
  await expect(table.getByRole('row', { name: /Rotherham Schools/ }).getByRole('cell').nth(1)).toHaveText('1');

  // Added before its first extract, with what it will send: keyboard only.
  await section.getByLabel('Organisation', { exact: true }).fill('Rotherham Metropolitan Borough Council Schools');
  await section.getByLabel('School', { exact: true }).check();
  await section.getByLabel('Other', { exact: true }).press('Space');
  await section.getByRole('button', { name: 'Add partner', exact: true }).press('Enter');
  await expect(section.getByTestId('partners-done')).toContainText('Rotherham Metropolitan Borough Council Schools is on the partner list.');
  await expect(table.getByRole('row', { name: /Council Schools/ })).toContainText('School, Other');
  expect(await seriousViolations(page), 'partner list').toEqual([]);

  // The short name merged into the full one: its source moves across.
  await table.getByRole('button', { name: 'Rename Rotherham Schools', exact: true }).click();
  await section.getByLabel('New name for Rotherham Schools').fill('Rotherham Metropolitan Borough Council Schools');
  await section.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(section.getByTestId('partners-done')).toContainText('1 source(s) and 0 preset(s) moved');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row', { name: /Council Schools/ }).getByRole('cell').nth(1)).toHaveText('1');
});
