// Every e2e test gets a fresh store folder, a real engine on it (spied on, never mocked) and a
// page from the same browser host `npm start` uses, in a browser context of its own. The Chromium
// behind the contexts is launched once per worker (as Playwright's own fixtures do): a launch
// cost about a second a test, and contexts share no cookies, storage or pages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { launchHostChromium, openBrowserHost, type BrowserHost } from '../../electron/browser-host/host.js';
import { createEngine } from '../../electron/engine/engine.js';
import type { EngineHandle } from '../../electron/engine/engine-types.js';
import type { WorkbenchApi } from '../../shared/ipc/api.js';

declare global {
  interface Window {
    /** Defined by the browser host's init script (electron/browser-host/bridge.ts). */
    workbench: WorkbenchApi;
  }
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The built renderer; BASELINE_RENDERER_DIST points parallel work at its own build. */
export const distDir = process.env['BASELINE_RENDERER_DIST'] || path.join(repoRoot, 'dist', 'renderer');
/** Screenshots kept as artefacts of a run (no pixel baselines: Debian's Chromium is not Playwright's). */
export const screenshotsDir = path.join(repoRoot, 'test', 'e2e', 'artifacts', 'screenshots');
export const fixtureFile = (name: string): string => path.join(repoRoot, 'test', 'fixtures', 'e2e', name);

export const PASSPHRASE = 'correct horse battery staple';

interface Fixtures {
  /** Set with `test.use({ seedStore: { passphrase } })` to start with an existing, locked store. */
  seedStore: { passphrase: string } | null;
  storeDir: string;
  storePath: string;
  /** Channels that reached the engine, in order. */
  engineCalls: string[];
  engine: EngineHandle;
  /** Open the page only after the test has added its own init scripts: `test.use({ navigate: false })`. */
  navigate: boolean;
  host: BrowserHost;
  page: Page;
}

async function newEngine(storePath: string, storeDir: string): Promise<EngineHandle> {
  return await createEngine({
    storePath,
    host: 'browser',
    version: '0.0.0-e2e',
    demoOutDir: path.join(storeDir, 'demo'),
  });
}

interface WorkerFixtures {
  /** Debian's Chromium with the host's own flags, one per worker. */
  hostChromium: Browser;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  hostChromium: [
    async ({}, use) => {
      const browser = await launchHostChromium({ headless: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  seedStore: [null, { option: true }],
  navigate: [true, { option: true }],

  storeDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'workbench-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  storePath: async ({ storeDir }, use) => {
    await use(path.join(storeDir, 'baseline.db'));
  },

  engineCalls: async ({}, use) => {
    await use([]);
  },

  engine: async ({ storePath, storeDir, seedStore, engineCalls }, use) => {
    if (seedStore) {
      // Create the store with one engine and close it, so the engine under test finds it locked.
      const seeder = await newEngine(storePath, storeDir);
      const created = await seeder.invoke('store:create', { passphrase: seedStore.passphrase });
      seeder.close();
      expect(created, 'seeding the store').toMatchObject({ ok: true });
    }
    const real = await newEngine(storePath, storeDir);
    // A spy, not a mock: every call still runs in the real engine.
    const spy: EngineHandle = {
      invoke: (channel, payload) => {
        engineCalls.push(channel);
        return real.invoke(channel, payload);
      },
      onEvent: (listener) => real.onEvent(listener),
      close: () => real.close(),
    };
    await use(spy);
    real.close();
  },

  host: async ({ engine, navigate, hostChromium }, use, testInfo) => {
    const host = await openBrowserHost({ engine, distDir, headless: true, navigate, browser: hostChromium });
    const problems: string[] = [];
    host.page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    host.page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    await use(host);
    if (testInfo.status !== testInfo.expectedStatus) {
      await host.page
        .screenshot({ path: testInfo.outputPath('failure.png'), fullPage: true })
        .catch(() => undefined);
      if (problems.length) await testInfo.attach('page-errors.txt', { body: problems.join('\n'), contentType: 'text/plain' });
      const blocked = host.blockedRequests();
      if (blocked.length) await testInfo.attach('blocked-requests.json', { body: JSON.stringify(blocked, null, 2), contentType: 'application/json' });
    }
    await host.close();
  },

  page: async ({ host }, use) => {
    await use(host.page);
  },
});

export { expect };
