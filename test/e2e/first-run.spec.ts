// First run, end to end in the real UI: set up the store, import a CSV and an xlsx by path
// through the Sources page, watch the import progress and summary, then find, sort and filter
// the people in the records grid.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, fixtureFile, screenshotsDir, test } from './fixtures.js';
import {
  HEALTH_XLSX,
  SCHOOL_CSV,
  createStoreInUi,
  cspViolations,
  importByPath,
  progressSeen,
  recordCspViolations,
  watchProgress,
} from './helpers.js';

test('first run: set up, import a CSV and an xlsx, see the people in the grid', async ({ page, engine }, testInfo) => {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await recordCspViolations(page);
  await createStoreInUi(page);
  await expect(page.getByText('No files have been imported yet.')).toBeVisible();
  await watchProgress(page);

  await importByPath(page, fixtureFile(SCHOOL_CSV), {
    fileName: SCHOOL_CSV,
    roles: { Forename: 'forename', Surname: 'surname', 'Date of Birth': 'dob', Postcode: 'postcode', 'Pupil ID': 'person_ref' },
    records: 6,
  });
  const csvProgress = await progressSeen(page);
  expect(csvProgress.bar.length, 'the progress bar was shown').toBeGreaterThan(0);
  expect(csvProgress.events).toContain('finished true');
  expect(csvProgress.events.some((e) => e.startsWith('progress '))).toBe(true);

  await page.getByRole('button', { name: 'Import another file', exact: true }).click();
  await importByPath(page, fixtureFile(HEALTH_XLSX), {
    fileName: HEALTH_XLSX,
    roles: { 'First Name': 'forename', 'Last Name': 'surname', DOB: 'dob', 'NHS Number': 'nhs_number', Postcode: 'postcode' },
    records: 4,
  });

  // Both files are listed as sources.
  const sources = page.getByRole('region', { name: 'Imported sources' }).getByRole('table');
  await expect(sources.getByRole('rowheader', { name: new RegExp(`^${SCHOOL_CSV}`) })).toBeVisible();
  await expect(sources.getByRole('rowheader', { name: new RegExp(`^${HEALTH_XLSX}`) })).toBeVisible();

  // The grid pages every record from the engine.
  const records = page.getByRole('region', { name: 'Records' });
  await expect(records.getByTestId('records-count')).toHaveText('10 records');
  const grid = records.getByRole('treegrid').or(records.getByRole('grid')).first();
  for (const name of ['Quillfeather', 'Thistlewood', 'Oakhollow', 'Ashdown', 'Fairweather']) {
    await expect(grid.getByRole('gridcell', { name, exact: true }).first()).toBeVisible();
  }

  // Sort by surname: ascending, then descending (the engine sorts; the grid asks again).
  const surnameHeader = grid.getByRole('columnheader', { name: 'Last name' });
  // aria-rowindex 1 is the header row; 2 is the first data row, whatever the DOM order.
  const firstSurname = grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][col-id="surname"]');
  await surnameHeader.locator('.ag-header-cell-label').click();
  await expect(surnameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstSurname).toHaveText('Ashdown');
  await surnameHeader.locator('.ag-header-cell-label').click();
  await expect(surnameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(firstSurname).toHaveText('Thistlewood');

  // Filter surname "contains quill": only the three Quillfeather records remain.
  await surnameHeader.locator('.ag-header-cell-filter-button').click();
  const filterInput = page.locator('.ag-filter').getByRole('textbox').first();
  await filterInput.fill('quill');
  await expect(records.getByTestId('records-count')).toHaveText('3 records');
  await page.keyboard.press('Escape');
  await expect(grid.locator('[role="row"][row-index] [role="gridcell"][col-id="surname"]')).toHaveText([
    'Quillfeather',
    'Quillfeather',
    'Quillfeather',
  ]);
  await expect(grid.getByRole('gridcell', { name: 'Thistlewood', exact: true })).toHaveCount(0);

  // AG Grid's injected theme styles carried the per-load nonce: nothing was refused.
  expect(await cspViolations(page)).toEqual([]);

  // The engine agrees.
  const listed = await engine.invoke('sources:list', {});
  expect(listed.ok && listed.value).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ fileName: SCHOOL_CSV, records: 6, quarantined: 0 }),
      expect.objectContaining({ fileName: HEALTH_XLSX, records: 4, quarantined: 0 }),
    ]),
  );

  // A kept artefact for people to look at, not a pixel baseline.
  await mkdir(screenshotsDir, { recursive: true });
  const shot = path.join(screenshotsDir, 'first-run.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('first-run', { path: shot, contentType: 'image/png' });
});
