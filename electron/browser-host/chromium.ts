// Where Debian's Chromium is and how to launch it. Playwright's own browser download cannot work
// on these machines (STACK.md item 5), so the path is always explicit and `channel` never used.
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(
      `Chromium was not found at ${executablePath}. Install Debian's Chromium with ` +
        '`apt-get install -y chromium` (as root), or set CHROMIUM_PATH to a Chromium executable.',
    );
    this.name = 'ChromiumMissingError';
  }
}

/** An explicit path wins, then CHROMIUM_PATH, then Debian's /usr/bin/chromium. */
export function resolveChromiumPath(explicit?: string): string {
  const candidate = explicit ?? (process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH);
  if (!existsSync(candidate)) throw new ChromiumMissingError(candidate);
  return candidate;
}

/**
 * Flags that keep Chromium itself quiet on the network (no component updates, safe-browsing
 * lists, sync, metrics, field trials) and make every hostname unresolvable: pages only ever see
 * https://workbench.invalid, which the host answers before DNS is consulted. Playwright adds its
 * own automation flags on top.
 */
export function chromiumArgs(options: { headless: boolean }): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-sync',
    '--disable-extensions',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
    '--metrics-recording-only',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-pings',
    '--password-store=basic',
    '--host-resolver-rules=MAP * ~NOTFOUND',
  ];
  // Chromium refuses to start its sandbox as root; only then do we turn it off.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  if (!options.headless) args.push('--window-size=1366,900');
  return args;
}
