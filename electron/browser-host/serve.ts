// Serves the built renderer for the browser host. Nothing listens on a port: every request the
// page makes goes through Playwright's context.route, and this module decides what it gets back.
// Only GET/HEAD on https://workbench.invalid/… are answered, from files under distDir; anything
// else is refused before it reaches the network (see host.ts).
import { randomBytes } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, HTML_CONTENT_TYPE } from '../../shared/util/content-types.js';
import { BROWSER_HOST_ORIGIN, contentSecurityPolicy, renderIndex } from '../../shared/util/csp.js';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Headers every answer carries; the page itself also gets its CSP (see `forIndex`). */
const BASE_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** A fresh CSP nonce for one page load (24 base64 characters, no padding). */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

function plain(status: number, text: string, extra: Record<string, string> = {}): AppResponse {
  return { status, headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra }, body: text };
}

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === BROWSER_HOST_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Maps a URL path onto a file under distDir, or null when it would leave distDir. The URL parser
 * has already collapsed literal `..` segments; this also catches encoded ones (`%2e%2e%2f`),
 * backslashes and NUL bytes.
 */
export function fileForPath(distDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(distDir);
  const file = path.resolve(root, relative);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

async function isInside(root: string, file: string): Promise<boolean> {
  // A symlink inside dist/ must not lead out of it either.
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  const rel = path.relative(realRoot, realFile);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function forIndex(distDir: string): Promise<AppResponse> {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const nonce = newNonce();
  return {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      'content-type': HTML_CONTENT_TYPE,
      // The meta CSP in the page and this header are both enforced; they are the same policy.
      'content-security-policy': contentSecurityPolicy(nonce),
    },
    body: renderIndex(html, nonce),
  };
}

/** What the app origin answers for one request. Never throws. */
export async function appResponseFor(distDir: string, method: string, url: string): Promise<AppResponse> {
  if (!isAppUrl(url)) return plain(403, 'Not the Workbench origin');
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed', { allow: 'GET, HEAD' });
  const { pathname } = new URL(url);
  const file = fileForPath(distDir, pathname);
  if (!file) return plain(404, 'Not found');
  try {
    if (path.basename(file) === 'index.html' && path.dirname(file) === path.resolve(distDir)) {
      return await forIndex(distDir);
    }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      // Client-side routes (no file extension) get the app page; missing assets get 404.
      return path.extname(file) === '' ? await forIndex(distDir) : plain(404, 'Not found');
    }
    if (!(await isInside(distDir, file))) return plain(404, 'Not found');
    const type = contentTypeFor(file);
    return { status: 200, headers: { ...BASE_HEADERS, 'content-type': type }, body: await readFile(file) };
  } catch {
    return plain(500, 'Could not read the file');
  }
}
