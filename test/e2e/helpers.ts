// Steps several specs share: setting up the store through the UI, importing a file by path
// through the Sources page, and seeding data through the engine when the UI path is not the
// point of the test.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import type { EngineHandle } from '../../electron/engine/engine-types.js';
import { PASSPHRASE, expect, test } from './fixtures.js';

export const SCHOOL_CSV = 'school-roll.csv';
export const HEALTH_XLSX = 'health-attendances.xlsx';

/** First run: the set-up page, a passphrase, and the Sources page behind it. */
export async function createStoreInUi(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your store' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Create store', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
}

declare global {
  interface Window {
    __progressSeen?: string[];
    __jobEvents?: string[];
    __cspViolations?: string[];
  }
}

/** Starts recording CSP violations in the loaded page (e.g. AG Grid styles without the nonce). */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    window.__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__cspViolations ?? [])]);
}

/**
 * Watches, from inside the page, every value the import progress bar shows and every job event
 * the page receives, so a quick import that finishes in milliseconds is still observed.
 */
export async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__progressSeen) return;
    const seen: string[] = [];
    const events: string[] = [];
    window.__progressSeen = seen;
    window.__jobEvents = events;
    const record = (): void => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        const text = bar.getAttribute('aria-valuetext') ?? '';
        if (seen[seen.length - 1] !== text) seen.push(text);
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuetext', 'aria-valuenow'],
    });
    window.workbench.onEvent((event) => {
      if (event.type === 'job:progress') events.push(`progress ${event.done}/${event.total}`);
      else if (event.type === 'job:finished') events.push(`finished ${String(event.result.ok)}`);
    });
  });
}

export async function progressSeen(page: Page): Promise<{ bar: string[]; events: string[] }> {
  return page.evaluate(() => ({ bar: [...(window.__progressSeen ?? [])], events: [...(window.__jobEvents ?? [])] }));
}

/**
 * Sources page: type the path, preview, check the suggested role of the named columns, import,
 * and wait for the summary. Returns the success banner.
 */
export async function importByPath(
  page: Page,
  file: string,
  expected: { fileName: string; roles: Record<string, string>; records: number },
): Promise<void> {
  const importSection = page.getByRole('region', { name: 'Import a file' });
  await importSection.getByLabel('Full path of the file').fill(file);
  await importSection.getByRole('button', { name: 'Preview file', exact: true }).click();

  const form = importSection.getByRole('form', { name: `Check the columns in ${expected.fileName}` });
  await expect(form).toBeVisible();
  for (const [header, role] of Object.entries(expected.roles)) {
    await expect(form.getByLabel(`Use column ${header} as`, { exact: true }), `suggested role of ${header}`).toHaveValue(role);
  }
  await form.getByRole('button', { name: 'Import', exact: true }).click();

  const banner = page.getByRole('alert').filter({ hasText: `${expected.fileName} has been imported` });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`${expected.records} records`);
}

/** Seeds a store through the engine (no UI): create it and import files, waiting for each job. */
export async function seedThroughEngine(engine: EngineHandle, files: string[], passphrase = PASSPHRASE): Promise<void> {
  expect(await engine.invoke('store:create', { passphrase })).toMatchObject({ ok: true });
  for (const file of files) await importThroughEngine(engine, file);
}

/** Imports one file through the engine (with any import:start options) and waits for the job to succeed. */
export async function importThroughEngine(engine: EngineHandle, file: string, options: Record<string, unknown> = {}): Promise<void> {
  const chosen = await engine.invoke('files:fromPath', { path: file });
  if (!chosen.ok) throw new Error(`files:fromPath failed: ${chosen.error.message}`);
  const token = (chosen.value as { token: string }).token;
  const finished = new Promise<EngineEvent>((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:finished') {
        off();
        resolve(event);
      }
    });
  });
  const started = await engine.invoke('import:start', { token, ...options });
  if (!started.ok) throw new Error(`import:start failed: ${started.error.message}`);
  const event = await finished;
  expect(event, `import of ${file}`).toMatchObject({ type: 'job:finished', result: { ok: true } });
}

/** WCAG 2.2 A/AA and best-practice rules, as every spec checks them. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe as the specs run it. Legacy mode runs axe.run in the page itself; the default instead runs
 * axe per frame and then opens a second page to merge the frames' results, which costs seconds a
 * scan and finds nothing more here (the app has no frames). Only violations are reported, so axe
 * spends no time describing every passing node; which rules run is unchanged.
 */
export function axeBuilder(page: Page, tags: string[] = AXE_TAGS): AxeBuilder {
  return new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(tags).setLegacyMode(true);
}

/** axe's serious and critical findings on the page, one line each (empty when clean). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await test.step('axe scan', () => axeBuilder(page).analyze(), { box: true });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** Adds a co-ordinator through the engine, locks, and signs in as them through the Unlock page. */
export async function signInAsCoordinator(page: Page, engine: EngineHandle): Promise<void> {
  const coordinator = 'co-ordinator passphrase';
  expect(await engine.invoke('users:add', { user: 'cora', role: 'co-ordinator', passphrase: coordinator })).toMatchObject({ ok: true });
  await engine.invoke('store:lock', {});
  await page.reload();
  await page.getByLabel('Passphrase', { exact: true }).fill(coordinator);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** Runs a job channel through the engine (no UI) and waits for it to finish well. */
export async function runJob(engine: EngineHandle, channel: string, request: unknown): Promise<void> {
  const finished = new Promise<EngineEvent>((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:finished') {
        off();
        resolve(event);
      }
    });
  });
  expect(await engine.invoke(channel, request)).toMatchObject({ ok: true });
  expect(await finished).toMatchObject({ result: { ok: true } });
}
