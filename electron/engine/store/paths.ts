import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

export const PRODUCT_NAME = 'Baseline Workbench';

/**
 * The same folder Electron's app.getPath('userData') gives for our productName, so the CLI and
 * the app find one embedded store. BASELINE_HOME overrides it (tests, portable installs).
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BASELINE_HOME) return env.BASELINE_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export const defaultStorePath = (env?: NodeJS.ProcessEnv): string => join(defaultUserDataDir(env), 'baseline.db');
export const defaultDemoStorePath = (env?: NodeJS.ProcessEnv): string => join(defaultUserDataDir(env), 'demo.db');
export const keyFilePath = (storePath: string): string => `${storePath}.keys`;
/** The folder beside the store where partners leave sealed extracts (inbox/inbox.ts). */
export const inboxDir = (storePath: string): string => `${storePath}.inbox`;

const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smbfs', 'smb3', 'fuse.sshfs', 'afs', '9p', 'davfs']);

/** WAL needs shared memory that network file systems do not provide reliably (SQLite docs). */
export function networkShareWarning(storePath: string, platform = process.platform): string | null {
  const warn = 'The store is on a network share. SQLite cannot keep it safe there: move it to a local disk.';
  if (platform === 'win32') return /^(\\\\|\/\/)/.test(storePath) ? warn : null;
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((parts) => parts.length > 2)
      .sort((a, b) => (b[1] ?? '').length - (a[1] ?? '').length);
    const mount = mounts.find((parts) => storePath.startsWith(parts[1] ?? '\0'));
    return mount && NETWORK_FS.has(mount[2] ?? '') ? warn : null;
  } catch {
    return null;
  }
}
