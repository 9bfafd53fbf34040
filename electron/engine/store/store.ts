import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { openDatabase, type Db } from './database.js';
import { cannotWrite, createPrivateFile, fileFault, readOnlyCopy } from './files.js';
import { keyFilePath, networkShareWarning } from './paths.js';
import type { AuditAction } from '../../../shared/ipc/audit-actions.js';
import { appendAudit, syncAuditHead, type AuditPayload } from './audit.js';
import { newKeyFile, openSlot, readKeyFile, writeKeyFile, type SlotOwner } from './keyslots.js';
import { LATEST_VERSION } from './migrations/index.js';

/** An open store: one writer connection for jobs, one reader so queries never see half a job. */
export class Store {
  private constructor(
    readonly path: string,
    readonly writer: Db,
    readonly reader: Db,
    /** Kept while open so users can be added without rekeying; never written anywhere. */
    readonly dataKey: Buffer,
    /** Who opened it. Tests and benchmarks that open with a raw key act as an analyst. */
    readonly session: SlotOwner,
    /** Opened read-only (its file or folder cannot be written): verify, read and export only. */
    readonly readOnly = false,
  ) {}

  static exists(path: string): boolean {
    return existsSync(path);
  }

  /** Creates a new encrypted store and its key file; refuses to overwrite either. */
  static create(path: string, passphrase: string, user = 'analyst'): Store {
    const keyPath = keyFilePath(path);
    if (existsSync(path)) throw new WorkbenchError('conflict', `A store already exists at ${path}.`);
    if (existsSync(keyPath)) {
      throw new WorkbenchError('conflict', `A key file already exists at ${keyPath} with no store beside it. Move it away first.`);
    }
    const { keyFile, dataKey } = newKeyFile(passphrase, user);
    mkdirSync(dirname(path), { recursive: true });
    writeKeyFile(keyPath, keyFile);
    // Made empty first so SQLite opens it with owner-only rights (its WAL and SHM copy them).
    createPrivateFile(path);
    const store = Store.openWithKey(path, dataKey, true, keyFile.slots[0]);
    store.writer.prepare("INSERT INTO meta(key, value) VALUES ('store_id', ?), ('created_at', ?)").run(keyFile.storeId, new Date().toISOString());
    return store;
  }

  /**
   * Opens with a passphrase (only that user's key slots when a user is named); a wrong one
   * throws `wrong-passphrase` and touches nothing.
   */
  static unlock(path: string, passphrase: string, user?: string): Store {
    if (!existsSync(path)) throw new WorkbenchError('store-missing', `There is no store at ${path}.`);
    const keyPath = keyFilePath(path);
    const { dataKey, slot } = openSlot(readKeyFile(keyPath), passphrase, keyPath, user);
    return Store.openWithKey(path, dataKey, false, slot);
  }

  /** For tests and benchmarks that must not pay the KDF on every open. */
  static openWithKey(path: string, dataKey: Buffer, create: boolean, owner?: SlotOwner): Store {
    const session: SlotOwner = owner ? { user: owner.user, role: owner.role, organisation: owner.organisation } : { user: 'analyst', role: 'analyst', organisation: null };
    let writer: Db;
    try {
      writer = openDatabase(path, dataKey, { create });
    } catch (error) {
      // A store on read-only media or in a folder we cannot write is still opened, read-only,
      // so it can be verified and exported; anything else is a real fault.
      if (create || !cannotWrite(path, error)) throw fileFault(error, `The store ${path} could not be opened`);
      // SQLite cannot read a WAL store without writing its shared-memory file beside it, so it
      // reads a copy of the (still encrypted) files in a private temporary folder instead.
      const copy = readOnlyCopy(path);
      const only = openDatabase(copy.path, dataKey, { create: false, readonly: true });
      const store = new Store(path, only, only, Buffer.from(dataKey), session, true);
      store.cleanup = copy.remove;
      return store;
    }
    const reader = openDatabase(path, dataKey, { create: false, readonly: true });
    return new Store(path, writer, reader, Buffer.from(dataKey), session);
  }

  get keyPath(): string {
    return keyFilePath(this.path);
  }

  /** Removes the private copy a read-only store is read from. */
  private cleanup: () => void = () => {};

  close(): void {
    if (!this.readOnly) syncAuditHead(this);
    this.reader.close();
    if (this.writer !== this.reader) this.writer.close();
    this.dataKey.fill(0);
    this.cleanup();
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
  audit(actor: string, action: AuditAction, payload: AuditPayload): void {
    // A read-only store cannot record anything; it is opened only to verify and export.
    if (this.readOnly) return;
    appendAudit(this.writer, actor, action, payload);
  }
}
