// Issue 3, end to end in Chromium: a messy monthly xlsx (title rows, a two-row header, a notes
// sheet, unreadable dates, a row with no name) is previewed, the suggested mapping confirmed, the
// problems seen, the mapping saved as a preset; next month's file (a renamed header; one person
// new, one changed, one gone) gets the preset applied with the drift reported, and the diff.
// Then the source's own view: records with problems marked, quarantined rows, the xlsx export.
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { FEBRUARY, JANUARY, writeMonthlyExtracts } from '../fixtures/import-presets/build.js';
import { expect, test } from './fixtures.js';
import { createStoreInUi, seriousViolations } from './helpers.js';

const PERSON_ROLES = { 'Case No': 'agency_ref', Surname: 'surname', Forename: 'forename', 'Date of Birth': 'dob' };

async function previewByPath(page: Page, file: string, fileName: string) {
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(file);
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  const form = importSection.getByRole('form', { name: `Check the columns in ${fileName}` });
  await expect(form).toBeVisible();
  return form;
}

test('messy monthly xlsx: confirm the mapping, save a preset, next month applies it and shows the diff', async ({ page }, testInfo) => {
  const dir = testInfo.outputPath('extracts');
  mkdirSync(dir, { recursive: true });
  const { january, february } = writeMonthlyExtracts(dir);
  await createStoreInUi(page);

  // January: the suggested mapping under the title rows and the two-row header.
  let form = await previewByPath(page, january, JANUARY);
  for (const [header, role] of Object.entries(PERSON_ROLES)) {
    await expect(form.getByLabel(`Use column ${header} as`, { exact: true }), header).toHaveValue(role);
  }
  await expect(form.getByLabel('Use column Postcode as', { exact: true })).toHaveValue('postcode');
  // The problems, per column, before anything is stored.
  await expect(form.getByTestId('column-problem')).toHaveText(['2 of 7 dates could not be read']);
  await expect(form.getByText('Notes only: no table of people')).toBeVisible();
  expect(await seriousViolations(page), 'mapping screen').toEqual([]);

  await form.getByLabel('Data-sharing agreement reference (optional)').fill('DSA-YS-2025');
  await form.getByLabel('Lawful basis (optional)').fill('UK GDPR Article 6(1)(e) public task');
  await form.getByLabel('Keep until (optional)').fill('2031-03-31');
  await form.getByLabel('Save this mapping for next time (optional)').fill('Youth service monthly');
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  let banner = page.getByRole('alert').filter({ hasText: `${JANUARY} has been imported` });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('6 records');
  await expect(banner).toContainText('1 quarantined');
  await expect(page.getByTestId('preset-saved')).toContainText('Youth service monthly');
  await expect(page.getByTestId('import-diff')).toHaveCount(0);

  // February: the preset is applied by itself, and the renamed header is reported.
  await page.getByRole('button', { name: 'Import another file', exact: true }).click();
  form = await previewByPath(page, february, FEBRUARY);
  const drift = form.getByTestId('preset-drift');
  await expect(drift).toContainText('Youth service monthly');
  await expect(drift).toContainText('“Postcode” is now called “Post Code”');
  await expect(form.getByLabel('Saved mapping')).toHaveValue('Youth service monthly');
  await expect(form.getByLabel('Use column Post Code as', { exact: true })).toHaveValue('postcode');
  for (const [header, role] of Object.entries(PERSON_ROLES)) {
    await expect(form.getByLabel(`Use column ${header} as`, { exact: true }), header).toHaveValue(role);
  }
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  banner = page.getByRole('alert').filter({ hasText: `${FEBRUARY} has been imported` });
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('preset-drift')).toContainText('“Postcode” is now called “Post Code”');
  const diff = page.getByTestId('import-diff');
  await expect(diff).toContainText(`Changes since ${JANUARY}`);
  await expect(diff.getByTestId('diff-new')).toHaveText('1 new');
  await expect(diff.getByTestId('diff-changed')).toHaveText('1 changed');
  await expect(diff.getByTestId('diff-gone')).toHaveText('1 gone');
  await expect(diff.getByTestId('diff-unchanged')).toHaveText('4 unchanged');
  await expect(diff.getByRole('row', { name: /^Changed/ })).toContainText('postcode');
  expect(await seriousViolations(page), 'import summary with the diff').toEqual([]);

  // February's own view, straight from the summary: the diff is there later too.
  await page.getByRole('button', { name: `See the records and quarantined rows of ${FEBRUARY}` }).click();
  let detail = page.getByTestId('source-detail');
  await expect(detail.getByRole('heading', { name: FEBRUARY, exact: true })).toBeVisible();
  await expect(detail.getByTestId('import-diff').getByTestId('diff-new')).toHaveText('1 new');
  await expect(detail.getByTestId('source-records-count')).toHaveText('6 records');
  await detail.getByRole('button', { name: 'Back to all sources' }).click();

  // January's view: records with problems marked, the quarantine, the export.
  const sources = page.getByRole('region', { name: 'Imported sources' });
  await sources.getByRole('button', { name: `View ${JANUARY}` }).click();
  detail = page.getByTestId('source-detail');
  await expect(detail.getByRole('heading', { name: JANUARY, exact: true })).toBeVisible();
  await expect(detail).toContainText('This is the first extract of its kind');
  await expect(detail).toContainText('DSA-YS-2025');
  await expect(detail.getByTestId('source-records-count')).toHaveText('6 records');
  await detail.getByLabel('Only records with problems').check();
  await expect(detail.getByTestId('source-records-count')).toHaveText('2 records');
  const grid = detail.getByTestId('source-records-grid');
  await expect(grid.locator('.records-grid__row--problem')).toHaveCount(2);
  await expect(grid.getByRole('gridcell', { name: /is not a date/ }).first()).toBeVisible();
  const quarantine = detail.getByTestId('quarantine-table');
  await expect(quarantine.getByRole('row')).toHaveCount(2);
  await expect(quarantine).toContainText('no name in any name column');
  expect(await seriousViolations(page), 'source view').toEqual([]);

  const out = testInfo.outputPath('quarantine-back-to-partner.xlsx');
  await detail.getByLabel('Save the quarantined rows as').fill(out);
  await detail.getByRole('button', { name: 'Export quarantined rows to Excel' }).click();
  await expect(detail.getByTestId('quarantine-saved')).toContainText('Saved 1 rows');
  expect(existsSync(out)).toBe(true);

  await detail.getByRole('button', { name: 'Back to all sources' }).click();
  await expect(page.getByRole('region', { name: 'Imported sources' })).toBeVisible();
});
