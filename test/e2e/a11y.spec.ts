// Accessibility (axe-core, WCAG 2.2 A/AA rules) on the screens an analyst meets first: set-up,
// the Sources page with data, and the records grid. No serious or critical violations allowed.
//
// Rules turned off: none. (If one ever must be, name it here with the reason and the screen.)
import { expect, fixtureFile, test } from './fixtures.js';
import { HEALTH_XLSX, SCHOOL_CSV, seedThroughEngine, seriousViolations } from './helpers.js';

test('set-up page', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your store' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // And with its validation errors showing.
  await page.getByRole('button', { name: 'Create store', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('Sources page with data, and the records grid', async ({ page, engine }) => {
  await seedThroughEngine(engine, [fixtureFile(SCHOOL_CSV), fixtureFile(HEALTH_XLSX)]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  const records = page.getByRole('region', { name: 'Records' });
  await expect(records.getByTestId('records-count')).toHaveText('10 records');
  await expect(records.getByRole('gridcell', { name: 'Quillfeather', exact: true }).first()).toBeVisible();

  // One scan covers the page and the populated grid in it (a scan scoped to the grid alone
  // costs the same ~3 s and finds nothing the page scan does not).
  await expect(records.getByTestId('records-grid').getByRole('row')).toHaveCount(11);
  expect(await seriousViolations(page), 'Sources page with the records grid').toEqual([]);

  // The preview step ("check the columns") is part of the same page.
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(fixtureFile(SCHOOL_CSV));
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  await expect(importSection.getByRole('form', { name: `Check the columns in ${SCHOOL_CSV}` })).toBeVisible();
  expect(await seriousViolations(page), 'column check').toEqual([]);
});
