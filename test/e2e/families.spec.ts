// The Families page end to end: demo data, Troubled Families phase 1 evaluated, one family's
// evidence down to its spreadsheet rows, the local filter edited and the counts moving, a family's
// outcomes, and an axe scan of the page with the drawer open.
import type { Page } from '@playwright/test';
import { PASSPHRASE, expect, test } from './fixtures.js';
import { createStoreInUi, seriousViolations } from './helpers.js';

const qualifying = async (page: Page): Promise<number> => Number(((await page.getByTestId('cohort-count').locator('strong').innerText()).match(/[\d,]+/)?.[0] ?? 'NaN').replace(/,/g, ''));

test('evaluate phase 1, open a family’s evidence, change the local filter, open its outcomes', async ({ page }) => {
  test.setTimeout(150_000);
  await createStoreInUi(page);
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Sources' }).click();
  await page.getByLabel('Number of households (optional)').fill('700');
  await page.getByRole('button', { name: 'Create demo data' }).click();
  // The demo goes into a store of its own, after a confirmation.
  await page.getByLabel('Passphrase for the demo store').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the demo in its own store' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Demo data created' })).toBeVisible({ timeout: 90_000 });

  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Families' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Families' })).toBeVisible();
  await expect(page.getByTestId('cohort-count')).toContainText('families qualify', { timeout: 30_000 });
  await expect(page.getByTestId('cohort-count')).toContainText('troubled-families-phase-1 version 1');
  const before = await qualifying(page);
  expect(before).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: /Qualifying families by combination of criteria/ })).toBeVisible();

  // One family's evidence, down to file, sheet and row.
  const first = page.getByTestId('cohort-row').first();
  const familyId = await first.locator('th').innerText();
  await first.getByRole('button', { name: `Evidence for family ${familyId}` }).click();
  const drawer = page.getByTestId('family-drawer');
  await expect(drawer.getByRole('heading', { name: `Family ${familyId}: evidence` })).toBeFocused();
  await expect(drawer.getByTestId('family-qualifies')).toContainText('This family qualifies.');
  await expect(drawer.getByTestId('evidence-row').first()).toContainText(/\.(csv|xlsx).*row \d+/);
  expect(await seriousViolations(page)).toEqual([]);

  // What-if: one A&E visit is enough for the local filter — more families qualify, nothing saved.
  await page.getByLabel(/A member with 3 or more A&E attendances in the last 12 months/).fill('1');
  await expect.poll(() => qualifying(page), { timeout: 15_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('cohort-count')).toContainText('edited: not saved');
  await page.getByRole('button', { name: 'Undo changes' }).click();
  await expect.poll(() => qualifying(page), { timeout: 15_000 }).toBe(before);

  // The family's outcomes.
  await page.getByTestId('cohort-row').first().getByRole('button', { name: /Outcomes for family/ }).click();
  await expect(page.getByTestId('family-drawer').getByRole('heading', { name: /: outcomes$/ })).toBeVisible();
  await expect(page.getByTestId('family-outcomes').or(page.getByTestId('family-outcomes-none'))).toBeVisible();
  if (await page.getByTestId('family-outcomes').isVisible()) await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByTestId('claim-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // From the evidence to a member's own page on the Baseline page.
  await page.getByTestId('cohort-row').first().getByRole('button', { name: /Evidence for family/ }).click();
  const member = page.getByTestId('family-members').getByRole('button', { name: /^Open Member 1’s page/ });
  const personId = ((await member.innerText()).match(/person (\S+)\)/) ?? [])[1] ?? '';
  await member.click();
  await expect(page.getByTestId('person-heading')).toBeVisible();
  expect(personId).not.toBe('');
  await expect(page.getByText(`Person ${personId}`, { exact: true })).toBeVisible();
});
