// Neighbourhood outcomes in the real UI, on the hand-built baseline of the db tests: open a
// target area's outcomes, see the trend chart with the borough's line and the gap, switch the
// indicator, download the chart, and check the page with axe.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildOutcomesFixture, FIXTURE_PASS } from '../helpers/outcomes-fixture.js';
import { expect, screenshotsDir, test as base } from './fixtures.js';
import { seriousViolations } from './helpers.js';

const test = base.extend({
  // The store exists before the engine starts, so the app opens on the unlock page.
  storePath: async ({ storeDir }, use) => {
    await use(buildOutcomesFixture(storeDir));
  },
});

test('a target area\'s trend against the borough, another indicator, and the chart as a file', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock your store' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(FIXTURE_PASS);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Outcomes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outcomes' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Neighbourhood outcomes' })).toBeVisible();

  // ASB incidents, by quarter, for the first target area.
  await page.getByLabel('Indicator', { exact: true }).selectOption('asb-incidents');
  await page.getByLabel('Area', { exact: true }).selectOption('Target');
  await expect(page.getByRole('heading', { level: 3, name: 'Target: anti-social behaviour incidents' })).toBeVisible();
  const chart = page.getByTestId('trend-chart');
  await expect(chart.locator('[data-series="area"]')).toHaveCount(1);
  await expect(chart.locator('[data-series="borough"]')).toHaveCount(1);
  await expect(chart.locator('[data-series="gap"]')).toHaveCount(1);
  await expect(page.getByTestId('trend-verdict')).toContainText('The gap is closing');
  await expect(page.getByTestId('trend-description')).toContainText("the area's rate went from 700 to 600 and the borough's from 450 to 550");
  const table = page.getByRole('table', { name: /Anti-social behaviour incidents per 1,000: Target \(table\)/ });
  await expect(table.getByRole('row', { name: /Jan–Mar 2024/ })).toContainText('700.0');
  await expect(page.getByTestId('displacement')).toContainText('-100.0 of the area\'s change comes from people moving in and out');
  await expect(page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Small' }) })).toBeVisible();
  // The map: each LSOA coloured by its rate in the latest quarter, then by its change.
  const map = page.getByTestId('lsoa-map');
  await expect(map.locator('path[data-lsoa]')).toHaveCount(3);
  await expect(page.getByText(/Anti-social behaviour incidents: rate per 1,000 in Jul–Sep 2024/).first()).toBeVisible();
  await page.getByLabel('Change since the first period').check();
  await expect(page.getByText(/change in the rate per 1,000 from Jan–Mar 2024 to Jul–Sep 2024/).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, 'outcomes.png'), fullPage: true });

  // Switch indicator: A&E attendances have no data for April–June, shown as a break, not a zero.
  await page.getByLabel('Indicator', { exact: true }).selectOption('ae-attendances');
  await expect(page.getByRole('heading', { level: 3, name: 'Target: a&e attendances' })).toBeVisible();
  await expect(page.getByRole('table', { name: /A&E attendances per 1,000: Target/ }).getByRole('row', { name: /Apr–Jun 2024/ })).toContainText('No data from Health (health)');
  await expect(page.getByTestId('trend-description')).toContainText('1 period has no data');

  // An analyst's own indicator, saved through the form and shown at once.
  await page.getByText('Add your own indicator').click();
  const form = page.getByRole('form', { name: 'Add an indicator' });
  await form.getByLabel('Short name').fill('burglaries');
  await form.getByLabel('Title').fill('Burglaries');
  await form.getByLabel('Only these categories (optional)').fill('burglary');
  await form.getByRole('button', { name: 'Save indicator' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved Burglaries (version 1).');
  await expect(page.getByRole('heading', { level: 3, name: 'Target: burglaries' })).toBeVisible();

  // Download the chart: a standalone SVG with its title and description, disclosure controlled.
  await page.getByLabel('Indicator', { exact: true }).selectOption('asb-incidents');
  await expect(page.getByRole('heading', { level: 3, name: 'Target: anti-social behaviour incidents' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the chart (SVG)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('target-asb-incidents-quarter.svg');
  const svg = await readFile((await file.path()) ?? '', 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('<title id="t">Anti-social behaviour incidents: Target and the borough</title>');
  expect(svg).toContain('<desc id="d">');
  expect(svg).toContain('Counts under 10 are withheld');
  expect(svg.match(/<polyline/g)?.length).toBe(2);

  // And the table, as CSV: the published figures.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the table (CSV)' }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe('target-asb-incidents-quarter.csv');
  const csv = await readFile((await csvFile.path()) ?? '', 'utf8');
  expect(csv.split('\r\n').slice(0, 2)).toEqual([
    'area,period,count,denominator,rate_per_1000,ci_lower,ci_upper,borough_rate_per_1000,gap,gap_ratio,withheld,note',
    'Target,Jan–Mar 2024,21,30,700,433.15,1070.07,450,250,1.556,no,',
  ]);
});
