// One Content-Security-Policy for every host that serves the built renderer (Electron's app://
// protocol and the browser host's routed origin). Styles AG Grid injects carry a per-load nonce,
// so no 'unsafe-inline' is needed.
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';
export const CSP_PLACEHOLDER = '__CSP__';
/** The origin the browser host routes; Electron serves the same files from app://workbench. */
export const BROWSER_HOST_ORIGIN = 'https://workbench.invalid';
export const ELECTRON_ORIGIN = 'app://workbench';

/**
 * The policy for one page load. `frame-ancestors` only works as a response header (a meta CSP
 * that carries it makes Chromium log an error), so the meta copy leaves it out.
 */
export function contentSecurityPolicy(nonce: string, where: 'header' | 'meta' = 'header'): string {
  const directives = [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'none'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  return (where === 'meta' ? directives.filter((d) => !d.startsWith('frame-ancestors')) : directives).join('; ');
}

/**
 * Renders the built index.html for one page load: the meta CSP (`__CSP__`) and the nonce the
 * app hands to AG Grid (`__CSP_NONCE__`). Hosts should also send the CSP as a response header.
 */
export function renderIndex(indexHtml: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('nonce must be 16+ base64 characters');
  return indexHtml.split(CSP_PLACEHOLDER).join(contentSecurityPolicy(nonce, 'meta')).split(NONCE_PLACEHOLDER).join(nonce);
}
