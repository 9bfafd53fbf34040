// Every security setting of the Electron shell in one place (DESIGN.md §6):
//  - the window's webPreferences, kept as an inline literal (lint rules only see literals) and
//    asserted at run time before the window is created;
//  - guards on every webContents: no navigation, no redirects, no new windows, no <webview>;
//  - guards on the session: every permission denied, every request that is not app:// (or a
//    local scheme such as data:/blob:) cancelled and counted. Nothing leaves the machine.
import path from 'node:path';
import {
  app,
  type BrowserWindowConstructorOptions,
  type OnBeforeRequestListenerDetails,
  type CallbackResponse,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { log as defaultLog, type Log } from './log.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';

/** The one BrowserWindow's options. The assertion below refuses anything else. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  const options: BrowserWindowConstructorOptions = {
    title: 'Baseline Workbench',
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show, so the user never sees a blank frame
    backgroundColor: '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: preloadPath,
    },
  };
  assertSecureWindowOptions(options);
  return options;
}

/** What each webPreferences key must be. `preload` is the only other key allowed. */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/**
 * Throws unless the window's webPreferences are exactly the required ones plus an absolute
 * preload path. Unknown keys are refused too, so nobody can quietly add
 * `experimentalFeatures`, `enableBlinkFeatures`, `additionalArguments` or a `partition`.
 */
export function assertSecureWindowOptions(options: BrowserWindowConstructorOptions): void {
  const prefs = options.webPreferences as Record<string, unknown> | undefined;
  if (!prefs) throw new Error('Insecure window: webPreferences missing');
  for (const [key, required] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    if (prefs[key] !== required) throw new Error(`Insecure window: webPreferences.${key} must be ${String(required)}`);
  }
  const allowed = new Set<string>([...Object.keys(REQUIRED_WEB_PREFERENCES), 'preload']);
  for (const key of Object.keys(prefs)) {
    if (!allowed.has(key)) throw new Error(`Insecure window: webPreferences.${key} is not allowed`);
  }
  const preload = prefs.preload;
  if (typeof preload !== 'string' || !path.isAbsolute(preload) || !/\.c?js$/.test(preload)) {
    throw new Error('Insecure window: webPreferences.preload must be an absolute path to the compiled preload');
  }
}

/** The scheme of a URL ("https"), or "invalid"; never the rest of it (it may hold personal data). */
export function schemeOf(url: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return match?.[1]?.toLowerCase() ?? 'invalid';
}

/** Guards for one webContents: call for every webContents the app ever creates. */
export function guardWebContents(contents: WebContents, log: Log = defaultLog): void {
  contents.on('will-navigate', (event) => {
    // In-page navigation (hash changes, pushState) does not reach this event; a full
    // navigation, even to app://workbench, would drop the renderer's state and is refused.
    if (event.isSameDocument) return;
    event.preventDefault();
    log('security', `navigation to a ${schemeOf(event.url)}: URL blocked`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log('security', `redirect to a ${schemeOf(event.url)}: URL blocked`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('security', '<webview> blocked');
  });
  contents.setWindowOpenHandler((details) => {
    log('security', `new window for a ${schemeOf(details.url)}: URL blocked`);
    return { action: 'deny' };
  });
}

/** Installs `guardWebContents` on every webContents, including ones created later. */
export function installWebContentsGuards(log: Log = defaultLog): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

/** Schemes the renderer may request; everything else (http, https, ws, wss, ftp, file…) is cancelled. */
export const ALLOWED_REQUEST_SCHEMES: ReadonlySet<string> = new Set([APP_SCHEME, 'data', 'blob', 'devtools']);

export interface RequestFilter {
  onBeforeRequest(details: Pick<OnBeforeRequestListenerDetails, 'url'>, callback: (response: CallbackResponse) => void): void;
  /** Requests cancelled so far, by scheme. */
  blocked(): Record<string, number>;
}

/**
 * Cancels every request whose scheme is not allowed. Logs the scheme and the running count
 * (at 1, 10, 100, … per scheme, so a looping page cannot flood the log); never the URL.
 */
export function createRequestFilter(log: Log = defaultLog): RequestFilter {
  const counts = new Map<string, number>();
  return {
    onBeforeRequest(details, callback) {
      const scheme = schemeOf(details.url);
      if (ALLOWED_REQUEST_SCHEMES.has(scheme)) {
        callback({});
        return;
      }
      const count = (counts.get(scheme) ?? 0) + 1;
      counts.set(scheme, count);
      if (/^10*$/.test(String(count))) log('security', `blocked ${scheme} request (${count} so far)`);
      callback({ cancel: true });
    },
    blocked: () => Object.fromEntries(counts),
  };
}

/** Denies every permission request and check, device access, and every off-machine request. */
export function guardSession(ses: Session, log: Log = defaultLog): RequestFilter {
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log('security', `permission "${permission}" denied`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  const filter = createRequestFilter(log);
  ses.webRequest.onBeforeRequest((details, callback) => filter.onBeforeRequest(details, callback));
  return filter;
}
