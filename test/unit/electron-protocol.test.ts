import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handled: new Map<string, unknown>(),
}));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: unknown) => electron.handled.set(scheme, handler),
  },
}));

import { contentSecurityPolicy } from '../../shared/util/csp.js';
import { contentTypeFor } from '../../shared/util/content-types.js';
import {
  createAppProtocolHandler,
  installAppProtocol,
  registerAppScheme,
  resolveInRoot,
} from '../../electron/main/protocol.js';

const INDEX = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<meta name="csp-nonce" content="__CSP_NONCE__">
<script type="module" crossorigin src="./assets/index-abc.js"></script>
<link rel="stylesheet" crossorigin href="./assets/index-abc.css">
</head><body><div id="root"></div></body></html>`;
const SECRET = 'outside the renderer root: must never be served';

// Created at collection time: the traversal cases below name a path inside it.
const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'bw-protocol-')));
const root = path.join(base, 'dist', 'renderer');
let handler: ReturnType<typeof createAppProtocolHandler>;
const get = (url: string, method = 'GET') => handler({ url, method });

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), INDEX);
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log("app")');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(base, 'secret.txt'), SECRET);
  writeFileSync(path.join(base, 'dist', 'secret.txt'), SECRET);
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link-out.txt'));
  symlinkSync(base, path.join(root, 'dir-out'));
  handler = createAppProtocolHandler({ rootDir: root });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

describe('app:// scheme registration', () => {
  it('registers app as standard, secure and fetch-capable, and serves it with the handler', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    installAppProtocol(root);
    expect(electron.handled.get('app')).toBeTypeOf('function');
  });
});

describe('app:// handler', () => {
  it('serves index.html with the CSP as header and meta, and the same fresh nonce in both', async () => {
    const response = await get('app://workbench/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy');
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(csp).toBe(contentSecurityPolicy(nonce ?? ''));
    const html = await response.text();
    expect(html).not.toContain('__CSP');
    expect(html).toContain(`content="${contentSecurityPolicy(nonce ?? '', 'meta')}"`);
    expect(html).toContain(`<meta name="csp-nonce" content="${nonce}">`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('uses a different nonce on every load', async () => {
    const nonces = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) nonces.add(nonceOf((await get('app://workbench/index.html')).headers.get('content-security-policy')));
    expect(nonces.size).toBe(5);
  });

  it('serves / as index.html and ignores query and fragment', async () => {
    for (const url of ['app://workbench/', 'app://workbench', 'app://workbench/index.html?x=1#y']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves assets with their content types', async () => {
    const js = await get('app://workbench/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("app")');
    expect((await get('app://workbench/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const font = await get('app://workbench/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  const traversals = [
    'app://workbench/../secret.txt',
    'app://workbench/../../secret.txt',
    'app://workbench/%2e%2e/secret.txt',
    'app://workbench/..%2fsecret.txt',
    'app://workbench/..%2f..%2fsecret.txt',
    'app://workbench/assets/..%2f..%2fsecret.txt',
    'app://workbench/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://workbench/..%5csecret.txt',
    'app://workbench/%2fetc%2fpasswd',
    `app://workbench/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'app://workbench/C:%5cWindows%5cwin.ini',
    'app://workbench/index.html%00.js',
    'app://workbench/%E0%A4%A',
    'app://workbench/link-out.txt',
    'app://workbench/dir-out/secret.txt',
  ];
  it.each(traversals)('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('refuses directories and missing files', async () => {
    expect((await get('app://workbench/assets')).status).toBe(404);
    expect((await get('app://workbench/assets/')).status).toBe(404);
    expect((await get('app://workbench/missing.js')).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'])('refuses %s with 405', async (method) => {
    const response = await get('app://workbench/index.html', method);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it.each([
    'app://evil/index.html',
    'app://workbench.evil/index.html',
    'app://localhost/index.html',
    'app://workbench:8080/index.html',
    'https://workbench/index.html',
    'file:///index.html',
    'not a url',
  ])('refuses %s (wrong host or scheme)', async (url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('resolveInRoot keeps every answer inside the real root', async () => {
    expect(await resolveInRoot(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(await resolveInRoot(root, '/')).toBe(path.join(root, 'index.html'));
    expect(await resolveInRoot(root, '/../secret.txt')).toBeNull();
    expect(await resolveInRoot(root, '/link-out.txt')).toBeNull();
  });
});
