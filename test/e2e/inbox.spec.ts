// A partner who submits sends an extract from the Unlock page without opening the store, and sees
// its status; an analyst takes the inbox in from the Sources page; the partner then sees what came of it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PASSPHRASE, expect, test } from './fixtures.js';
import { axeBuilder, seedThroughEngine } from './helpers.js';

const PARTNER = { name: 'Pat Reid', organisation: 'Northshire Police', passphrase: 'partner passphrase 2024' };

test('a partner sends a file to the inbox and sees its status; an analyst takes it in', async ({ page, engine, storeDir }) => {
  await seedThroughEngine(engine, []);
  expect(
    await engine.invoke('users:add', { user: PARTNER.name, role: 'partner', organisation: PARTNER.organisation, passphrase: PARTNER.passphrase, submitOnly: true }),
  ).toMatchObject({ ok: true });
  expect(await engine.invoke('store:lock', {})).toMatchObject({ ok: true });
  const extract = path.join(storeDir, 'police-extract.csv');
  await writeFile(extract, 'Forename,Surname,DOB,Postcode\nPolly,Quartermain,01/02/1980,S60 1AB\nPeter,Quartermain,05/06/1982,S60 1AB\n,,,S60 9ZZ\n');
  await page.reload();

  // Their passphrase does not open the store.
  await page.getByLabel('Passphrase', { exact: true }).fill(PARTNER.passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('their passphrase does not open the store');

  await page.getByRole('button', { name: 'Send a file to the inbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Send a file to the inbox' })).toBeFocused();
  await page.getByLabel('Your passphrase').fill(PARTNER.passphrase);
  await page.getByLabel('File to send').fill(extract);
  await page.getByRole('button', { name: 'Send the file' }).click();
  await expect(page.getByTestId('inbox-sent')).toContainText('Sent, sealed');
  await expect(page.getByTestId('inbox-submissions')).toContainText('Waiting for an analyst');
  const axe = await axeBuilder(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // An analyst unlocks the store and takes the inbox in from the Sources page.
  await page.getByRole('button', { name: 'Back to unlocking the store' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  const inbox = page.getByRole('region', { name: 'Partners’ inbox' });
  await expect(inbox.getByTestId('inbox-waiting')).toHaveText('1 sealed file is waiting to be taken in.');
  await expect(inbox.getByTestId('inbox-list')).toContainText(PARTNER.organisation);
  await inbox.getByRole('button', { name: 'Take them in' }).click();
  await expect(inbox.getByTestId('inbox-waiting')).toHaveText('Nothing is waiting.');
  await expect(inbox.getByTestId('inbox-list')).toContainText('Taken in');
  await expect(page.getByRole('region', { name: 'Imported sources' })).toContainText('police-extract.csv');
  expect(await engine.invoke('store:lock', {})).toMatchObject({ ok: true });
  await page.reload();

  // The partner, without unlocking, sees what came of it.
  await page.getByRole('button', { name: 'Send a file to the inbox' }).click();
  await page.getByLabel('Your passphrase').fill(PARTNER.passphrase);
  await page.getByRole('button', { name: 'Show what I have sent' }).click();
  await expect(page.getByTestId('inbox-submissions')).toContainText('Taken in');
  await expect(page.getByTestId('inbox-submissions')).toContainText('2 records, 1 row quarantined');
  // Their own quarantined row, with why, opened with their own key.
  await page.getByRole('button', { name: /Show what came of it/ }).click();
  const results = page.getByTestId('inbox-quarantine');
  await expect(results).toContainText('Postcode: S60 9ZZ');
  await expect(results.getByRole('row')).toHaveCount(2);
  const axeResults = await axeBuilder(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axeResults.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
