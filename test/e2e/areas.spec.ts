// Areas & IMD end to end in the real UI: import the IoD2025 File 7 extract and the LSOA 2021
// boundaries through the page, build an area by clicking LSOAs on the map, open its profile,
// export the map, screenshot it, and check the page with axe.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { EngineHandle } from '../../electron/engine/engine-types.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { expect, PASSPHRASE, screenshotsDir, test } from './fixtures.js';
import { createStoreInUi, cspViolations, progressSeen, recordCspViolations, seriousViolations, signInAsCoordinator, watchProgress } from './helpers.js';

const shared = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const FILE7 = shared('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv');
const BOUNDARIES = shared('boundaries/rotherham_E08000018_lsoa2021.geojson');

/** Imports a reference file through the engine (no UI) and waits for the job. */
async function importThroughEngine(engine: EngineHandle, file: string): Promise<void> {
  const chosen = await engine.invoke('files:fromPath', { path: file });
  if (!chosen.ok) throw new Error(chosen.error.message);
  const finished = new Promise<EngineEvent>((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:finished') {
        off();
        resolve(event);
      }
    });
  });
  expect(await engine.invoke('geo:import', { token: (chosen.value as { token: string }).token })).toMatchObject({ ok: true });
  expect(await finished).toMatchObject({ result: { ok: true } });
}

async function importReference(page: Page, file: string, heading: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Import reference data' });
  await section.getByLabel('Full path of the reference file').fill(file);
  await section.getByRole('button', { name: 'Import reference file', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: heading })).toBeVisible();
}

test('import IoD and boundaries, build an area on the map, open its profile, export the map', async ({ page }, testInfo) => {
  await recordCspViolations(page);
  await createStoreInUi(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Areas & IMD' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Areas & IMD' })).toBeVisible();
  await watchProgress(page);

  await importReference(page, FILE7, 'has been imported');
  const imported = page.getByRole('alert').filter({ hasText: 'has been imported' });
  await expect(imported).toContainText('Indices of Deprivation: IoD2025 on LSOA 2021 codes, 170 LSOAs.');
  await expect(imported).toContainText('IoD2025 File 7');
  const seen = await progressSeen(page);
  expect(seen.events).toContain('finished true');
  expect(seen.events.some((e) => /^progress \d+\/\d+$/.test(e) && !e.endsWith('/0'))).toBe(true);

  await importReference(page, BOUNDARIES, 'rotherham_E08000018_lsoa2021.geojson has been imported');
  await expect(page.getByTestId('reference-status')).toContainText('LSOA 2021: 170');

  // The map: 170 LSOAs coloured by IoD2025 IMD decile, with its legend.
  const map = page.getByTestId('lsoa-map');
  await expect(map.locator('path[data-lsoa]')).toHaveCount(170);
  await expect(page.getByRole('list', { name: /IoD2025 Index of Multiple Deprivation decile/ })).toContainText('1 – most deprived 10%');

  // Hover says the value; click selects (Ferham, rank 15 in England, and 017D, rank 10).
  const ferham = map.locator('path[data-lsoa="E01007715"]');
  await ferham.hover();
  await expect(page.getByTestId('map-info')).toHaveText('Rotherham 016A (E01007715): decile 1, rank 15 of 33,755');
  await ferham.click();
  await map.locator('path[data-lsoa="E01007769"]').click();
  await expect(ferham).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('selection-count')).toHaveText(/^2 LSOAs selected \(LSOA 2021 codes\): E01007715, E01007769\.$/);

  // Keyboard: Enter on the focused LSOA toggles it; arrows move the focus.
  await ferham.focus();
  await page.keyboard.press('ArrowRight');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-lsoa'));
  expect(focused).toMatch(/^E01\d{6}$/);
  expect(focused).not.toBe('E01007715');

  const builder = page.getByRole('form', { name: 'Create an area' });
  await builder.getByLabel('Name of the new area').fill('Ferham and Eastwood');
  await builder.getByRole('button', { name: 'Create area', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ferham and Eastwood has been created with 2 LSOAs' })).toBeVisible();

  const areas = page.getByRole('region', { name: 'Areas' });
  await expect(areas.getByRole('rowheader', { name: /^Ferham and Eastwood/ })).toBeVisible();
  await areas.getByLabel('Outline Ferham and Eastwood on the map').check();

  // The map with the area outlined, kept as an artefact (no pixel baseline).
  await mkdir(screenshotsDir, { recursive: true });
  const shot = path.join(screenshotsDir, 'areas-map.png');
  await map.screenshot({ path: shot });
  await testInfo.attach('areas-map', { path: shot, contentType: 'image/png' });

  // Exports: SVG and PNG through the browser's download.
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download map as SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toBe('iod2025-imd-deciles-lsoa2021.svg');
  const svgText = await readFile((await svg.path()) ?? '', 'utf8');
  expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  // 170 LSOAs and the two outlined ones twice (white halo, black line).
  expect((svgText.match(/<path /g) ?? []).length).toBe(174);
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download map as PNG' }).click();
  const png = await readFile((await (await pngDownload).path()) ?? '');
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  // The profile.
  await areas.getByRole('button', { name: 'View profile of Ferham and Eastwood' }).click();
  const profile = page.getByRole('region', { name: 'Profile: Ferham and Eastwood' });
  const releases = profile.getByTestId('profile-releases');
  await expect(releases.getByRole('row', { name: /IoD2025/ })).toContainText('2 of 2');
  await expect(profile.getByTestId('profile-caveats')).toContainText('Compare releases by rank and decile only');
  await expect(profile.getByRole('table', { name: /LSOAs by national IMD decile, per release \(table\)/ })).toBeVisible();
  await expect(profile.getByTestId('profile-population')).toContainText('IoD2025');
  await profile.getByText("The area's 2 LSOAs in IoD2025 (LSOA 2021)").click();
  await expect(profile.getByTestId('profile-lsoas').getByRole('row', { name: /Rotherham 016A \(E01007715\)/ })).toContainText('15');
  await page.screenshot({ path: path.join(screenshotsDir, 'areas-page.png'), fullPage: true });

  expect(await cspViolations(page), 'no CSP violations').toEqual([]);
  expect(await seriousViolations(page), 'Areas page with the map and a profile').toEqual([]);
});

test('a co-ordinator sees the map, the areas and their profiles, but imports and changes nothing', async ({ page, engine }) => {
  expect(await engine.invoke('store:create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  await importThroughEngine(engine, FILE7);
  await importThroughEngine(engine, BOUNDARIES);
  expect(await engine.invoke('areas:create', { name: 'Ferham', kind: 'target', vintage: 2021, lsoas: ['E01007715'] })).toMatchObject({ ok: true });
  await signInAsCoordinator(page, engine);
  await page.getByRole('navigation').getByRole('button', { name: 'Areas & IMD' }).click();
  await expect(page.getByTestId('areas-role-note')).toContainText('importing reference data and changing areas is for analysts');
  const map = page.getByTestId('lsoa-map');
  await expect(map.locator('path[data-lsoa]')).toHaveCount(170);
  await expect(map.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Import reference data' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Build an area from the map' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'View profile of Ferham' }).click();
  await expect(page.getByTestId('profile-releases').getByRole('row', { name: /IoD2025/ })).toContainText('1 of 1');
  expect(await seriousViolations(page), 'Areas page for a co-ordinator').toEqual([]);
  // Their passphrase opened the aggregates store only: no record is there to show.
  await page.getByRole('navigation').getByRole('button', { name: 'Sources' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Records' })).toHaveCount(0);
  expect(await engine.invoke('records:page', { startRow: 0, endRow: 10, sort: [], filters: [] })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
});
