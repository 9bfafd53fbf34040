// Reopening an existing store: a wrong passphrase is refused with a clear message, nothing is
// written but the failure count, the store stays locked; the right one then opens it. Repeated
// failures must wait, and the unlock screen says how long.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PASSPHRASE, expect, test } from './fixtures.js';

const digest = async (file: string): Promise<string> => createHash('sha256').update(await readFile(file)).digest('hex');
/** The key file without the failure count the back-off keeps in it. */
const keySlots = async (file: string): Promise<unknown> => {
  const { signInFailures: _counted, ...rest } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return rest;
};

test.use({ seedStore: { passphrase: PASSPHRASE } });

test('a wrong passphrase shows a clear error and the store stays locked', async ({ page, engine, storePath }) => {
  const heading = page.getByRole('heading', { level: 1, name: 'Unlock your store' });
  await expect(heading).toBeVisible();
  const before = [await digest(storePath), await keySlots(`${storePath}.keys`)];

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

  // Still locked, as the engine sees it, and nothing changed on disk but the failure count.
  const info = await engine.invoke('app:info', {});
  expect(info).toMatchObject({ ok: true, value: { store: { exists: true, unlocked: false } } });
  const records = await engine.invoke('records:page', { startRow: 0, endRow: 10, sort: [], filters: [] });
  expect(records).toMatchObject({ ok: false, error: { kind: 'store-locked' } });
  expect([await digest(storePath), await keySlots(`${storePath}.keys`)]).toEqual(before);

  // The right passphrase opens it.
  await field.fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
});

test('after three wrong passphrases the unlock screen says how long to wait, and the sign-in is audited', async ({ page, engine }) => {
  const field = page.getByLabel('Passphrase', { exact: true });
  const unlock = page.getByRole('button', { name: 'Unlock', exact: true });
  const summary = page.getByRole('alert');
  for (let i = 1; i <= 3; i++) {
    await field.fill(`wrong passphrase number ${i}`);
    await unlock.click();
    await expect(summary).toContainText(/wrong passphrase/i);
  }
  // Even the right passphrase waits now: the screen says for how long.
  await field.fill(PASSPHRASE);
  await unlock.click();
  await expect(summary).toContainText(/3 wrong passphrases in a row .*: wait [12] seconds? before trying again/);
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toHaveCount(0);
  await page.waitForTimeout(2_100);
  await unlock.click();
  await expect(page.getByRole('navigation', { name: 'Pipeline' })).toBeVisible();
  const logins = (await engine.invoke('audit:page', { startRow: 0, endRow: 10, action: 'login' })) as { ok: true; value: { rows: Array<{ payload: unknown }> } };
  expect(logins.value.rows.map((r) => r.payload)).toEqual([{ failedAttemptsBefore: 3, via: 'app' }]);
});
