// Safe to run every month, in the real UI: an earlier backup is replaced only after "Replace it?",
// another file is refused plainly; a new empty store is created and opened from Settings; dates
// are typed day first under en-GB, shown the UK way, and a keep-until date in the past is questioned.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { createStoreInUi } from './helpers.js';

// As the app's hosts start Chromium: date inputs follow the browser's own language, not the page's.
test.use({
  locale: 'en-GB',
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    args: ['--lang=en-GB'],
    env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' },
  },
});

const nav = (page: import('@playwright/test').Page, name: string) => page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name });

test('an earlier backup is replaced only when the user says so; a new empty store is created and opened', async ({ page, storeDir }) => {
  await createStoreInUi(page);
  await nav(page, 'Audit & settings').click();
  const archive = path.join(storeDir, 'monthly.bwbackup');
  const backupField = page.getByLabel('Save the backup as');
  await backupField.fill(archive);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-saved')).toContainText(archive);

  // The same name again: an earlier backup, so the app asks, and nothing is written until it is answered.
  await page.getByRole('button', { name: 'Back up now' }).click();
  const question = page.getByTestId('replace-question');
  await expect(question).toContainText('Replace it?');
  await expect(question).toContainText(archive);
  await expect(page.getByTestId('backup-saved')).toHaveCount(0);
  await question.getByRole('button', { name: 'Keep it and choose another name' }).click();
  await expect(question).toHaveCount(0);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await question.getByRole('button', { name: 'Replace it' }).click();
  await expect(page.getByTestId('backup-saved')).toContainText(archive);

  // Someone's own file is not offered for replacing: the refusal is shown as it is.
  const notes = path.join(storeDir, 'notes.txt');
  writeFileSync(notes, 'my own notes\n');
  await backupField.fill(notes);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The backup was not made' })).toContainText('already exists and is not an earlier backup export');
  await expect(question).toHaveCount(0);

  // A new empty store: a weak passphrase is refused as on the command line, then it opens.
  const fresh = path.join(storeDir, 'second-programme.db');
  await page.getByLabel('New store file').fill(fresh);
  await page.getByLabel('Passphrase for the new store', { exact: true }).fill('1234567890');
  await page.getByLabel('Confirm passphrase for the new store').fill('1234567890');
  await page.getByRole('button', { name: 'Create and open the store' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The store was not created' })).toBeVisible();
  await page.getByLabel('Passphrase for the new store', { exact: true }).fill('three unrelated words here');
  await page.getByLabel('Confirm passphrase for the new store').fill('three unrelated words here');
  await page.getByRole('button', { name: 'Create and open the store' }).click();
  await expect(page.getByTestId('store-name')).toHaveText('Store: second-programme.db');
  await nav(page, 'Sources').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByTestId('sources-table')).toHaveCount(0);
});

test('dates are typed day first and shown the UK way; a keep-until date in the past is questioned', async ({ page, storeDir }) => {
  await createStoreInUi(page);
  const file = path.join(storeDir, 'youth.csv');
  writeFileSync(file, 'Forename,Surname,DOB,Post Code\r\nAnn,Smith,01/02/2010,S6 1AB\r\nBen,Jones,03/04/2011,S6 2CD\r\n');
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(file);
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  const form = importSection.getByRole('form', { name: 'Check the columns in youth.csv' });
  await expect(form).toBeVisible();

  // Typed as dd/mm/yyyy: day, month, year, in that order.
  const asOf = form.getByLabel('As-of date (optional)');
  await asOf.focus();
  await asOf.pressSequentially('31032025');
  await expect(asOf).toHaveValue('2025-03-31');
  const keepUntil = form.getByLabel('Keep until (optional)');
  await keepUntil.focus();
  await keepUntil.pressSequentially('01012020');
  await expect(keepUntil).toHaveValue('2020-01-01');
  await expect(form.getByTestId('retention-past')).toContainText('already passed');
  await keepUntil.fill('2031-03-31');
  await expect(form.getByTestId('retention-past')).toHaveCount(0);

  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'youth.csv has been imported' })).toBeVisible();
  await expect(page.getByTestId('sources-table')).toContainText('31 March 2025');
});
