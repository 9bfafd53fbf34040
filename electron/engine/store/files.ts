// Files the workbench writes hold personal data (the store, its WAL, exports) or the keys to it,
// so they are made readable by their owner only, and the faults a disk can give are told plainly.
import { accessSync, chmodSync, closeSync, constants, copyFileSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';

export const PRIVATE_MODE = 0o600;

/** Creates an empty file readable and writable by its owner only (fails if it exists). */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_MODE));
}

/** Narrows an existing file to owner-only; a file we do not own is left as it is. */
export function makePrivate(path: string): void {
  try {
    if (existsSync(path)) chmodSync(path, PRIVATE_MODE);
  } catch {
    // not ours to change (read-only media, another owner): opening it still works
  }
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_DBMOVED']);

/**
 * Turns what the file system or SQLite reports into a message a person can act on; anything
 * else (and a WorkbenchError) passes through unchanged. `what` says what was being done.
 */
export function fileFault(error: unknown, what: string): unknown {
  if (error instanceof WorkbenchError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (DISK_FULL.has(code)) return new WorkbenchError('bad-input', `The disk is full: nothing was changed. ${what}; free some space and try again.`);
  if (READ_ONLY.has(code)) return new WorkbenchError('bad-input', `The file or its folder cannot be written (read-only or no permission): nothing was changed. ${what}.`);
  if (code === 'ENOENT') return new WorkbenchError('bad-input', `A folder on the way does not exist: nothing was changed. ${what}.`);
  return error;
}

/** The store exists but this process cannot write it or its folder (WAL needs both). */
export function cannotWrite(path: string, error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  if (!READ_ONLY.has(code) && !/readonly|read-only|unable to open/i.test(String((error as Error | null)?.message ?? ''))) return false;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return false;
  }
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      return true;
    }
  }
  return false;
}

/** A private (0700) temporary copy of a store and its WAL, for reading a store we cannot write. */
export function readOnlyCopy(storePath: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-readonly-'));
  const path = join(dir, basename(storePath));
  copyFileSync(storePath, path);
  if (existsSync(`${storePath}-wal`)) copyFileSync(`${storePath}-wal`, `${path}-wal`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** True for SQLite's and the file system's disk-full codes. */
export const isDiskFull = (error: unknown): boolean => DISK_FULL.has((error as { code?: string } | null)?.code ?? '');
