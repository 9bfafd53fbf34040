// The browser host's security promises, proven in the real page: the app's CSP stops requests
// before they are issued (detected by securitypolicyviolation events and by the host never
// seeing the request, not by the request failing, which it would anyway on a closed network),
// inline script cannot run, window.workbench cannot be replaced, and bad calls never reach the
// engine.
import { appResponseFor } from '../../electron/browser-host/serve.js';
import { APP_URL } from '../../electron/browser-host/host.js';
import { contentSecurityPolicy } from '../../shared/util/csp.js';
import { distDir, expect, test } from './fixtures.js';

interface Violation {
  directive: string;
  blockedURI: string;
  disposition: string;
}

declare global {
  interface Window {
    __violations?: Violation[];
    __inlineRan?: boolean;
    __attrRan?: boolean;
  }
}

test.describe('content security policy', () => {
  test.use({ navigate: false });

  test.beforeEach(async ({ page }) => {
    // Record every violation from the first byte of the page on.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations?.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI, disposition: e.disposition });
      });
    });
    await page.goto(APP_URL);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
  });

  test('the app itself loads without a single violation, under the CSP header and meta', async ({ page }) => {
    const response = await page.reload();
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    const header = response?.headers()['content-security-policy'] ?? '';
    expect(header).toContain("default-src 'none'");
    expect(header).toContain("connect-src 'none'");
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(header)?.[1] ?? '';
    expect(nonce).not.toBe('');
    // The header carries the whole policy; the meta copy the same minus frame-ancestors.
    expect(header).toBe(contentSecurityPolicy(nonce, 'header'));
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(contentSecurityPolicy(nonce, 'meta'));
    // AG Grid gets the same nonce for the styles it injects.
    expect(await page.locator('meta[name="csp-nonce"]').getAttribute('content')).toBe(nonce);
    // Fresh nonce per load.
    const again = (await page.reload())?.headers()['content-security-policy'];
    expect(again).not.toBe(header);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  });

  test('http(s) fetch, WebSocket, image, script and stylesheet are blocked before any request is issued', async ({ page, host }) => {
    await page.evaluate(async () => {
      await fetch('https://example.org/fetch-probe?surname=Quillfeather').catch(() => undefined);
      await fetch('http://example.net/plain-http-probe').catch(() => undefined);
      const img = document.createElement('img');
      img.src = 'https://example.org/img-probe.png';
      document.body.append(img);
      const script = document.createElement('script');
      script.src = 'https://example.org/script-probe.js';
      document.head.append(script);
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = 'https://example.org/style-probe.css';
      document.head.append(style);
      try {
        new WebSocket('wss://example.org/socket-probe');
      } catch {
        // Some engines throw instead of failing asynchronously; the violation is what counts.
      }
    });
    await expect
      .poll(async () => (await page.evaluate(() => window.__violations ?? [])).length, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(6);
    const violations = (await page.evaluate(() => window.__violations ?? [])).map((v) => ({
      directive: v.directive,
      origin: v.blockedURI.includes('://') ? new URL(v.blockedURI).origin : v.blockedURI,
      disposition: v.disposition,
    }));
    expect(violations).toEqual(
      expect.arrayContaining([
        { directive: 'connect-src', origin: 'https://example.org', disposition: 'enforce' },
        { directive: 'connect-src', origin: 'http://example.net', disposition: 'enforce' },
        { directive: 'connect-src', origin: 'wss://example.org', disposition: 'enforce' },
        { directive: 'img-src', origin: 'https://example.org', disposition: 'enforce' },
        { directive: 'script-src-elem', origin: 'https://example.org', disposition: 'enforce' },
        { directive: 'style-src-elem', origin: 'https://example.org', disposition: 'enforce' },
      ]),
    );
    // The browser never even asked: nothing reached the host's router for those origins.
    const origins = host.blockedRequests().map((r) => r.origin);
    expect(origins).not.toContain('https://example.org');
    expect(origins).not.toContain('http://example.net');
    expect(origins).not.toContain('wss://example.org');

    // Control: a request the CSP does not stop (a plain navigation in a page without the app's
    // policy) does reach the router, is refused there, and is counted by origin only.
    const probe = await host.context.newPage();
    await probe.goto('https://example.org/control?surname=Quillfeather').catch(() => undefined);
    await probe.close();
    const after = host.blockedRequests();
    expect(after).toContainEqual({ origin: 'https://example.org', resourceType: 'document' });
    expect(JSON.stringify(after)).not.toContain('Quillfeather');
    expect(JSON.stringify(after)).not.toContain('/control');
  });

  test('inline script, inline event handlers and eval are blocked', async ({ page }) => {
    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
      const holder = document.createElement('div');
      // The image 404s from the app origin, so its onerror handler would run if allowed.
      holder.innerHTML = '<img src="missing-probe.png" onerror="window.__attrRan = true">';
      document.body.append(holder);
      // DevTools evaluation is exempt from the eval check, so try eval from an ordinary task.
      const evalBlocked = await new Promise<boolean>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('1 + 1');
            resolve(false);
          } catch {
            resolve(true);
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { inlineRan: window.__inlineRan === true, attrRan: window.__attrRan === true, evalBlocked };
    });
    expect(outcome).toEqual({ inlineRan: false, attrRan: false, evalBlocked: true });
    const directives = (await page.evaluate(() => window.__violations ?? [])).map((v) => `${v.directive} ${v.blockedURI}`);
    expect(directives).toEqual(expect.arrayContaining(['script-src-elem inline', 'script-src-attr inline', 'script-src eval']));
  });
});

test.describe('window.workbench bridge', () => {
  test('window.workbench is frozen and cannot be replaced', async ({ page }) => {
    const state = await page.evaluate(() => {
      const original = window.workbench;
      const descriptor = Object.getOwnPropertyDescriptor(window, 'workbench');
      const attempts: string[] = [];
      try {
        (window as unknown as Record<string, unknown>)['workbench'] = { invoke: () => 'hijacked' };
      } catch {
        attempts.push('assign threw');
      }
      try {
        (original as unknown as Record<string, unknown>)['invoke'] = () => 'hijacked';
      } catch {
        attempts.push('method assign threw');
      }
      const deleted = Reflect.deleteProperty(window, 'workbench');
      return {
        frozen: Object.isFrozen(original),
        writable: descriptor?.writable,
        configurable: descriptor?.configurable,
        same: window.workbench === original,
        invokeIntact: String(window.workbench.invoke).includes('hijacked') === false,
        deleted,
        keys: Object.keys(original).sort(),
      };
    });
    expect(state).toEqual({
      frozen: true,
      writable: false,
      configurable: false,
      same: true,
      invokeIntact: true,
      deleted: false,
      keys: ['invoke', 'onEvent'],
    });
  });

  test('unknown channels and invalid payloads are refused before the engine is called', async ({ page, engine, engineCalls }) => {
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    const before = engineCalls.length;
    const results = await page.evaluate(async () => {
      const call = window.workbench.invoke as unknown as (c: string, r: unknown) => Promise<unknown>;
      return {
        unknown: await call('store:destroyEverything', {}),
        invalid: await call('store:create', { passphrase: 'short' }),
        wrongType: await call('records:page', { startRow: -1, endRow: 'all', sort: [], filters: [] }),
        extraKeys: await call('app:info', { sneaky: true }),
      };
    });
    for (const result of Object.values(results)) {
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
    // Nothing the page sent above reached the engine…
    const reached = engineCalls.slice(before);
    expect(reached).not.toContain('store:destroyEverything');
    expect(reached).not.toContain('store:create');
    expect(reached).not.toContain('records:page');
    // …so no store was created by the short passphrase.
    const info = await engine.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { store: { exists: false } } });
  });

  test('only the app page may call the engine', async ({ host, page, engineCalls }) => {
    // Let the app finish its own start-up calls first.
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your store' })).toBeVisible();
    const before = engineCalls.length;
    const probe = await host.context.newPage();
    await probe.goto('about:blank');
    const fromBlank = await probe.evaluate(async () => {
      const g = window as unknown as Record<string, unknown>;
      const binding = g['__workbenchInvoke'] as ((c: string, r: unknown) => Promise<unknown>) | undefined;
      return {
        hasWorkbench: 'workbench' in window,
        result: binding ? await binding('app:info', {}) : 'no binding',
      };
    });
    await probe.close();
    expect(fromBlank.hasWorkbench).toBe(false);
    expect(fromBlank.result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(engineCalls.slice(before)).toEqual([]);
  });
});

test.describe('navigation', () => {
  test('leaving the app and opening windows are refused; the app stays put', async ({ page, host }) => {
    const heading = page.getByRole('heading', { level: 1, name: 'Set up your store' });
    await expect(heading).toBeVisible();
    await page.evaluate(() => {
      location.href = 'https://example.org/leave?surname=Quillfeather';
    });
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://example.org/new-window';
      link.target = '_blank';
      document.body.append(link);
      link.click();
      window.open('https://example.org/popup', '_blank');
    });
    await expect.poll(() => host.blockedRequests().filter((r) => r.resourceType === 'document').length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => host.context.pages().length).toBe(1);
    expect(page.url()).toBe(APP_URL);
    await expect(heading).toBeVisible();
    expect(new Set(host.blockedRequests().map((r) => r.origin))).toEqual(new Set(['https://example.org']));
  });
});

test.describe('static serving', () => {
  test('only GET/HEAD inside dist/renderer are answered', async () => {
    const get = (path: string): ReturnType<typeof appResponseFor> => appResponseFor(distDir, 'GET', `https://workbench.invalid${path}`);
    expect((await get('/')).status).toBe(200);
    expect((await get('/')).headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await get('/assets/..%5c..%5cpackage.json')).status).toBe(404);
    expect((await get('/%00index.html')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await appResponseFor(distDir, 'POST', 'https://workbench.invalid/')).status).toBe(405);
    expect((await appResponseFor(distDir, 'GET', 'https://elsewhere.invalid/')).status).toBe(403);
    const first = String((await get('/')).body);
    const second = String((await get('/')).body);
    expect(first).not.toContain('__CSP_NONCE__');
    expect(first).not.toContain('__CSP__');
    expect(first).not.toBe(second);
  });
});
