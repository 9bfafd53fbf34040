// End-to-end tests: the built renderer in Debian Chromium through the browser host, bound to a
// real engine in the test process. Each test opens its own host (fixtures.ts), so Playwright's
// own browser fixture is never launched; its settings below only matter if a test asks for it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const index = `${process.env['BASELINE_RENDERER_DIST'] || here('../../dist/renderer')}/index.html`;

if (!existsSync(index)) {
  throw new Error(
    `The e2e tests drive the built renderer, and ${index} is missing.\n` +
      'Build it first:  npm run build:renderer   (then: npm run test:e2e)',
  );
}

export default defineConfig({
  testDir: here('.'),
  testMatch: /.*\.spec\.ts$/,
  // The engine's worker threads start from a bundle made once for the run (global-setup.ts).
  globalSetup: here('./global-setup.ts'),
  // One test per core: each has its own engine, store and Chromium, and most of a test is
  // waiting on the other process, so two at a time keep two cores busy.
  workers: 2,
  // Tests share nothing but the worker's Chromium (each has its own store, engine and browser
  // context), so the two workers take tests, not files: the long ones no longer queue behind
  // the rest of their file while the other worker idles at the end.
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Per-test output (failure screenshots, attachments). Cleared at the start of each run; the
  // screenshots tests keep on purpose go to artifacts/screenshots/ instead.
  outputDir: process.env['BASELINE_E2E_RESULTS'] || here('./artifacts/results'),
  use: {
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    launchOptions: { executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium' },
  },
});
