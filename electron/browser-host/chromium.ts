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
 * Chromium refuses to start its sandbox as root, so only then is it turned off, or when
 * CHROMIUM_NO_SANDBOX=1 says the machine cannot provide one (a container without user
 * namespaces, as non-root).
 */
export function needsNoSandbox(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root || process.env['CHROMIUM_NO_SANDBOX'] === '1';
}

/** Rewrites a failed launch into something a person can act on. */
export function explainLaunchFailure(err: unknown, executablePath: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/sandbox/i.test(message) && !needsNoSandbox()) {
    return new Error(
      `Chromium (${executablePath}) could not start its sandbox on this machine. Run as a user whose ` +
        'kernel allows unprivileged user namespaces, or set CHROMIUM_NO_SANDBOX=1 to start it without one.',
    );
  }
  return err instanceof Error ? err : new Error(message);
}

/**
 * Flags that keep Chromium itself quiet on the network (no component updates, safe-browsing
 * lists, sync, metrics, field trials) and make every hostname unresolvable: pages only ever see
 * https://workbench.invalid, which the host answers before DNS is consulted. Playwright adds its
 * own automation flags on top.
 */
export function chromiumArgs(options: { headless: boolean }): string[] {
  const args = [
    // Dates typed and shown as dd/mm/yyyy: the date inputs follow the browser's own language.
    '--lang=en-GB',
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
  if (needsNoSandbox()) args.push('--no-sandbox');
  if (!options.headless) args.push('--window-size=1366,900');
  return args;
}
