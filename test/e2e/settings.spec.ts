// Audit & settings, and what each role sees, end to end in the real UI: an analyst sets up the
// store, adds a co-ordinator, sees them and the audit events, checks the trail, changes their
// own passphrase and locks; the co-ordinator then unlocks with their own passphrase and meets
// a workbench without records or imports. A partner sees only their own organisation's files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PASSPHRASE, expect, fixtureFile, screenshotsDir, test } from './fixtures.js';
import { HEALTH_XLSX, SCHOOL_CSV, createStoreInUi, importByPath, seedThroughEngine, seriousViolations } from './helpers.js';

const COORDINATOR = { name: 'Morgan Ellis', passphrase: 'co-ordinator passphrase 42' };
const PARTNER = { name: 'Pat Reid', organisation: 'Northshire Police', passphrase: 'partner passphrase 2024' };
const NEW_ANALYST_PASSPHRASE = 'a brand new analyst passphrase';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Audit & settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit & settings' })).toBeVisible();
}

/** The "What" column of the audit table, top to bottom (newest first). */
function auditActions(trail: Locator): Locator {
  return trail.getByTestId('audit-table').locator('tbody tr td:nth-child(4)');
}

test('analyst manages users and the audit trail; a co-ordinator then sees no records or imports', async ({
  page,
  engine,
  engineCalls,
  storePath,
}, testInfo) => {
  await createStoreInUi(page);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as analyst (analyst)');
  await openSettings(page);

  // Your account.
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account.getByTestId('account-summary')).toContainText('analyst');
  await expect(account.getByTestId('account-summary')).toContainText('Sees and does everything');

  // Users: the creator is listed; add a co-ordinator (a partner without an organisation is refused first).
  const users = page.getByRole('region', { name: 'Users' });
  const table = users.getByTestId('users-table');
  await expect(table.getByRole('rowheader', { name: /^analyst/ })).toBeVisible();
  const addForm = users.getByRole('form', { name: 'Add a user' });
  await addForm.getByLabel('Name', { exact: true }).fill(COORDINATOR.name);
  await addForm.getByRole('radio', { name: 'Partner' }).check();
  await addForm.getByLabel('Their passphrase', { exact: true }).fill(COORDINATOR.passphrase);
  await addForm.getByLabel('Confirm their passphrase', { exact: true }).fill(COORDINATOR.passphrase);
  await addForm.getByRole('button', { name: 'Add user', exact: true }).click();
  const addErrors = users.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(addErrors).toContainText('Enter the organisation the partner imports files for');
  await expect(addErrors).toBeFocused();
  await expect(addForm.getByLabel('Organisation', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page), 'Add a user, with its errors and the revealed organisation field').toEqual([]);
  // Each role is described in plain English beside its radio button.
  await expect(addForm.getByRole('radio', { name: 'Co-ordinator' })).toHaveAccessibleDescription(/counts.*without names/);
  await addForm.getByRole('radio', { name: 'Co-ordinator' }).check();
  await expect(addForm.getByLabel('Organisation', { exact: true })).toHaveCount(0);
  await addForm.getByLabel('Their passphrase', { exact: true }).fill(COORDINATOR.passphrase);
  await addForm.getByLabel('Confirm their passphrase', { exact: true }).fill(COORDINATOR.passphrase);
  await addForm.getByRole('button', { name: 'Add user', exact: true }).click();
  const added = users.getByRole('alert').filter({ hasText: `${COORDINATOR.name} has been added` });
  await expect(added).toBeVisible();
  await expect(added).toBeFocused();
  const coordinatorRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: COORDINATOR.name }) });
  await expect(coordinatorRow).toContainText('Co-ordinator');
  await expect(addForm.getByLabel('Name', { exact: true })).toHaveValue('');

  // Audit trail: newest first, in words.
  const trail = page.getByRole('region', { name: 'Audit trail' });
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 1 to 2 of 2');
  await expect(auditActions(trail)).toHaveText(['Added a user', 'Created the store']);
  await expect(trail.getByTestId('audit-table').locator('tbody tr').first()).toContainText('Role:co-ordinator');
  await expect(trail.getByTestId('audit-table').locator('tbody tr').first()).toContainText(/\d{4} at /);

  // Filter by action, then by a user who did nothing, then clear.
  const filters = trail.getByRole('form', { name: 'Filter the audit trail' });
  await filters.getByLabel('What happened').selectOption({ label: 'Created the store' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 1 to 1 of 1 that match these filters');
  await expect(auditActions(trail)).toHaveText(['Created the store']);
  await filters.getByLabel('What happened').selectOption('');
  await filters.getByLabel('Who did it').selectOption(COORDINATOR.name);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(trail.getByTestId('audit-count')).toHaveText('No events match these filters.');
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 1 to 2 of 2');
  await expect(filters.getByLabel('What happened')).toBeFocused();

  // The check: the engine recomputes the chain.
  await trail.getByRole('button', { name: 'Check the audit trail' }).click();
  const verdict = trail.getByTestId('audit-verdict');
  await expect(verdict).toContainText('2 events, unbroken');
  await expect(verdict).toBeFocused();
  expect(await engine.invoke('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true, events: 2 } });

  // Remove, with a confirmation step: the engine refuses to remove the last analyst, and says so.
  await table.getByRole('button', { name: 'Remove analyst', exact: true }).click();
  const confirm = users.getByTestId('remove-user-confirm');
  await expect(confirm.getByRole('heading', { name: 'Are you sure you want to remove analyst?' })).toBeFocused();
  await expect(confirm).toContainText('This is you');
  // Cancel goes back, to the same button.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(table.getByRole('button', { name: 'Remove analyst', exact: true })).toBeFocused();
  await table.getByRole('button', { name: 'Remove analyst', exact: true }).click();
  await users.getByRole('button', { name: 'Yes, remove analyst' }).click();
  const refused = users.getByRole('alert').filter({ hasText: 'The user could not be removed' });
  await expect(refused).toContainText('The last analyst cannot be removed');
  await expect(table.getByRole('rowheader', { name: /^analyst/ })).toBeVisible();

  // Store: both files, and the note to back them up together.
  const store = page.getByRole('region', { name: 'Store', exact: true });
  await expect(store).toContainText(storePath);
  await expect(store).toContainText(`${storePath}.keys`);
  await expect(store.getByTestId('backup-note')).toContainText('copies the store and its key file together');

  // Accessibility with the trail, a verdict and a refusal on screen, and a kept screenshot.
  expect(await seriousViolations(page), 'Audit & settings page').toEqual([]);
  await mkdir(screenshotsDir, { recursive: true });
  const shot = path.join(screenshotsDir, 'settings.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('settings', { path: shot, contentType: 'image/png' });

  // Change passphrase: a wrong current one is refused; the right one works.
  const change = account.getByRole('form', { name: 'Change your passphrase' });
  await change.getByLabel('Current passphrase').fill('not my passphrase at all');
  await change.getByLabel('New passphrase', { exact: true }).fill(NEW_ANALYST_PASSPHRASE);
  await change.getByLabel('Confirm new passphrase').fill(NEW_ANALYST_PASSPHRASE);
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(account.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'That is not your current passphrase',
  );
  await change.getByLabel('Current passphrase').fill(PASSPHRASE);
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(account.getByRole('alert').filter({ hasText: 'Your passphrase has been changed' })).toBeVisible();
  await expect(change.getByLabel('Current passphrase')).toHaveValue('');
  await expect(auditActions(trail).first()).toHaveText('Changed their passphrase');
  expect(await seriousViolations(page), 'after changing the passphrase').toEqual([]);

  // Lock, and unlock as the co-ordinator: the engine works out who from the passphrase.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock your store' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  const callsBeforeUnlock = engineCalls.length;
  await page.getByLabel('Passphrase', { exact: true }).fill(COORDINATOR.passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${COORDINATOR.name} (co-ordinator)`);

  // No records grid, no import, no demo data: the list of sources only, and why.
  await expect(page.getByRole('region', { name: 'Imported sources' })).toBeVisible();
  await expect(page.getByTestId('sources-role-note')).toContainText('not the people in them');
  await expect(page.getByRole('region', { name: 'Records' })).toHaveCount(0);
  await expect(page.getByTestId('records-grid')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Import a file' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Demo data' })).toHaveCount(0);

  // Audit & settings: their account only; no users, no audit trail.
  await openSettings(page);
  await expect(page.getByRole('region', { name: 'Your account' }).getByTestId('account-summary')).toContainText('Co-ordinator');
  await expect(page.getByRole('region', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Audit trail' })).toHaveCount(0);
  await expect(page.getByTestId('settings-role-note')).toHaveText('Only analysts can manage users and see the audit trail.');
  await expect(page.getByRole('region', { name: 'Store', exact: true })).toBeVisible();
  expect(await seriousViolations(page), 'Audit & settings as a co-ordinator').toEqual([]);

  // The UI never asked the engine for what the role cannot have (and the engine would refuse).
  const asCoordinator = engineCalls.slice(callsBeforeUnlock);
  expect(asCoordinator).toContain('store:unlock');
  for (const channel of ['records:page', 'import:preview', 'users:list', 'audit:page', 'audit:verify']) {
    expect(asCoordinator, `no ${channel} as a co-ordinator`).not.toContain(channel);
  }
  expect(await engine.invoke('records:page', { startRow: 0, endRow: 10, sort: [], filters: [] })).toMatchObject({
    ok: false,
    error: { kind: 'forbidden' },
  });

  // The analyst's new passphrase is the one that works now.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(NEW_ANALYST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as analyst (analyst)');
  await expect(page.getByRole('region', { name: 'Records' })).toBeVisible();
});

test('a partner imports and sees only their own organisation’s files, and no demo data', async ({ page, engine }) => {
  // An analyst has imported one file and added a partner; the store is then locked.
  await seedThroughEngine(engine, [fixtureFile(HEALTH_XLSX)]);
  expect(
    await engine.invoke('users:add', {
      user: PARTNER.name,
      role: 'partner',
      organisation: PARTNER.organisation,
      passphrase: PARTNER.passphrase,
      submitOnly: false,
    }),
  ).toMatchObject({ ok: true });
  expect(await engine.invoke('store:lock', {})).toMatchObject({ ok: true });
  await page.reload();

  await page.getByLabel('Passphrase', { exact: true }).fill(PARTNER.passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${PARTNER.name} (partner, ${PARTNER.organisation})`);
  await expect(page.getByTestId('sources-role-note')).toContainText(`only the files imported for ${PARTNER.organisation}`);

  // The analyst's file is not theirs to see; there is no demo data to make.
  await expect(page.getByText('No files have been imported yet.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo data' })).toHaveCount(0);
  const records = page.getByRole('region', { name: 'Records' });
  await expect(records.getByTestId('records-count')).toHaveText(/No records yet/);

  // They import a file: it is filed under their organisation, and it is all they see.
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(fixtureFile(SCHOOL_CSV));
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();
  const form = importSection.getByRole('form', { name: `Check the columns in ${SCHOOL_CSV}` });
  await expect(form).toContainText(PARTNER.organisation);
  await expect(form.getByLabel('Partner', { exact: true })).toHaveCount(0);
  await importSection.getByRole('button', { name: 'Choose a different file' }).click();
  await importByPath(page, fixtureFile(SCHOOL_CSV), {
    fileName: SCHOOL_CSV,
    roles: { Forename: 'forename', Surname: 'surname' },
    records: 6,
  });
  const sources = page.getByRole('region', { name: 'Imported sources' }).getByRole('table');
  await expect(sources.getByRole('rowheader', { name: new RegExp(`^${SCHOOL_CSV}`) })).toBeVisible();
  await expect(sources.getByRole('rowheader', { name: new RegExp(`^${HEALTH_XLSX}`) })).toHaveCount(0);
  await expect(sources).toContainText(PARTNER.organisation);
  await expect(records.getByTestId('records-count')).toHaveText('6 records');

  // Audit & settings: their account, no users or audit trail.
  await openSettings(page);
  await expect(page.getByRole('region', { name: 'Your account' })).toContainText(PARTNER.organisation);
  await expect(page.getByRole('region', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Audit trail' })).toHaveCount(0);
});

test('the audit trail pages through events, newest first', async ({ page, engine }) => {
  // 1 store-created + 22 sign-ins through the engine, then one more in the UI: 24 events.
  await seedThroughEngine(engine, []);
  for (let i = 0; i < 22; i++) {
    expect(await engine.invoke('store:lock', {})).toMatchObject({ ok: true });
    expect(await engine.invoke('store:unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  }
  expect(await engine.invoke('store:lock', {})).toMatchObject({ ok: true });
  await page.reload();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await openSettings(page);

  const trail = page.getByRole('region', { name: 'Audit trail' });
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 1 to 20 of 24');
  const rows = trail.getByTestId('audit-table').locator('tbody tr');
  await expect(rows).toHaveCount(20);
  await expect(rows.first().getByRole('rowheader')).toHaveText('24');
  await expect(rows.first()).toContainText('Signed in');
  await expect(rows.first()).toContainText('Failed attempts before:0');

  const pages = trail.getByRole('navigation', { name: 'Audit trail pages' });
  await expect(pages).toContainText('Page 1 of 2');
  await expect(pages.getByRole('button', { name: 'Previous page' })).toHaveAttribute('aria-disabled', 'true');
  const next = pages.getByRole('button', { name: 'Next page' });
  await next.click();
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 21 to 24 of 24');
  await expect(rows).toHaveCount(4);
  await expect(rows.last().getByRole('rowheader')).toHaveText('1');
  await expect(rows.last()).toContainText('Created the store');
  // At the end the button stays where it was, focused, and says it can go no further.
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await pages.getByRole('button', { name: 'Previous page' }).click();
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 1 to 20 of 24');

  // A filter starts again at the first page.
  await next.click();
  const filters = trail.getByRole('form', { name: 'Filter the audit trail' });
  await filters.getByLabel('What happened').selectOption({ label: 'Signed in' });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(trail.getByTestId('audit-count')).toHaveText('Showing events 1 to 20 of 23 that match these filters');

  await trail.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(trail.getByTestId('audit-verdict')).toContainText('24 events, unbroken');

  // The checkpoint shown can be kept elsewhere and checked against later.
  const head = (await trail.getByTestId('audit-head').textContent()) ?? '';
  expect(head).toMatch(/^[0-9a-f]{64}$/);
  await trail.getByLabel('Checkpoint (optional)').fill(head);
  await trail.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(trail.getByTestId('audit-verdict')).toContainText('The checkpoint is event 24');
  await trail.getByLabel('Checkpoint (optional)').fill('f'.repeat(64));
  await trail.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(trail.getByTestId('audit-verdict')).toContainText('is not in the trail');
});

test('a broken audit trail is reported with the event that fails and why', async ({ page, engine, storePath }) => {
  await seedThroughEngine(engine, []);
  expect(await engine.invoke('store:lock', {})).toMatchObject({ ok: true });
  // Someone removes events from the end: the key file, kept outside the store, still names the
  // newest event it saw (here pretend it was event 99).
  const keyPath = `${storePath}.keys`;
  const keyFile = JSON.parse(await readFile(keyPath, 'utf8')) as { auditHead?: { id: number; hash: string } };
  expect(keyFile.auditHead?.id).toBe(1);
  keyFile.auditHead = { id: 99, hash: 'f'.repeat(64) };
  await writeFile(keyPath, JSON.stringify(keyFile, null, 2));

  await page.reload();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await openSettings(page);
  const trail = page.getByRole('region', { name: 'Audit trail' });
  await trail.getByRole('button', { name: 'Check the audit trail' }).click();
  const verdict = trail.getByTestId('audit-verdict');
  await expect(verdict.getByRole('heading')).toHaveText('The audit trail is broken');
  await expect(verdict).toContainText('Event 99 fails the check: the log ends before event 99');
  await expect(verdict).toContainText('events were removed');
  await expect(verdict).toBeFocused();
  expect(await seriousViolations(page), 'a broken trail').toEqual([]);
});
