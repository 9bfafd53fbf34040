// The Matching page end to end: demo data from the Sources page, then run matching with its
// progress bar, move the threshold and watch the counts move, decide one pair in the review
// queue by keyboard, and an axe scan of the page with its charts and the queue.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { PASSPHRASE, expect, screenshotsDir, test } from './fixtures.js';
import { createStoreInUi, progressSeen, seedThroughEngine, seriousViolations, signInAsCoordinator, watchProgress } from './helpers.js';

const count = async (page: Page, id: string): Promise<number> => Number((await page.getByTestId(id).innerText()).replace(/,/g, ''));

test('run matching, move the threshold, decide a pair', async ({ page }) => {
  test.setTimeout(120_000);
  await createStoreInUi(page);

  // Before any data: the page says so and offers no run.
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Matching' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Matching' })).toBeVisible();
  await expect(page.getByText('There are no records yet.')).toBeVisible();
  await expect(page.getByTestId('no-run')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run matching' })).toHaveCount(0);

  // Demo data (imported and linked once: run 1).
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Sources' }).click();
  await page.getByLabel('Number of households (optional)').fill('150');
  await page.getByRole('button', { name: 'Create demo data' }).click();
  // The demo goes into a store of its own, after a confirmation.
  await page.getByLabel('Passphrase for the demo store').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the demo in its own store' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Demo data created' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('store-name')).toHaveText('Store: demo.db');

  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Matching' }).click();
  await expect(page.getByTestId('latest-run')).toContainText('Run 1');

  // Run matching again, watching every value the progress bar shows.
  await watchProgress(page);
  await page.getByRole('button', { name: 'Run matching' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Matching run 2 is complete' })).toBeVisible({ timeout: 60_000 });
  const seen = await progressSeen(page);
  expect(seen.events).toContain('finished true');
  expect(seen.events.some((e) => e.startsWith('progress'))).toBe(true);
  expect(seen.bar.join(' | ')).toMatch(/Comparing pairs|Finding pairs|Scoring|Learning/);
  await expect(page.getByTestId('latest-run')).toContainText('Run 2');
  await expect(page.getByTestId('id-changes')).toContainText('people kept their ID from the last run');

  // The charts are there, each with its table alternative.
  await expect(page.getByRole('img', { name: /Scored pairs by match weight/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Match weight of each comparison level/ })).toBeVisible();
  await expect(page.getByTestId('blocking-source')).toContainText('As run 2 found them');
  await page.getByRole('button', { name: 'Analyse the records as they are now' }).click();
  await expect(page.getByTestId('blocking-source')).toContainText('For the records as they are now');
  await expect(page.getByTestId('blocking-table')).toBeVisible();

  // Move the threshold with the keyboard: the counts move and always add up.
  const counts = page.getByTestId('threshold-counts');
  await expect(counts.getByTestId('count-link')).toBeVisible();
  const before = { link: await count(page, 'count-link'), review: await count(page, 'count-review'), apart: await count(page, 'count-apart') };
  const total = before.link + before.review + before.apart;
  const link = page.getByLabel('Link pairs automatically from');
  await link.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => count(page, 'count-link')).toBeGreaterThan(before.link);
  expect((await count(page, 'count-link')) + (await count(page, 'count-review')) + (await count(page, 'count-apart'))).toBe(total);
  // all the way up: every kept pair below the top now goes to review
  await page.keyboard.press('End');
  await expect.poll(() => count(page, 'count-link')).toBeLessThan(before.link);
  await expect.poll(() => count(page, 'count-review')).toBeGreaterThan(0);
  // one review queue: the keyboard review of pairs of people (the old pair list is gone)
  await expect(page.getByRole('heading', { level: 2, name: 'Review by keyboard' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Review pairs' })).toHaveCount(0);
  // Widen the review band to every kept pair and save it: the queue reads the saved "review from",
  // so it holds pairs whatever this demo's borderline pairs happen to score.
  await page.getByLabel('Send pairs for review from').focus();
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: 'Use this threshold from the next run' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Threshold saved' })).toBeVisible();

  expect(await seriousViolations(page), 'Matching page with charts and the review queue').toEqual([]);
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, 'matching.png'), fullPage: true });

  // Decide the first pair by keyboard: the decision shows, and the results count it.
  const panel = page.getByTestId('keyboard-review');
  await panel.focus();
  await page.keyboard.press('n');
  await expect(page.getByTestId('keyboard-review-progress')).toContainText('1 decided here');
  await page.keyboard.press('k');
  await expect(page.getByTestId('keyboard-review-decision')).toContainText('Not the same person');
  await expect(page.getByTestId('latest-run')).toContainText('1 pair decided');
});

test('a co-ordinator sees the figures and the model, not the records', async ({ page, engine }) => {
  test.setTimeout(90_000);
  expect(await engine.invoke('store:create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  const finished = new Promise<EngineEvent>((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:finished') {
        off();
        resolve(event);
      }
    });
  });
  expect(await engine.invoke('demo:create', { households: 100 })).toMatchObject({ ok: true });
  expect(await finished).toMatchObject({ result: { ok: true } });
  await signInAsCoordinator(page, engine);
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Matching' }).click();
  await expect(page.getByTestId('matching-role-note')).toContainText('not the records behind them');
  await expect(page.getByTestId('latest-run')).toContainText('Run 1');
  await expect(page.getByTestId('count-link')).toBeVisible();
  await expect(page.getByRole('img', { name: /Match weight of each comparison level/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run matching' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use this threshold from the next run' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Review pairs' })).toHaveCount(0);
  await expect(page.getByTestId('blocking-table')).toHaveCount(0);
  expect(await seriousViolations(page), 'Matching page for a co-ordinator').toEqual([]);
});

test('records without dates of birth: the engine\'s reason is shown and nothing changes', async ({ page, engine, storeDir }) => {
  const file = path.join(storeDir, 'no-dates.csv');
  await writeFile(file, 'Forename,Surname,Postcode\nAda,Quillfeather,S65 1AB\nBram,Quillfeather,S65 1AB\n');
  await seedThroughEngine(engine, [file]);
  await page.reload();
  await page.getByRole('navigation', { name: 'Pipeline' }).getByRole('button', { name: 'Matching' }).click();
  await page.getByRole('button', { name: 'Run matching' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Matching did not run' });
  await expect(problem).toContainText('No record has a date of birth');
  await expect(problem).toBeFocused();
  await expect(page.getByTestId('no-run')).toBeVisible();
});
