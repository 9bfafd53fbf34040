// Stores kept apart and backups that restore, end to end in the real UI: the demo goes into its
// own store after a confirmation and the app switches back to the real one; a backup made from
// Settings is restored as a store of its own, which the app then opens.
import path from 'node:path';
import { PASSPHRASE, expect, test } from './fixtures.js';
import { createStoreInUi } from './helpers.js';

const nav = (page: import('@playwright/test').Page, name: string) => page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name });

test('the demo is made in its own store, and the app switches back to the real one', async ({ page }) => {
  test.setTimeout(90_000);
  await createStoreInUi(page);
  await expect(page.getByTestId('store-name')).toHaveText('Store: baseline.db');
  await page.getByLabel('Number of households (optional)').fill('40');
  await page.getByRole('button', { name: 'Create demo data' }).click();
  await expect(page.getByTestId('demo-confirm')).toContainText('a store of its own');
  await page.getByLabel('Passphrase for the demo store').fill('a demo store passphrase');
  await page.getByRole('button', { name: 'Create the demo in its own store' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Demo data created' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('store-name')).toHaveText('Store: demo.db');
  await expect(page.getByRole('region', { name: 'Synthetic data' })).toBeVisible();

  // Back to the real store: it is locked, then unlocked, and holds no demo data.
  await nav(page, 'Audit & settings').click();
  await page.getByRole('button', { name: 'Open baseline.db' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock your store' })).toBeVisible();
  await expect(page.getByTestId('store-name')).toHaveText('Store: baseline.db');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Synthetic data' })).toHaveCount(0);
  await expect(page.getByTestId('store-name')).toHaveText('Store: baseline.db');
});

test('back up from Settings and restore the backup as a store of its own', async ({ page, engine, storeDir }) => {
  test.setTimeout(60_000);
  await createStoreInUi(page);
  await nav(page, 'Audit & settings').click();
  await expect(page.getByTestId('last-backup')).toHaveText('This store has not been backed up yet.');
  const archive = path.join(storeDir, 'monthly.bwbackup');
  await page.getByLabel('Save the backup as').fill(archive);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-saved')).toContainText(archive);
  await expect(page.getByTestId('last-backup')).toContainText('Last backed up on');

  // Restore it: a wrong passphrase changes nothing; the right one opens the restored store.
  const restoredPath = path.join(storeDir, 'restored.db');
  await page.getByLabel('Backup file').fill(archive);
  await page.getByLabel('Restore it as the store').fill(restoredPath);
  await page.getByLabel('Passphrase for the backup').fill('not the passphrase');
  await page.getByRole('button', { name: 'Restore the backup' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The backup was not restored' })).toContainText('Wrong passphrase');
  await page.getByLabel('Passphrase for the backup').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore the backup' }).click();
  await expect(page.getByTestId('store-name')).toHaveText('Store: restored.db');
  const info = (await engine.invoke('app:info', {})) as { ok: true; value: { store: { path: string; unlocked: boolean } } };
  expect(info.value.store).toMatchObject({ path: restoredPath, unlocked: true });
  expect(await engine.invoke('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true } });
});
