import { NONCE_PLACEHOLDER } from '../../../shared/util/csp.js';

/**
 * The per-load nonce the host wrote into index.html. AG Grid needs it to inject its theme styles
 * under `style-src 'nonce-…'`. Undefined when the page was not served by a host (e.g. the Vite
 * dev server), where the placeholder is still in place and no CSP is in force either.
 */
export function readCspNonce(doc: Document = document): string | undefined {
  const content = doc.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  if (!content || content === NONCE_PLACEHOLDER) return undefined;
  return content;
}
