// Governance end to end in the real UI: the data protection record with its export, deleting an
// overdue source's data through the confirmation step (gone from the record, the purge in the
// audit trail), and a recovery code made in Settings that then replaces a forgotten passphrase.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PASSPHRASE, expect, screenshotsDir, test } from './fixtures.js';
import { importThroughEngine, seriousViolations } from './helpers.js';

const NEW_PASSPHRASE = 'a passphrase I will remember';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Audit & settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit & settings' })).toBeVisible();
}

test('the data protection record: export it, delete an overdue source, see the purge audited', async ({ page, engine, storeDir }, testInfo) => {
  expect(await engine.invoke('store:create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  const school = path.join(storeDir, 'school-roll.csv');
  const police = path.join(storeDir, 'police-incidents.csv');
  await writeFile(school, 'Forename,Surname,DOB\nAmara,Okafor,01/02/2012\nBen,Okafor,03/04/2014\n');
  await writeFile(police, 'Forename,Surname,DOB\nAmara,Okafor,01/02/2012\nZak,Quillfeather,05/06/1990\n');
  await importThroughEngine(engine, school, { partner: 'Northshire Schools', dsaRef: 'DSA-EDU-2026', lawfulBasis: 'UK GDPR 6(1)(e)', retentionUntil: '2099-07-31' });
  await importThroughEngine(engine, police, { partner: 'Northshire Police', dsaRef: 'DSA-POL-2023', retentionUntil: '2024-03-31' });
  await page.reload();

  await openSettings(page);
  const dp = page.getByRole('region', { name: 'Data protection' });
  await expect(dp).toContainText('1 source is past the retention date');
  await dp.getByRole('button', { name: 'View the data protection record' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Data protection record' });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('dp-summary')).toContainText('2 sources, 1 user, 1 source past the retention date');

  // The overdue source comes first, flagged, with the delete action beside it.
  const cards = page.getByTestId('dp-source');
  await expect(cards).toHaveCount(2);
  const overdue = cards.first();
  await expect(overdue.getByRole('heading')).toHaveText('Overduepolice-incidents.csv');
  await expect(overdue).toContainText('Past its retention date (2024-03-31): delete it');
  await expect(overdue).toContainText('DSA-POL-2023');
  await expect(cards.nth(1)).toContainText('UK GDPR 6(1)(e)');
  await expect(cards.nth(1)).toContainText('Keep until 2099-07-31');
  await expect(page.getByTestId('dp-processing')).toContainText('Imported a file');
  expect(await seriousViolations(page), 'the data protection record').toEqual([]);
  await mkdir(screenshotsDir, { recursive: true });
  const shot = path.join(screenshotsDir, 'data-protection-record.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('data protection record', { path: shot, contentType: 'image/png' });

  // Export: the browser host asks where; a wrong extension is refused in words.
  const exportSection = page.getByRole('region', { name: 'Export the record' });
  await exportSection.getByLabel('Where to save it').fill(path.join(storeDir, 'record.csv'));
  await exportSection.getByRole('button', { name: 'Export the record' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('must end in .xlsx');
  const out = path.join(storeDir, 'dp-record.xlsx');
  await exportSection.getByLabel('Where to save it').fill(out);
  await exportSection.getByRole('button', { name: 'Export the record' }).click();
  await expect(page.getByTestId('dp-export-saved')).toHaveText(out);

  // Delete the overdue source: the file name must be typed back.
  await overdue.getByRole('button', { name: /Delete this source's data/ }).click();
  const confirm = page.getByTestId('purge-confirm');
  await expect(confirm.getByRole('heading', { name: 'Are you sure you want to delete police-incidents.csv?' })).toBeFocused();
  await confirm.getByRole('button', { name: "Delete this source's data" }).click();
  await expect(confirm.getByLabel('Type the file name to confirm')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Type the file name to confirm');
  expect(await seriousViolations(page), 'the purge confirmation with its error').toEqual([]);
  await confirm.getByLabel('Type the file name to confirm').fill('police-incidents.csv');
  await confirm.getByRole('button', { name: "Delete this source's data" }).click();
  const done = page.getByRole('alert').filter({ hasText: 'police-incidents.csv has been deleted' });
  await expect(done).toBeVisible();
  await expect(done).toContainText('Removed 2 records');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('school-roll.csv');
  await expect(page.getByTestId('dp-summary')).toContainText('1 source, 1 user.');
  await expect(page.getByTestId('dp-processing')).toContainText("Deleted a source's data");

  // Nothing of it is left for the engine to show, and the audit trail says so by counts.
  const sources = await engine.invoke('sources:list', {});
  expect(sources).toMatchObject({ ok: true, value: [{ fileName: 'school-roll.csv' }] });
  await page.getByRole('button', { name: 'Back to Audit & settings' }).click();
  const trail = page.getByRole('region', { name: 'Audit trail' });
  const purgeRow = trail.getByTestId('audit-table').locator('tbody tr').filter({ hasText: "Deleted a source's data" });
  await expect(purgeRow).toContainText('Records:2');
  await expect(trail.getByTestId('audit-table')).toContainText('Exported the data protection record');
  await trail.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(trail.getByTestId('audit-verdict')).toContainText('unbroken');
  await expect(page.getByRole('region', { name: 'Data protection' })).not.toContainText('past the retention date');
});

test('a recovery code made in Settings replaces a forgotten passphrase', async ({ page, engine }) => {
  expect(await engine.invoke('store:create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  await page.reload();
  await openSettings(page);

  const recovery = page.getByRole('region', { name: 'Recovery code' });
  await expect(recovery.getByTestId('recovery-status')).toContainText('There is no recovery code');
  await recovery.getByRole('button', { name: 'Create a recovery code' }).click();
  await expect(recovery.getByRole('heading', { name: 'Your recovery code' })).toBeFocused();
  const code = (await recovery.getByTestId('recovery-code').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
  await expect(recovery).toContainText('will not be shown again');
  expect(await seriousViolations(page), 'the recovery code, shown once').toEqual([]);
  await expect(recovery.getByTestId('recovery-code-panel')).toContainText('For the Baseline Workbench store at');
  // Printed, the page shows the code and which store it is for, and nothing else.
  await page.emulateMedia({ media: 'print' });
  // (Hidden sections leave the accessibility tree, so these look the panel up by test id.)
  await expect(page.getByTestId('recovery-code')).toBeVisible();
  await expect(page.getByTestId('recovery-code-panel')).toContainText('For the Baseline Workbench store at');
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toBeHidden();
  await expect(page.getByTestId('recovery-code-panel').locator('.no-print')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit & settings' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await recovery.getByRole('button', { name: 'I have kept the code safe' }).click();
  await expect(recovery.getByTestId('recovery-code')).toHaveCount(0);
  await expect(recovery.getByTestId('recovery-status')).toContainText('A recovery code was made on');

  // Lock, then come back having forgotten the passphrase.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock your store' })).toBeVisible();
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Use your recovery code' })).toBeFocused();
  await page.getByLabel('Recovery code').fill('00000-00000-00000-00000-00000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('does not open the store');
  // Typed in lower case with spaces: still the code.
  await page.getByLabel('Recovery code').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Set a new passphrase' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'analyst' })).toBeChecked();
  await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('Confirm new passphrase', { exact: true }).fill('something else entirely');
  await page.getByRole('button', { name: 'Set passphrase and unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('The passphrases do not match');
  expect(await seriousViolations(page), 'setting a new passphrase, with an error').toEqual([]);
  await page.getByLabel('Confirm new passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase and unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toBeVisible();

  // The old passphrase no longer opens it, the code is used up, and the audit trail records the reset.
  await openSettings(page);
  await expect(page.getByRole('region', { name: 'Recovery code' }).getByTestId('recovery-status')).toContainText('There is no recovery code');
  await expect(page.getByRole('region', { name: 'Audit trail' }).getByTestId('audit-table')).toContainText('Set a new passphrase with the recovery code');
  expect(await engine.invoke('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  await engine.invoke('store:lock', {});
  expect(await engine.invoke('store:unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
  expect(await engine.invoke('store:unlock', { passphrase: NEW_PASSPHRASE })).toMatchObject({ ok: true });
});
