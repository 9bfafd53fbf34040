// Board packs end to end in the real UI: a co-ordinator builds the default pack on a demo store
// with IoD2025, boundaries and a target area, previews it in the page (CSP intact, maps as
// images), exports the PDF and the workbook to a folder, and the page passes axe.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineHandle } from '../../electron/engine/engine-types.js';
import { expect, screenshotsDir, test } from './fixtures.js';
import { createStoreInUi, cspViolations, recordCspViolations, runJob, seriousViolations, signInAsCoordinator } from './helpers.js';

const shared = (p: string): string => fileURLToPath(new URL(`../../../shared/data/${p}`, import.meta.url));
const FILE7 = shared('iod2025/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv');
const BOUNDARIES = shared('boundaries/rotherham_E08000018_lsoa2021.geojson');

async function importReference(engine: EngineHandle, file: string): Promise<void> {
  const chosen = await engine.invoke('files:fromPath', { path: file });
  if (!chosen.ok) throw new Error(chosen.error.message);
  await runJob(engine, 'geo:import', { token: (chosen.value as { token: string }).token });
}

test('a co-ordinator builds a board pack, previews it and exports the PDF and the workbook', async ({ page, engine, storeDir }, testInfo) => {
  test.setTimeout(120_000);
  await createStoreInUi(page);
  await runJob(engine, 'demo:create', { households: 120, seed: 4 });
  await importReference(engine, FILE7);
  await importReference(engine, BOUNDARIES);
  expect(await engine.invoke('areas:create', { name: 'Ferham', kind: 'target', lsoas: ['E01007715', 'E01007716'] })).toMatchObject({ ok: true });
  await signInAsCoordinator(page, engine);
  await recordCspViolations(page);

  await page.getByRole('navigation').getByRole('button', { name: 'Board packs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Board packs' })).toBeVisible();
  await expect(page.getByTestId('pack-template-sections')).toContainText('Area profiles');
  await page.getByRole('button', { name: 'Build the pack', exact: true }).click();

  const preview = page.getByTestId('pack-preview');
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('pack-built-summary')).toContainText('pages');
  await expect(preview.getByRole('heading', { name: '1 Summary' })).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Ferham' })).toBeVisible();
  await expect(preview).toContainText('Synthetic demonstration data');
  await expect(preview).toContainText('No data yet');
  // The map and chart are the engine's SVG, shown as images (the CSP allows data: images).
  const map = preview.getByRole('img', { name: /Map of Ferham/ });
  await expect(map).toBeVisible();
  expect(await map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  const folder = path.join(storeDir, 'board-packs');
  await page.getByLabel('Folder to save them in').fill(folder);
  await page.getByRole('button', { name: 'Save the PDF and the workbook' }).click();
  await expect(page.getByTestId('pack-saved-pdf')).toHaveText(path.join(folder, 'board-pack-default.pdf'));
  expect((await readFile(path.join(folder, 'board-pack-default.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await readFile(path.join(folder, 'board-pack-default.xlsx'))).subarray(0, 2).toString()).toBe('PK');
  // Saving again into the same folder: the earlier pack is there, so the page asks before replacing it.
  await page.getByRole('button', { name: 'Save the PDF and the workbook' }).click();
  await expect(page.getByTestId('replace-question')).toContainText(path.join(folder, 'board-pack-default.pdf'));
  await page.getByRole('button', { name: 'Replace it', exact: true }).click();
  await expect(page.getByTestId('replace-question')).toBeHidden();
  await expect(page.getByTestId('pack-saved-pdf')).toBeVisible();
  // A file of the pack's name that is not a pack is refused, named, and left as it was.
  const other = path.join(storeDir, 'minutes');
  await mkdir(other, { recursive: true });
  await writeFile(path.join(other, 'board-pack-default.xlsx'), 'minutes of the last meeting');
  await page.getByLabel('Folder to save them in').fill(other);
  await page.getByRole('button', { name: 'Save the PDF and the workbook' }).click();
  await expect(page.locator('.error-summary')).toContainText(`${path.join(other, 'board-pack-default.xlsx')} already exists and is not an earlier board pack export`);
  expect(await readFile(path.join(other, 'board-pack-default.xlsx'), 'utf8')).toBe('minutes of the last meeting');

  expect(await cspViolations(page)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(screenshotsDir, 'board-packs.png'), fullPage: false });
  testInfo.annotations.push({ type: 'screenshot', description: 'board-packs.png' });
});
