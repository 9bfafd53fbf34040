import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ appListeners: new Map<string, (...args: unknown[]) => void>() }));
vi.mock('electron', () => ({
  app: {
    on: (event: string, listener: (...args: unknown[]) => void) => electron.appListeners.set(event, listener),
  },
}));

import {
  ALLOWED_REQUEST_SCHEMES,
  assertSecureWindowOptions,
  createRequestFilter,
  guardSession,
  guardWebContents,
  installWebContentsGuards,
  mainWindowOptions,
  schemeOf,
} from '../../electron/main/security.js';

const PRELOAD = '/opt/baseline/build/electron/electron/preload/preload.js';

/** A webContents stand-in that records listeners and the window-open handler. */
function fakeContents() {
  const listeners = new Map<string, (event: unknown) => void>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  return {
    on(event: string, listener: (event: unknown) => void) {
      listeners.set(event, listener);
      return this;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
    fire(event: string, details: Record<string, unknown> = {}) {
      const preventDefault = vi.fn();
      const listener = listeners.get(event);
      if (!listener) throw new Error(`no ${event} listener`);
      listener({ ...details, preventDefault });
      return preventDefault;
    },
    open(url: string) {
      if (!openHandler) throw new Error('no window open handler');
      return openHandler({ url });
    },
  };
}

/** A session stand-in that records the handlers installed on it. */
function fakeSession() {
  const handlers: {
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: (...args: unknown[]) => boolean;
    device?: (...args: unknown[]) => boolean;
    beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: typeof handlers.permissionRequest) => (handlers.permissionRequest = h),
    setPermissionCheckHandler: (h: typeof handlers.permissionCheck) => (handlers.permissionCheck = h),
    setDevicePermissionHandler: (h: typeof handlers.device) => (handlers.device = h),
    webRequest: { onBeforeRequest: (h: typeof handlers.beforeRequest) => (handlers.beforeRequest = h) },
  };
  return { session, handlers };
}

describe('main window options', () => {
  it('are exactly the hardened webPreferences and an absolute preload', () => {
    const options = mainWindowOptions(PRELOAD);
    expect(options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: PRELOAD,
    });
    expect(options.show).toBe(false);
  });

  const weakened: Array<[string, unknown]> = [
    ['contextIsolation', false],
    ['sandbox', false],
    ['nodeIntegration', true],
    ['nodeIntegrationInWorker', true],
    ['nodeIntegrationInSubFrames', true],
    ['webviewTag', true],
    ['webSecurity', false],
    ['allowRunningInsecureContent', true],
    ['spellcheck', true],
    ['sandbox', undefined],
  ];
  it.each(weakened)('the run-time assertion refuses %s = %s', (key, value) => {
    const options = mainWindowOptions(PRELOAD);
    const webPreferences = { ...options.webPreferences, [key]: value };
    expect(() => assertSecureWindowOptions({ ...options, webPreferences })).toThrow(key);
  });

  it('the assertion refuses extra preferences, a missing block and a relative preload', () => {
    const options = mainWindowOptions(PRELOAD);
    for (const extra of [{ experimentalFeatures: true }, { enableBlinkFeatures: 'X' }, { partition: 'p' }]) {
      expect(() => assertSecureWindowOptions({ ...options, webPreferences: { ...options.webPreferences, ...extra } })).toThrow(
        /not allowed/,
      );
    }
    expect(() => assertSecureWindowOptions({ width: 10 })).toThrow(/webPreferences missing/);
    expect(() => mainWindowOptions('preload.js')).toThrow(/preload/);
    expect(() => mainWindowOptions('/abs/preload.mjs')).toThrow(/preload/);
  });
});

describe('webContents guards', () => {
  let logged: string[];
  let contents: ReturnType<typeof fakeContents>;
  beforeEach(() => {
    logged = [];
    contents = fakeContents();
    guardWebContents(contents as never, (_scope, message) => logged.push(message));
  });

  it('prevent navigation away from the page, even to the app origin', () => {
    for (const url of ['https://example.org/?nhs=9434765919', 'file:///etc/passwd', 'app://workbench/index.html']) {
      expect(contents.fire('will-navigate', { url, isSameDocument: false, isMainFrame: true })).toHaveBeenCalledOnce();
    }
  });

  it('let same-document navigation through', () => {
    expect(contents.fire('will-navigate', { url: 'app://workbench/index.html#x', isSameDocument: true })).not.toHaveBeenCalled();
  });

  it('prevent redirects and <webview> attachment', () => {
    expect(contents.fire('will-redirect', { url: 'https://example.org/', isSameDocument: false })).toHaveBeenCalledOnce();
    expect(contents.fire('will-attach-webview')).toHaveBeenCalledOnce();
  });

  it('deny every new window', () => {
    expect(contents.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(contents.open('app://workbench/index.html')).toEqual({ action: 'deny' });
  });

  it('log the scheme only, never the URL', () => {
    contents.fire('will-navigate', { url: 'https://example.org/person?name=Jane+Doe', isSameDocument: false });
    contents.open('https://example.org/person?name=Jane+Doe');
    expect(logged.join('\n')).toContain('https');
    expect(logged.join('\n')).not.toMatch(/example|Jane|person/);
  });

  it('are installed on every webContents the app creates', () => {
    installWebContentsGuards(() => {});
    const created = electron.appListeners.get('web-contents-created');
    expect(created).toBeTypeOf('function');
    const later = fakeContents();
    created?.({}, later);
    expect(later.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(later.fire('will-navigate', { url: 'https://example.org/', isSameDocument: false })).toHaveBeenCalledOnce();
  });
});

describe('session guards', () => {
  it('deny every permission request, check and device', () => {
    const { session, handlers } = fakeSession();
    guardSession(session as never, () => {});
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn();
      handlers.permissionRequest?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(handlers.permissionCheck?.({}, permission, 'app://workbench', {})).toBe(false);
    }
    expect(handlers.device?.({ deviceType: 'usb', origin: 'app://workbench' })).toBe(false);
  });

  it('cancel http(s), ws(s), ftp and file requests and let app:// through', () => {
    const { session, handlers } = fakeSession();
    const filter = guardSession(session as never, () => {});
    const decide = (url: string) => {
      const callback = vi.fn();
      handlers.beforeRequest?.({ url }, callback);
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]?.[0] as { cancel?: boolean };
    };
    for (const url of [
      'http://example.org/',
      'https://example.org/a?b=c',
      'ws://localhost:8080/',
      'wss://example.org/socket',
      'ftp://example.org/file',
      'file:///etc/passwd',
    ]) {
      expect(decide(url)).toEqual({ cancel: true });
    }
    expect(decide('app://workbench/index.html')).toEqual({});
    expect(decide('app://workbench/assets/index-abc.js')).toEqual({});
    expect(decide('data:image/png;base64,AAAA')).toEqual({});
    expect(filter.blocked()).toEqual({ http: 1, https: 1, ws: 1, wss: 1, ftp: 1, file: 1 });
  });

  it('log blocked requests by scheme and count, never the URL, and not every time', () => {
    const logged: string[] = [];
    const filter = createRequestFilter((_scope, message) => logged.push(message));
    for (let i = 0; i < 250; i++) filter.onBeforeRequest({ url: `https://tracker.example/p?nhs=943476591${i}` }, () => {});
    expect(logged).toEqual([
      'blocked https request (1 so far)',
      'blocked https request (10 so far)',
      'blocked https request (100 so far)',
    ]);
    expect(filter.blocked()).toEqual({ https: 250 });
  });

  it('the allow-list holds only local schemes', () => {
    expect([...ALLOWED_REQUEST_SCHEMES].sort()).toEqual(['app', 'blob', 'data', 'devtools']);
    expect(schemeOf('HTTPS://x')).toBe('https');
    expect(schemeOf('not a url')).toBe('invalid');
  });
});
