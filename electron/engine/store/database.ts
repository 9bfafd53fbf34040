import Database from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { makePrivate } from './files.js';
import { migrate } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens the encrypted store with the raw data key (the cipher checks the key only on first
 * read, so we read at once to turn a bad key into a clear error before anything is written).
 */
export function openDatabase(path: string, dataKey: Buffer, options: { create: boolean; readonly?: boolean; migrate?: boolean }): Db {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
  const db = new Database(path, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  try {
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    // The cipher encrypts the store, its WAL and journal, but not SQLite's temporary files
    // (sorts, temp tables, statement journals), which would hold page images in plain text.
    db.pragma('temp_store = MEMORY');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new WorkbenchError('bad-input', `${path} is not a Baseline Workbench store, or its key file belongs to another store.`);
    }
    throw error;
  }
  if (!options.readonly) {
    // 16 KiB pages: fewer page writes and encryptions for bulk imports (300k-row csv +3–7 %, bench).
    if (options.create) db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('secure_delete = ON');
    // WAL + NORMAL survives an app crash; a large cache stops big imports spilling mid-transaction.
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    // SQLite gives the WAL and shared-memory files the store's own mode: owner-only, like the store.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) makePrivate(file);
    // The aggregates store (aggregates/) has a schema of its own.
    if (options.migrate !== false) migrate(db, path);
  }
  return db;
}
