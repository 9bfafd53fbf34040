// The browser host: the real renderer, in Debian Chromium, bound to a real engine in this Node
// process. Used by the e2e tests and by `npm start` where no Electron binary exists (DESIGN §1).
//
//   page ──request──▶ context.route ──▶ https://workbench.invalid/… → dist/renderer (serve.ts)
//                                  └──▶ anything else → aborted and counted (origin only)
//   page ──window.workbench.invoke──▶ binding → caller check → parseRequest → engine (bridge.ts)
//   engine.onEvent ──page.evaluate──▶ window.workbench.onEvent listeners
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_HOST_ORIGIN } from '../../shared/util/csp.js';
import type { EngineHandle } from '../engine/engine-types.js';
import { bindWorkbench } from './bridge.js';
import { chromiumArgs, explainLaunchFailure, resolveChromiumPath } from './chromium.js';
import { appResponseFor, isAppUrl } from './serve.js';

export const APP_URL = `${BROWSER_HOST_ORIGIN}/`;

export interface BlockedRequest {
  /** Scheme and host (with port) only: full URLs could carry personal data. */
  origin: string;
  /** Chromium's resource type: document, script, image, fetch, websocket… */
  resourceType: string;
}

export interface BrowserHostOptions {
  engine: EngineHandle;
  /** The built renderer (`dist/renderer`, with index.html holding the CSP placeholders). */
  distDir: string;
  headless: boolean;
  /** Default: CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
  /** Page size; `null` lets a headed window size the page. Default 1366×900. */
  viewport?: { width: number; height: number } | null;
  /** Open the app page at once (default true). Tests that add init scripts first pass false. */
  navigate?: boolean;
  /** Told about every refused request as it happens (start.ts logs it). */
  onBlocked?: (request: BlockedRequest) => void;
  /**
   * A Chromium from launchHostChromium to open this host's own context in, instead of launching
   * one (the e2e tests share one per worker; each test still gets a fresh context). close() then
   * closes only the context.
   */
  browser?: Browser;
}

export interface BrowserHost {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request refused so far, oldest first. */
  blockedRequests(): BlockedRequest[];
  /** Closes the browser (or only the context, in a browser that was passed in); the engine stays open (its owner closes it). */
  close(): Promise<void>;
}

function originOnly(url: string): string {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : u.protocol;
  } catch {
    return '(unparseable)';
  }
}

/** Debian's Chromium with the host's flags (no network, en-GB), as openBrowserHost launches it. */
export async function launchHostChromium(options: { headless: boolean; executablePath?: string }): Promise<Browser> {
  const executablePath = resolveChromiumPath(options.executablePath);
  return await chromium
    .launch({ executablePath, headless: options.headless, args: chromiumArgs({ headless: options.headless }) })
    .catch((err: unknown) => {
      throw explainLaunchFailure(err, executablePath);
    });
}

export async function openBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const distDir = path.resolve(options.distDir);
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`The renderer is not built: ${path.join(distDir, 'index.html')} is missing. Run \`npm run build:renderer\`.`);
  }
  const browser = options.browser ?? (await launchHostChromium(options));
  const ownsBrowser = options.browser === undefined;
  let context: BrowserContext | undefined;
  const closeOwn = async (): Promise<void> => {
    if (ownsBrowser) await browser.close().catch(() => undefined);
    else await context?.close().catch(() => undefined);
  };
  const blocked: BlockedRequest[] = [];
  const block = (entry: BlockedRequest): void => {
    blocked.push(entry);
    options.onBlocked?.(entry);
  };

  let bridge: { dispose(): void } | undefined;
  try {
    context = await browser.newContext({
      viewport: options.viewport === undefined ? { width: 1366, height: 900 } : options.viewport,
      // Service workers would fetch outside context.route; the app has none, so refuse them.
      serviceWorkers: 'block',
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      permissions: [],
      acceptDownloads: true,
    });

    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (!isAppUrl(url)) {
        const resourceType = request.resourceType();
        block({ origin: originOnly(url), resourceType });
        // A refused navigation is cancelled ('aborted' commits no error page), so the app stays
        // where it was, as Electron's will-navigate guard does; other requests fail as blocked.
        await route.abort(resourceType === 'document' ? 'aborted' : 'blockedbyclient').catch(() => undefined);
        return;
      }
      const response = await appResponseFor(distDir, request.method(), url);
      await route.fulfill(response).catch(() => undefined);
    });
    // WebSockets do not pass through context.route. The CSP (connect-src 'none') stops them in
    // the app; one that still gets created (a page without the app's policy) is counted here and
    // fails to connect, because --host-resolver-rules leaves no hostname resolvable.
    // (context.routeWebSocket is not used: it replaces window.WebSocket with a script shim,
    // which would hide the page's own CSP enforcement.)
    const watchSockets = (p: Page): void => {
      p.on('websocket', (ws) => block({ origin: originOnly(ws.url()), resourceType: 'websocket' }));
    };
    context.on('page', watchSockets);

    bridge = await bindWorkbench(context, options.engine);

    const page = await context.newPage();
    // No new windows (window.open, target=_blank): the app has none, and any URL would leave it.
    page.on('popup', (popup) => void popup.close().catch(() => undefined));
    if (options.navigate !== false) await page.goto(APP_URL);

    const owned = bridge;
    return {
      browser,
      context,
      page,
      blockedRequests: () => blocked.map((entry) => ({ ...entry })),
      close: async () => {
        owned.dispose();
        await closeOwn();
      },
    };
  } catch (err) {
    bridge?.dispose();
    await closeOwn();
    throw err;
  }
}
