// The renderer is served from app://workbench/ out of dist/renderer: no file://, no server,
// no port. GET only, one host, no way out of the root (resolve + realpath), index.html rendered
// per load with a fresh CSP nonce (meta tag and response header carry the same policy).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { contentTypeFor, HTML_CONTENT_TYPE } from '../../shared/util/content-types.js';
import { contentSecurityPolicy, renderIndex } from '../../shared/util/csp.js';
import { APP_HOST, APP_SCHEME } from './security.js';

/**
 * Must run before `app` is ready: app:// behaves like https (standard URL with a real origin,
 * secure context, fetch). `corsEnabled` lets Chromium apply CORS to the scheme at all: Vite emits
 * `<script type="module" crossorigin>`, which loads in CORS mode. Same-origin loads pass; we
 * send no Access-Control-Allow-Origin header, so nothing cross-origin can read our files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Serves `rootDir` (the built renderer) on app://workbench/ for the default session. */
export function installAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir }));
}

/** A fresh CSP nonce: 128 random bits, base64 (the form renderIndex and CSP accept). */
export const newNonce = (): string => randomBytes(16).toString('base64');

export interface AppProtocolOptions {
  rootDir: string;
  nonce?: () => string;
}

/** The parts of a fetch Request the handler reads (Electron passes a full Request). */
export type AppRequest = Pick<Request, 'url' | 'method'>;

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function textResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  });
}

const notFound = (): Response => textResponse(404, 'Not found');

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * Maps a URL path to a regular file inside the root, or null. Refuses encoded separators and
 * dots that would climb out, backslashes, drive letters, NUL, and symlinks that lead outside.
 */
export async function resolveInRoot(rootDir: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\\:\0]/.test(decoded)) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const root = path.resolve(rootDir);
  const target = path.resolve(root, relative);
  if (!isInside(root, target)) return null;
  try {
    const [realRoot, realTarget] = await Promise.all([fs.realpath(root), fs.realpath(target)]);
    if (!isInside(realRoot, realTarget)) return null;
    const stat = await fs.stat(realTarget);
    return stat.isFile() ? realTarget : null;
  } catch {
    return null;
  }
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: AppRequest) => Promise<Response> {
  const nonce = options.nonce ?? newNonce;
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return notFound();
    if (request.method.toUpperCase() !== 'GET') return textResponse(405, 'Method not allowed', { Allow: 'GET' });

    const file = await resolveInRoot(options.rootDir, url.pathname);
    if (!file) return notFound();

    const rootIndex = path.join(await fs.realpath(path.resolve(options.rootDir)), 'index.html');
    if (file === rootIndex) {
      const loadNonce = nonce();
      const html = renderIndex(await fs.readFile(file, 'utf8'), loadNonce);
      return new Response(html, {
        status: 200,
        headers: {
          ...COMMON_HEADERS,
          'Content-Type': HTML_CONTENT_TYPE,
          'Content-Security-Policy': contentSecurityPolicy(loadNonce),
          'Cache-Control': 'no-store',
        },
      });
    }

    const body = await fs.readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': contentTypeFor(file),
        // Workers take their policy from their own response; give every file the same policy
        // with a nonce nobody holds, so a worker script cannot load or inline anything else.
        'Content-Security-Policy': contentSecurityPolicy(nonce()),
      },
    });
  };
}
