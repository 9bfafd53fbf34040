import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { openDatabase, type Db } from './database.js';
import { keyFilePath, networkShareWarning } from './paths.js';
import { newKeyFile, readKeyFile, unwrapDataKey, writeKeyFile } from './keyslots.js';
import { LATEST_VERSION } from './migrations/index.js';

/** An open store: one writer connection for jobs, one reader so queries never see half a job. */
export class Store {
  private constructor(
    readonly path: string,
    readonly writer: Db,
    readonly reader: Db,
  ) {}

  static exists(path: string): boolean {
    return existsSync(path);
  }

  /** Creates a new encrypted store and its key file; refuses to overwrite either. */
  static create(path: string, passphrase: string): Store {
    const keyPath = keyFilePath(path);
    if (existsSync(path)) throw new WorkbenchError('conflict', `A store already exists at ${path}.`);
    if (existsSync(keyPath)) {
      throw new WorkbenchError('conflict', `A key file already exists at ${keyPath} with no store beside it. Move it away first.`);
    }
    const { keyFile, dataKey } = newKeyFile(passphrase);
    mkdirSync(dirname(path), { recursive: true });
    writeKeyFile(keyPath, keyFile);
    const store = Store.openWithKey(path, dataKey, true);
    store.writer.prepare("INSERT INTO meta(key, value) VALUES ('store_id', ?), ('created_at', ?)").run(keyFile.storeId, new Date().toISOString());
    return store;
  }

  /** Opens with a passphrase; a wrong one throws `wrong-passphrase` and touches nothing. */
  static unlock(path: string, passphrase: string): Store {
    if (!existsSync(path)) throw new WorkbenchError('store-missing', `There is no store at ${path}.`);
    const keyPath = keyFilePath(path);
    const dataKey = unwrapDataKey(readKeyFile(keyPath), passphrase, keyPath);
    return Store.openWithKey(path, dataKey, false);
  }

  /** For tests and benchmarks that must not pay the KDF on every open. */
  static openWithKey(path: string, dataKey: Buffer, create: boolean): Store {
    const writer = openDatabase(path, dataKey, { create });
    const reader = openDatabase(path, dataKey, { create: false, readonly: true });
    return new Store(path, writer, reader);
  }

  close(): void {
    this.reader.close();
    this.writer.close();
  }

  get schemaVersion(): number {
    return this.reader.pragma('user_version', { simple: true }) as number;
  }

  get latestSchemaVersion(): number {
    return LATEST_VERSION;
  }

  meta(key: string): string | null {
    const row = this.reader.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.writer.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  get synthetic(): boolean {
    return this.meta('synthetic') === 'true';
  }

  networkShareWarning(): string | null {
    return networkShareWarning(this.path);
  }

  /** Appends to the hash-chained audit log. Payloads hold ids and counts, never personal data. */
  audit(actor: string, action: string, payload: Record<string, string | number | boolean | null>): void {
    const prev = this.writer.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
    const prevHash = prev?.hash ?? '0'.repeat(64);
    const at = new Date().toISOString();
    const payloadJson = JSON.stringify(payload);
    const hash = createHash('sha256').update(`${prevHash}\n${at}\n${actor}\n${action}\n${payloadJson}`).digest('hex');
    this.writer
      .prepare('INSERT INTO audit_event(at, actor, action, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
      .run(at, actor, action, payloadJson, prevHash, hash);
  }
}
