// The stores this user has opened, newest first, so the app can switch between them. Only paths
// are kept (never anything from inside a store), in a small owner-only file in the app's folder.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'recent-stores.json';
const KEEP = 10;

export function readRecent(home: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(join(home, FILE), 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberStore(home: string, path: string): void {
  if (!existsSync(home)) return;
  const list = [path, ...readRecent(home).filter((p) => p !== path)].slice(0, KEEP);
  const tmp = join(home, `${FILE}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, join(home, FILE));
  } catch {
    // a read-only app folder: the list is a convenience, not data
  }
}
