import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { openDatabase } from '../../electron/engine/store/database.js';
import { readKeyFile, unwrapDataKey } from '../../electron/engine/store/keyslots.js';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/engine/store/migrations/index.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const PASS = 'correct horse battery staple';
const tempDir = useTempDirs();

function thrownKind(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof WorkbenchError ? error.kind : `not a WorkbenchError: ${String(error)}`;
  }
  return undefined;
}

describe('encrypted store with key slots', () => {
  it('is encrypted at rest: no SQLite header and no plaintext in the file', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.create(path, PASS);
    store.writer.prepare("INSERT INTO meta(key, value) VALUES ('probe', 'PLAINTEXT-MARKER-4711')").run();
    store.close();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('PLAINTEXT-MARKER-4711'))).toBe(false);
    expect(existsSync(`${path}.keys`)).toBe(true);
  });

  it('reopens with the passphrase and keeps data; user_version is the latest migration', () => {
    const path = join(tempDir(), 'baseline.db');
    Store.create(path, PASS).close();
    const store = Store.unlock(path, PASS);
    expect(store.meta('store_id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.schemaVersion).toBe(LATEST_VERSION);
    store.close();
  });

  it('a wrong passphrase gives wrong-passphrase and changes neither file', () => {
    const path = join(tempDir(), 'baseline.db');
    Store.create(path, PASS).close();
    const before = [readFileSync(path), readFileSync(`${path}.keys`)];
    expect(thrownKind(() => Store.unlock(path, 'not the passphrase'))).toBe('wrong-passphrase');
    expect(readFileSync(path).equals(before[0]!)).toBe(true);
    expect(readFileSync(`${path}.keys`).equals(before[1]!)).toBe(true);
  });

  it('refuses a short passphrase for a new store and leaves nothing behind', () => {
    const path = join(tempDir(), 'baseline.db');
    expect(thrownKind(() => Store.create(path, 'short'))).toBe('bad-input');
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.keys`)).toBe(false);
  });

  it('refuses to create over an existing store', () => {
    const path = join(tempDir(), 'baseline.db');
    Store.create(path, PASS).close();
    expect(thrownKind(() => Store.create(path, PASS))).toBe('conflict');
  });

  it('a missing key file is reported as such', () => {
    const path = join(tempDir(), 'baseline.db');
    Store.create(path, PASS).close();
    writeFileSync(`${path}.keys`, '{"format":"something-else"}');
    expect(thrownKind(() => Store.unlock(path, PASS))).toBe('bad-input');
  });

  it('the key file never holds the data key in the clear', () => {
    const path = join(tempDir(), 'baseline.db');
    Store.create(path, PASS).close();
    const keyFile = readKeyFile(`${path}.keys`);
    const dataKey = unwrapDataKey(keyFile, PASS, 'k');
    const text = readFileSync(`${path}.keys`, 'utf8');
    expect(text.includes(dataKey.toString('hex'))).toBe(false);
    expect(text.includes(dataKey.toString('base64'))).toBe(false);
  });

  it('refuses a database written by a newer version, unchanged', () => {
    const path = join(tempDir(), 'baseline.db');
    const key = randomBytes(32);
    const store = Store.openWithKey(path, key, true);
    store.writer.pragma(`user_version = ${LATEST_VERSION + 10}`);
    store.close();
    expect(thrownKind(() => openDatabase(path, key, { create: false }))).toBe('store-too-new');
    const raw = new Database(path);
    raw.pragma(`key="x'${key.toString('hex')}'"`);
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    raw.close();
  });

  it('uses STRICT tables, WAL and secure_delete', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.openWithKey(path, randomBytes(32), true);
    const all = store.reader.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string; sql: string }>;
    // full-text indexes are virtual tables; SQLite makes their shadow tables itself
    const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    const tables = all.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
    expect(tables.length).toBeGreaterThan(4);
    // Table options may come in either order: STRICT, WITHOUT ROWID.
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*(?:WITHOUT ROWID\s*,\s*)?STRICT(?:\s*,\s*WITHOUT ROWID)?\s*$/);
    expect(store.writer.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.writer.pragma('secure_delete', { simple: true })).toBe(1);
    store.close();
  });

  it('migration versions increase', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('the audit log is hash-chained', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.openWithKey(path, randomBytes(32), true);
    store.audit('ann', 'import', { sourceId: 1 });
    store.audit('ann', 'export-clusters', { rows: 3 });
    const rows = store.reader.prepare('SELECT prev_hash, hash FROM audit_event ORDER BY id').all() as Array<{ prev_hash: string; hash: string }>;
    expect(rows).toHaveLength(2);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    store.close();
  });
});
