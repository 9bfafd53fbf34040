// Why each person is in their household, end to end: on a demo borough, open a person, then their
// household, and see every member's reason in words and the note on what the reasons mean; the
// person page gives the same reason; axe scans of both pages.
import type { Page } from '@playwright/test';
import type { HouseholdPage, PeopleRow } from '../../shared/ipc/channels/baseline.js';
import type { EngineHandle } from '../../electron/engine/engine-types.js';
import { expect, test } from './fixtures.js';
import { createStoreInUi, runJob, seriousViolations } from './helpers.js';

async function value<T>(engine: EngineHandle, channel: string, request: unknown): Promise<T> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

async function openPerson(page: Page, person: PeopleRow): Promise<void> {
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Baseline' }).click();
  await page.getByLabel('Name, date of birth, postcode, address or reference').fill(person.personId);
  await expect(page.getByTestId('baseline-search-status')).toContainText(/found/);
  await page.getByTestId('baseline-search-results').getByRole('button', { name: `${person.forename} ${person.surname}` }).first().click();
  await expect(page.getByTestId('person-heading')).toHaveText(`${person.forename} ${person.surname}`);
}

test('a household shows why each member is in it', async ({ page, engine }) => {
  test.setTimeout(120_000);
  await createStoreInUi(page);
  await runJob(engine, 'demo:create', { households: 60, seed: 8 });
  const everyone = (await value<{ rows: PeopleRow[] }>(engine, 'baseline:people', { startRow: 0, endRow: 500, sort: [], filters: {} })).rows;
  // a family of several placed by their address (the engine's own page says which)
  let chosen: { person: PeopleRow; household: HouseholdPage } | null = null;
  for (const person of everyone) {
    if (!person.householdId || !person.forename || !person.surname) continue;
    const household = await value<HouseholdPage>(engine, 'baseline:household', { householdId: person.householdId });
    const current = household.members.filter((m) => m.current);
    if (current.length >= 3 && current.some((m) => m.reason.rule === 'address')) {
      chosen = { person, household };
      break;
    }
  }
  expect(chosen, 'a demo household of three or more placed by address').not.toBeNull();
  const { person, household } = chosen!;

  await openPerson(page, person);
  const own = household.members.find((m) => m.personId === person.personId)!;
  await expect(page.getByTestId('person-household-reason')).toHaveText(own.reason.text);
  expect(await seriousViolations(page), 'person page').toEqual([]);

  await page.getByTestId('person-household').click();
  await expect(page.getByTestId('household-heading')).toHaveText(household.householdId);
  const members = page.getByTestId('household-members');
  await expect(members.getByRole('columnheader', { name: 'Why they are here' })).toBeVisible();
  for (const m of household.members) {
    const row = members.getByRole('row').filter({ hasText: `${m.forename} ${m.surname}` });
    await expect(row.getByTestId('household-member-reason')).toHaveText(m.reason.text);
  }
  await expect(members.getByTestId('household-member-reason').filter({ hasText: 'Lives at the same address' }).first()).toBeVisible();
  await expect(page.getByTestId('household-reasons-note')).toContainText('weaker evidence');
  expect(await seriousViolations(page), 'household page with reasons').toEqual([]);
});
