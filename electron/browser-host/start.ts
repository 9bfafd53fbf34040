// `npm start` on machines without an Electron binary: the built renderer in Debian's Chromium,
// bound to the engine running in this process on the default embedded store.
//
//   tsx electron/browser-host/start.ts [--demo] [--db PATH] [--headless]
//
// With a display (DISPLAY or WAYLAND_DISPLAY) the app opens in a Chromium window and this process
// lives until the window is closed. Without one it runs headless, saves a picture of the start
// page and exits. It always says what it did and what to do next, never just a stack trace.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDLE_LOCK_MINUTES, type EngineHandle } from '../engine/engine-types.js';
import { createEngine } from '../engine/engine.js';
import { defaultDemoStorePath, defaultStorePath } from '../engine/store/paths.js';
import { ChromiumMissingError } from './chromium.js';
import { findElectronBinary, runElectron } from './electron-binary.js';
import { APP_URL, openBrowserHost, type BrowserHost } from './host.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const distDir = path.join(repoRoot, 'dist', 'renderer');

const say = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const USAGE = `Usage: npm start -- [--demo] [--db PATH] [--headless]

  --demo       open the demo store (<userData>/demo.db) instead of the real one
  --db PATH    open the store at PATH
  --headless   do not open a window even when a display is available; save a screenshot`;

interface StartOptions {
  storePath: string;
  forceHeadless: boolean;
}

function parseArgs(argv: string[]): StartOptions | null {
  let demo = false;
  let db: string | undefined;
  let forceHeadless = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') demo = true;
    else if (arg === '--headless') forceHeadless = true;
    else if (arg === '--db') {
      db = argv[++i];
      if (!db) throw new Error('--db needs a path');
    } else if (arg?.startsWith('--db=')) db = arg.slice('--db='.length);
    else if (arg === '--help' || arg === '-h') return null;
    else throw new Error(`Unknown option: ${arg}`);
  }
  const storePath = path.resolve(db ?? (demo ? defaultDemoStorePath() : defaultStorePath()));
  return { storePath, forceHeadless };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const WHY_CHROMIUM = (storePath: string): string =>
  'Baseline Workbench is an Electron app, but no Electron binary can be installed on this machine ' +
  '(Electron downloads it from GitHub on first use, and only the npm registry and Debian packages ' +
  "are reachable here). So `npm start` shows the same built interface in Debian's Chromium, " +
  'driven by Playwright: the pages are served from memory as https://workbench.invalid/ (no port, ' +
  'no web server), the same Content-Security-Policy applies, every request to any other address ' +
  'is refused, and window.workbench is bound to the same engine the Electron app and the CLI use, ' +
  `running in this Node process. Your data stays in ${storePath} (and its .keys file beside it).`;

async function main(): Promise<number> {
  let options: StartOptions | null;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    say(`${(err as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (!options) {
    say(USAGE);
    return 0;
  }
  // Where Electron is really installed, run the real app; only without it fall back to Chromium.
  const electron = findElectronBinary(repoRoot);
  if (electron) {
    say('Starting the Electron app.');
    return runElectron(repoRoot, electron, process.argv.slice(2).filter((a) => a !== '--headless'));
  }
  const hasDisplay = Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
  let headless = options.forceHeadless || !hasDisplay;
  let headlessReason = options.forceHeadless
    ? '--headless was given'
    : 'no display was found: neither DISPLAY nor WAYLAND_DISPLAY is set';

  mkdirSync(path.dirname(options.storePath), { recursive: true });
  let engine: EngineHandle;
  try {
    engine = await createEngine({ storePath: options.storePath, host: 'browser', version: packageVersion(), idleLockMinutes: IDLE_LOCK_MINUTES });
  } catch (err) {
    say(`Could not start the Workbench engine for ${options.storePath}: ${(err as Error).message}`);
    return 1;
  }

  const open = (asHeadless: boolean): Promise<BrowserHost> =>
    openBrowserHost({
      engine,
      distDir,
      headless: asHeadless,
      // A window sizes its own page; a screenshot needs a fixed one.
      viewport: asHeadless ? { width: 1366, height: 900 } : null,
      onBlocked: (r) => say(`Blocked a ${r.resourceType} request to ${r.origin} (Workbench is local-only).`),
    });

  let host: BrowserHost;
  try {
    say(WHY_CHROMIUM(options.storePath));
    try {
      host = await open(headless);
    } catch (err) {
      if (headless || err instanceof ChromiumMissingError || /renderer is not built/.test(String(err))) throw err;
      const display = process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'] || '';
      headlessReason = `Chromium could not open a window on display ${display}`;
      say(`\n${headlessReason} (${(err as Error).message.split('\n')[0]}); running headless instead.`);
      headless = true;
      host = await open(true);
    }
  } catch (err) {
    engine.close();
    if (err instanceof ChromiumMissingError) {
      say(`\n${err.message}`);
    } else {
      say(`\nCould not open the Workbench in Chromium: ${(err as Error).message.split('\n')[0]}`);
    }
    return 1;
  }

  if (headless) {
    const { page } = host;
    // Wait for React to put something on screen; a slow first render still gets a picture.
    await page.waitForFunction("document.querySelector('#root')?.childElementCount > 0", null, { timeout: 15_000 }).catch(() => undefined);
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const shot = path.join(path.dirname(options.storePath), 'start-page.png');
    try {
      await page.screenshot({ path: shot, fullPage: true });
    } finally {
      await host.close();
      engine.close();
    }
    say(
      `\nChromium ran headless (${headlessReason}) and saved a picture of the start page ` +
        `(${APP_URL}) to\n  ${shot}\n` +
        'To use the app, run `npm start` where there is a display: in a desktop session on this machine, ' +
        'or over `ssh -X` from one. On a server without a screen, `xvfb-run -a npm start` ' +
        '(apt-get install -y xvfb) runs it headed on a virtual display, which you can watch with a VNC ' +
        'viewer through x11vnc. The CLI works everywhere: `npm run -s cli -- --help`.',
    );
    return 0;
  }

  say('\nThe Workbench is open in a Chromium window. Close the window (or press Ctrl+C here) to stop.');
  return await new Promise<number>((resolve) => {
    let done = false;
    const stop = (code: number): void => {
      if (done) return;
      done = true;
      void host
        .close()
        .catch(() => undefined)
        .finally(() => {
          engine.close();
          resolve(code);
        });
    };
    host.page.on('close', () => stop(0));
    host.browser.on('disconnected', () => stop(0));
    process.once('SIGINT', () => stop(130));
    process.once('SIGTERM', () => stop(143));
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`The browser host stopped unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
