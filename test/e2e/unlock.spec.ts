// Reopening an existing store: a wrong passphrase is refused with a clear message, nothing is
// written, the store stays locked; the right one then opens it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PASSPHRASE, expect, test } from './fixtures.js';

const digest = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');

test.use({ seedStore: { passphrase: PASSPHRASE } });

test('a wrong passphrase shows a clear error and the store stays locked', async ({ page, engine, storePath }) => {
  const heading = page.getByRole('heading', { level: 1, name: 'Unlock your store' });
  await expect(heading).toBeVisible();
  const before = [await digest(storePath), await digest(`${storePath}.keys`)];

  const field = page.getByLabel('Passphrase', { exact: true });
  await field.fill('not the passphrase at all');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();

  // The error summary takes focus and names the problem; the field is marked invalid too.
  const summary = page.getByRole('alert');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toContainText(/wrong passphrase/i);
  await expect(summary).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(heading).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toHaveCount(0);

  // Still locked, as the engine sees it, and not a byte changed on disk.
  const info = await engine.invoke('app:info', {});
  expect(info).toMatchObject({ ok: true, value: { store: { exists: true, unlocked: false } } });
  const records = await engine.invoke('records:page', { startRow: 0, endRow: 10, sort: [], filters: [] });
  expect(records).toMatchObject({ ok: false, error: { kind: 'store-locked' } });
  expect([await digest(storePath), await digest(`${storePath}.keys`)]).toEqual(before);

  // The right passphrase opens it.
  await field.fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
});
