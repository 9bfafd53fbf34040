import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { openDatabase, type Db } from './database.js';
import { cannotWrite, createPrivateFile, fileFault, readOnlyCopy } from './files.js';
import { keyFilePath, networkShareWarning } from './paths.js';
import type { AuditAction } from '../../../shared/ipc/audit-actions.js';
import { appendAudit, syncAuditHead, useAuditKey, verifyAudit, type AuditPayload, type AuditVerdict } from './audit.js';
import { openSlot, readKeyFile, writeKeyFile, type SlotOwner } from './keyslots.js';
import { checkSlot, isSealed, newSealedKeyFile, sealedHead, sealLegacyKeyFile, uncertifiedSlots, withoutSlots, type SealMigration } from './key-hierarchy.js';
import { LATEST_VERSION } from './migrations/index.js';
import { ensureAggregates, journal } from '../aggregates/setup.js';
import { openAggregates } from '../aggregates/db.js';
import { BackgroundCheckpoint } from './background-checkpoint.js';
import { buildPendingIndexes } from './deferred-indexes.js';

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

  private checkpointer: BackgroundCheckpoint | null = null;

  /** Folds a large write's log into the store file off the engine's thread (imports). */
  get checkpoints(): BackgroundCheckpoint {
    return (this.checkpointer ??= new BackgroundCheckpoint(this.writer, this.path));
  }

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
    const { keyFile, dataKey, auditKey, slot } = newSealedKeyFile(passphrase, user);
    mkdirSync(dirname(path), { recursive: true });
    writeKeyFile(keyPath, keyFile);
    // Made empty first so SQLite opens it with owner-only rights (its WAL and SHM copy them).
    createPrivateFile(path);
    const store = Store.openWithKey(path, dataKey, true, slot, auditKey);
    store.writer.prepare("INSERT INTO meta(key, value) VALUES ('store_id', ?), ('created_at', ?)").run(keyFile.storeId, new Date().toISOString());
    store.giveAggregates(true);
    return store;
  }

  /**
   * Opens with a passphrase (only that user's key slots when a user is named); a wrong one
   * throws `wrong-passphrase` and touches nothing.
   */
  static unlock(path: string, passphrase: string, user?: string): Store {
    if (!existsSync(path)) throw new WorkbenchError('store-missing', `There is no store at ${path}.`);
    const keyPath = keyFilePath(path);
    const keyFile = readKeyFile(keyPath);
    const { dataKey, slot, keys } = openSlot(keyFile, passphrase, keyPath, user);
    checkSlot(keyFile, slot, keys);
    if (!dataKey) return Store.openAggregatesOnly(path, keys.aggregates ?? Buffer.alloc(0), slot);
    if (slot.role === 'co-ordinator') {
      throw new WorkbenchError(
        'forbidden',
        `${slot.user}'s key slot is from before co-ordinators had an aggregates store of their own, and holds the key to every record, so it no longer opens the store. An analyst must sign in (which removes it) and add ${slot.user} again. Nothing was changed.`,
      );
    }
    if (!isSealed(keyFile) && slot.role === 'analyst' && slot.kind === 'passphrase') {
      const migration = Store.trySeal(keyPath, keyFile, slot, passphrase, dataKey);
      if (migration) {
        const store = Store.openWithKey(path, dataKey, false, migration.slot, migration.auditKey);
        store.sealedNow = migration.removed;
        store.startSealedTrail(migration);
        store.giveAggregates();
        return store;
      }
    }
    const store = Store.openWithKey(path, dataKey, false, slot, keys.audit ?? undefined);
    if (keys.audit && !store.readOnly) store.refuseUncertifiedSlots(keys.audit);
    store.giveAggregates();
    return store;
  }

  /**
   * A co-ordinator's session: the aggregates store only, opened with the one key their slot holds.
   * The data key is never unwrapped, so nothing here can read a person-level row of the main store.
   */
  private static openAggregatesOnly(path: string, aggregatesKey: Buffer, slot: SlotOwner): Store {
    if (aggregatesKey.length !== 32) throw new WorkbenchError('forbidden', `${slot.user}'s key slot opens nothing in this store. Nothing was changed.`);
    // A missing aggregates store (a copy made without it) starts empty: what the co-ordinator asks
    // for is noted, and the next analyst session prepares it.
    const db = openAggregates(path, aggregatesKey, { create: true });
    const store = new Store(path, db, db, Buffer.alloc(0), { user: slot.user, role: slot.role, organisation: slot.organisation });
    store.aggregatesOnly = true;
    return store;
  }

  /**
   * True in a co-ordinator's session: \`reader\` and \`writer\` are then the aggregates store, and the
   * engine answers every channel from it (aggregates/serve.ts).
   */
  aggregatesOnly = false;

  /** The aggregates store's key, in analysts' sessions (through the audit key); null otherwise. */
  aggregatesKey: Buffer | null = null;
  /** Co-ordinators whose old slots (holding the data key) this sign-in removed: to be added again. */
  reissuedCoordinators: SlotOwner[] = [];
  /** Whether this sign-in made the aggregates store (so it needs filling). */
  aggregatesMadeNow = false;

  private giveAggregates(newStore = false): void {
    const setup = ensureAggregates(this, { newStore });
    if (!setup) return;
    this.aggregatesKey = setup.key;
    this.reissuedCoordinators = setup.reissued;
    this.aggregatesMadeNow = setup.created;
  }

  /** The data key, or a clear refusal in a session that does not hold it. */
  requireDataKey(): Buffer {
    if (this.aggregatesOnly || this.dataKey.length !== 32) throw new WorkbenchError('forbidden', 'This session holds the aggregates store only.');
    return this.dataKey;
  }

  /** Seals a key file from before sealing; null when the key file cannot be written (read-only). */
  private static trySeal(keyPath: string, keyFile: ReturnType<typeof readKeyFile>, slot: Parameters<typeof sealLegacyKeyFile>[1], passphrase: string, dataKey: Buffer): SealMigration | null {
    const migration = sealLegacyKeyFile(keyFile, slot, passphrase, dataKey);
    try {
      writeKeyFile(keyPath, migration.keyFile);
    } catch {
      return null;
    }
    return migration;
  }

  /**
   * The first keyed event records the sealing (and whether the trail still held the head the old
   * key file named); the key file's authenticated head starts there.
   */
  private startSealedTrail(migration: SealMigration): void {
    if (this.readOnly) return;
    const legacy = migration.legacyHead;
    const legacyHeadMatched = legacy === null ? null : (this.writer.prepare('SELECT hash FROM audit_event WHERE id = ?').get(legacy.id) as { hash: string } | undefined)?.hash === legacy.hash;
    const r = migration.removed;
    this.audit(this.session.user, 'key-slots-sealed', {
      analystsRemoved: r.analysts,
      coordinatorsRemoved: r.coordinators,
      partnersRemoved: r.partners,
      recoveryCodeRemoved: r.recoveryCode,
      legacyHeadMatched,
    });
    const keyFile = readKeyFile(this.keyPath);
    const last = this.writer.prepare('SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    writeKeyFile(this.keyPath, { ...keyFile, auditHead: sealedHead(migration.auditKey, keyFile.storeId, last) });
  }

  /**
   * Slots an analyst's audit key cannot verify were not written by the app (someone with the data
   * key added them to the key file): they are removed, and the removal is audited.
   */
  private refuseUncertifiedSlots(auditKey: Buffer): void {
    let keyFile = readKeyFile(this.keyPath);
    const bad = uncertifiedSlots(keyFile, auditKey);
    if (bad.length === 0) return;
    keyFile = withoutSlots(keyFile, bad.map((s) => s.id));
    writeKeyFile(this.keyPath, keyFile);
    for (const slot of bad) this.audit(this.session.user, 'key-slot-refused', { slotId: slot.id, role: slot.role, kind: slot.kind });
    this.refusedSlots = bad.map((s) => ({ user: s.user, role: s.role, organisation: s.organisation }));
  }

  /** Set when this sign-in sealed a key file from before sealing: the users who must be added again. */
  sealedNow: SealMigration['removed'] | null = null;
  /** Slots this sign-in refused and removed because the app did not write them. */
  refusedSlots: SlotOwner[] = [];

  /** For tests and benchmarks that must not pay the KDF on every open. */
  static openWithKey(path: string, dataKey: Buffer, create: boolean, owner?: SlotOwner, auditKey?: Buffer): Store {
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
      store.keepAuditKey(auditKey);
      return store;
    }
    // Indexes an import left unbuilt (it stopped between committing its rows and its indexes);
    // not now if another process is writing (it may be that import, building them).
    buildPendingIndexes(writer, { ifFree: true });
    const reader = openDatabase(path, dataKey, { create: false, readonly: true });
    const store = new Store(path, writer, reader, Buffer.from(dataKey), session);
    store.keepAuditKey(auditKey);
    return store;
  }

  /** The audit key, for analysts' sessions only; null for everyone else (and raw-key opens). */
  private auditKeyCopy: Buffer | null = null;

  private keepAuditKey(auditKey: Buffer | undefined): void {
    if (!auditKey) return;
    this.auditKeyCopy = Buffer.from(auditKey);
    useAuditKey(this.writer, this.auditKeyCopy);
    useAuditKey(this.reader, this.auditKeyCopy);
  }

  get auditKey(): Buffer | null {
    return this.auditKeyCopy;
  }

  /** Moves the authenticated head in the key file to the newest event and returns it (the checkpoint). */
  sealAuditHead(): { id: number; hash: string } | null {
    if (this.readOnly) return null;
    return syncAuditHead(this);
  }

  /** Checks the whole trail (and a checkpoint, if given) against this session's audit key. */
  verifyAudit(checkpoint?: string): AuditVerdict {
    return verifyAudit(this.reader, this.keyPath, checkpoint === undefined ? {} : { checkpoint });
  }

  get keyPath(): string {
    return keyFilePath(this.path);
  }

  /** Removes the private copy a read-only store is read from. */
  private cleanup: () => void = () => {};

  /**
   * Set by the engine: brings the aggregates store up to date (kept out of this module because
   * preparing answers runs the engine's handlers). Called as an analyst's session ends, and when
   * a co-ordinator is added.
   */
  static prepareAggregates: ((store: Store) => void) | null = null;

  /** Brings the aggregates store up to date, in an analyst's session; never fails the caller. */
  refreshAggregates(): void {
    if (!this.aggregatesKey || this.readOnly || !this.writer.open) return;
    try {
      Store.prepareAggregates?.(this);
    } catch {
      // co-ordinators then see the figures of the last refresh, and are told what is missing
    }
  }

  close(): void {
    this.refreshAggregates();
    if (!this.readOnly && !this.aggregatesOnly) syncAuditHead(this);
    this.checkpointer?.wait();
    this.reader.close();
    if (this.writer !== this.reader) this.writer.close();
    this.dataKey.fill(0);
    this.auditKeyCopy?.fill(0);
    this.aggregatesKey?.fill(0);
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
    // A co-ordinator cannot write the main store: their events wait in the aggregates store's
    // journal until the next analyst session folds them into the sealed trail.
    if (this.aggregatesOnly) journal(this.writer, actor, action, payload);
    else appendAudit(this.writer, actor, action, payload);
  }
}
