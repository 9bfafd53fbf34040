// Backup and restore: one archive file holding a consistent copy of the encrypted store, its
// key file and the side files beside it (the aggregates store, the partners' inbox). The copy is taken with VACUUM INTO on a fresh read-only connection, so it is one
// committed snapshot even while an import is writing (WAL lets readers go on), and SQLite3
// Multiple Ciphers writes it encrypted with the same data key. Copying the .db file by hand is
// not a backup: under WAL the recent data sits in the -wal file beside it.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { aggregatesPath } from '../aggregates/db.js';
import { aggregatesKeyOf } from '../aggregates/key.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { verifyAudit } from './audit.js';
import { openDatabase } from './database.js';
import { createPrivateFile, fileFault } from './files.js';
import { openSlot, readKeyFile, type SlotOwner } from './keyslots.js';
import { checkSlot } from './key-hierarchy.js';
import { LATEST_VERSION } from './migrations/index.js';
import { inboxDir, keyFilePath } from './paths.js';

const MAGIC = Buffer.from('BWBACKUP', 'latin1');
const FORMAT = 'baseline-workbench-backup';
const CHUNK = 1 << 20;

/** What the archive says about itself: IDs, sizes and hashes, never personal data. */
export interface BackupHeader {
  format: typeof FORMAT;
  /** 2: side files follow the store (`extra`); 1: the key file and the store only. */
  version: 1 | 2;
  createdAt: string;
  storeId: string;
  schemaVersion: number;
  keys: { bytes: number; sha256: string };
  db: { bytes: number; sha256: string };
  /** After the store, in this order: `aggregates` (a snapshot of the aggregates store) and `inbox/NAME` files. */
  extra?: Array<{ name: string; bytes: number; sha256: string }>;
}

/** A side file in the archive: where it goes beside the store. */
function sidePath(storePath: string, name: string): string | null {
  if (name === 'aggregates') return aggregatesPath(storePath);
  const file = name.startsWith('inbox/') ? name.slice('inbox/'.length) : '';
  // An inbox file's name is the inbox's own (a UUID and a suffix): nothing else is unpacked.
  return /^[0-9a-f-]{36}\.(submission|receipt\.json|results\.json)$/.test(file) ? join(inboxDir(storePath), file) : null;
}

/** The inbox's files, by name (submissions, receipts, results). */
const inboxFiles = (storePath: string): string[] =>
  existsSync(inboxDir(storePath)) ? readdirSync(inboxDir(storePath)).filter((f) => sidePath(storePath, `inbox/${f}`) !== null).sort() : [];

export interface BackupWritten {
  path: string;
  bytes: number;
  createdAt: string;
  schemaVersion: number;
}

const sha256File = (path: string): string => {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
};

/** Appends `length` bytes of `fromFd` (from `position`) to `toFd`, hashing them. */
function copyBytes(fromFd: number, position: number, length: number, toFd: number): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let done = 0;
  while (done < length) {
    const n = readSync(fromFd, buffer, 0, Math.min(CHUNK, length - done), position + done);
    if (n === 0) throw new WorkbenchError('bad-input', 'The backup file is cut short: it was not copied whole. Nothing was changed.');
    hash.update(buffer.subarray(0, n));
    writeSync(toFd, buffer, 0, n);
    done += n;
  }
  return hash.digest('hex');
}

/** Is this file a backup archive (by its first bytes)? Used to allow replacing an old backup. */
export function isBackupFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(MAGIC.length);
      readSync(fd, head, 0, MAGIC.length, 0);
      return head.equals(MAGIC);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Writes a backup of the store at `storePath` (opened with `dataKey`) to `outPath`, through a
 * temporary file renamed at the end. The key file is read before the snapshot: the audit head it
 * records is then never newer than the copied chain, so the restored store verifies.
 */
export function writeBackup(storePath: string, dataKey: Buffer, outPath: string, options: { aggregatesKey?: Buffer | null } = {}): BackupWritten {
  const keyBytes = readFileSync(keyFilePath(storePath));
  const storeId = (JSON.parse(keyBytes.toString('utf8')) as { storeId: string }).storeId;
  const snapshot = `${outPath}.snapshot-${process.pid}`;
  const aggregatesSnapshot = `${outPath}.aggregates-${process.pid}`;
  const partial = `${outPath}.partial-${process.pid}`;
  try {
    // The aggregates store, taken the same way (it is derived, so a snapshot a moment older than
    // the store's is consistent: the next analyst session refreshes it).
    const extras: Array<{ name: string; path: string }> = [];
    if (options.aggregatesKey && existsSync(aggregatesPath(storePath))) {
      createPrivateFile(aggregatesSnapshot);
      const aggregates = openDatabase(aggregatesPath(storePath), options.aggregatesKey, { create: false, readonly: true, migrate: false });
      try {
        aggregates.prepare('VACUUM INTO ?').run(aggregatesSnapshot);
      } finally {
        aggregates.close();
      }
      extras.push({ name: 'aggregates', path: aggregatesSnapshot });
    }
    for (const f of inboxFiles(storePath)) extras.push({ name: `inbox/${f}`, path: join(inboxDir(storePath), f) });
    // VACUUM INTO needs an empty (or missing) target; making it first gives it owner-only rights.
    createPrivateFile(snapshot);
    const source = openDatabase(storePath, dataKey, { create: false, readonly: true });
    let schemaVersion: number;
    try {
      schemaVersion = source.pragma('user_version', { simple: true }) as number;
      source.prepare('VACUUM INTO ?').run(snapshot);
    } finally {
      source.close();
    }
    const copy = openDatabase(snapshot, dataKey, { create: false, readonly: true });
    try {
      const check = copy.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') throw new Error('backup snapshot failed its check');
    } finally {
      copy.close();
    }
    const dbBytes = statSync(snapshot).size;
    const createdAt = new Date().toISOString();
    const extra = extras.map((e) => ({ name: e.name, bytes: statSync(e.path).size, sha256: sha256File(e.path) }));
    const header: BackupHeader = {
      format: FORMAT,
      version: 2,
      createdAt,
      storeId,
      schemaVersion,
      keys: { bytes: keyBytes.length, sha256: createHash('sha256').update(keyBytes).digest('hex') },
      db: { bytes: dbBytes, sha256: sha256File(snapshot) },
      extra,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    createPrivateFile(partial);
    const out = openSync(partial, 'w');
    try {
      writeSync(out, MAGIC);
      writeSync(out, length);
      writeSync(out, headerBytes);
      writeSync(out, keyBytes);
      for (const [path, bytes] of [[snapshot, dbBytes] as const, ...extras.map((e, i) => [e.path, extra[i]?.bytes ?? 0] as const)]) {
        const from = openSync(path, 'r');
        try {
          copyBytes(from, 0, bytes, out);
        } finally {
          closeSync(from);
        }
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(partial, outPath);
    return { path: outPath, bytes: statSync(outPath).size, createdAt, schemaVersion };
  } catch (error) {
    rmSync(partial, { force: true });
    throw fileFault(error, `The backup to ${outPath} was not written`);
  } finally {
    rmSync(snapshot, { force: true });
    rmSync(aggregatesSnapshot, { force: true });
  }
}

/** Reads and checks an archive's header; `bad-input` naming the file when it is not one. */
export function readBackupHeader(archive: string): { header: BackupHeader; offset: number } {
  if (!existsSync(archive)) throw new WorkbenchError('bad-input', `There is no backup file at ${archive}.`);
  const fd = openSync(archive, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    const notOne = new WorkbenchError('bad-input', `${archive} is not a Baseline Workbench backup. Nothing was changed.`);
    if (readSync(fd, head, 0, head.length, 0) < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw notOne;
    const length = head.readUInt32BE(MAGIC.length);
    if (length > 1 << 20) throw notOne;
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, head.length);
    let header: BackupHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as BackupHeader;
    } catch {
      throw notOne;
    }
    if (header.format !== FORMAT) throw notOne;
    if (header.version !== 1 && header.version !== 2) {
      throw new WorkbenchError('store-too-new', `The backup ${basename(archive)} was made by a newer version of Baseline Workbench. Nothing was changed.`);
    }
    const offset = head.length + length;
    const extraBytes = (header.extra ?? []).reduce((n, e) => n + e.bytes, 0);
    if (statSync(archive).size !== offset + header.keys.bytes + header.db.bytes + extraBytes) {
      throw new WorkbenchError('bad-input', `The backup ${archive} is incomplete or damaged (its size is wrong). Nothing was changed.`);
    }
    return { header, offset };
  } finally {
    closeSync(fd);
  }
}

export interface RestoreOptions {
  /** Replace a store already at the target (its key file, WAL and SHM go with it). */
  force: boolean;
}

export interface Restored {
  path: string;
  keyPath: string;
  backupCreatedAt: string;
  schemaVersion: number;
  auditEvents: number;
  /** Whose slot the passphrase opened: the restored store is then opened as them. */
  owner: SlotOwner;
  replaced: boolean;
  /** The replaced store's inbox, kept under this name because it held submissions the backup does not. */
  inboxKeptAside: string | null;
}

/** A store's own files: the store, its keys and SQLite's WAL and shared-memory files, and the aggregates store's. */
export const storeFiles = (storePath: string): string[] => [
  storePath,
  keyFilePath(storePath),
  `${storePath}-wal`,
  `${storePath}-shm`,
  `${storePath}-journal`,
  aggregatesPath(storePath),
  `${aggregatesPath(storePath)}-wal`,
  `${aggregatesPath(storePath)}-shm`,
];

/**
 * Unpacks `archive` as the store at `target`: both parts are written to temporary files, their
 * hashes checked, the passphrase must open a key slot and the copy must pass SQLite's check and
 * the audit chain's, and only then are they renamed into place. Anything short of that leaves
 * the target as it was.
 */
export function restoreBackup(archive: string, target: string, passphrase: string, options: RestoreOptions): Restored {
  const { header, offset } = readBackupHeader(archive);
  if (header.schemaVersion > LATEST_VERSION) {
    throw new WorkbenchError('store-too-new', `The backup ${basename(archive)} was made by a newer version of Baseline Workbench (schema ${header.schemaVersion}). Nothing was changed.`);
  }
  const existing = storeFiles(target).slice(0, 2).filter((f) => existsSync(f));
  if (existing.length > 0 && !options.force) {
    throw new WorkbenchError('conflict', `A store already exists at ${target}: nothing was changed. Restore to another --db, or add --force to replace it.`);
  }
  if (!existsSync(dirname(target))) throw new WorkbenchError('bad-input', `The folder ${dirname(target)} does not exist. Nothing was changed.`);
  const tmpDb = `${target}.restoring-${process.pid}`;
  const tmpKeys = keyFilePath(tmpDb);
  try {
    const parts: Array<[string, { bytes: number; sha256: string }]> = [
      [tmpKeys, header.keys],
      [tmpDb, header.db],
    ];
    for (const e of header.extra ?? []) {
      const path = sidePath(tmpDb, e.name);
      if (!path) throw new WorkbenchError('bad-input', `The backup ${archive} holds a file this version does not know (${e.name}). Nothing was changed.`);
      parts.push([path, e]);
    }
    if ((header.extra ?? []).some((e) => e.name.startsWith('inbox/'))) mkdirSync(inboxDir(tmpDb), { recursive: true, mode: 0o700 });
    const fd = openSync(archive, 'r');
    try {
      let position = offset;
      for (const [path, part] of parts) {
        createPrivateFile(path);
        const out = openSync(path, 'w');
        let hash: string;
        try {
          hash = copyBytes(fd, position, part.bytes, out);
          fsyncSync(out);
        } finally {
          closeSync(out);
        }
        position += part.bytes;
        if (hash !== part.sha256) throw new WorkbenchError('bad-input', `The backup ${archive} is damaged (a checksum does not match). Nothing was changed.`);
      }
    } finally {
      closeSync(fd);
    }
    const restoredKeys = readKeyFile(tmpKeys);
    const { dataKey, slot, keys } = openSlot(restoredKeys, passphrase, archive);
    checkSlot(restoredKeys, slot, keys);
    if (!dataKey) throw new WorkbenchError('forbidden', `${slot.user} holds the aggregates store's key only, so cannot check or restore a backup of the store: an analyst restores it. Nothing was changed.`);
    let auditEvents = 0;
    try {
      const db = openDatabase(tmpDb, dataKey, { create: false, readonly: true });
      try {
        if ((db.pragma('quick_check', { simple: true }) as string) !== 'ok') {
          throw new WorkbenchError('bad-input', `The store inside ${archive} does not pass SQLite's check. Nothing was changed.`);
        }
        const verdict = verifyAudit(db, tmpKeys, keys.audit ? { auditKey: keys.audit } : {});
        if (!verdict.ok) throw new WorkbenchError('bad-input', `The audit trail inside ${archive} does not verify (${verdict.problem?.reason ?? 'unknown'}). Nothing was changed.`);
        auditEvents = verdict.events;
      } finally {
        db.close();
      }
      checkAggregates(archive, tmpDb, restoredKeys, keys.audit);
    } finally {
      dataKey.fill(0);
    }
    // A WAL left beside the new file would be replayed into it: the old store's files go first,
    // with its aggregates store (another key's) and its inbox.
    for (const f of storeFiles(target)) rmSync(f, { force: true });
    const inboxKeptAside = setOldInboxAside(target, header);
    renameSync(tmpKeys, keyFilePath(target));
    renameSync(tmpDb, target);
    if (existsSync(aggregatesPath(tmpDb))) renameSync(aggregatesPath(tmpDb), aggregatesPath(target));
    if (existsSync(inboxDir(tmpDb))) renameSync(inboxDir(tmpDb), inboxDir(target));
    return {
      path: target,
      keyPath: keyFilePath(target),
      backupCreatedAt: header.createdAt,
      schemaVersion: header.schemaVersion,
      auditEvents,
      owner: { user: slot.user, role: slot.role, organisation: slot.organisation },
      replaced: existing.length > 0,
      inboxKeptAside,
    };
  } catch (error) {
    throw fileFault(error, `The backup was not restored to ${target}`);
  } finally {
    rmSync(tmpDb, { force: true });
    rmSync(tmpKeys, { force: true });
    rmSync(aggregatesPath(tmpDb), { force: true });
    rmSync(inboxDir(tmpDb), { recursive: true, force: true });
  }
}

/** The restored aggregates store must open with the restored key file's aggregates key and pass SQLite's check. */
function checkAggregates(archive: string, tmpDb: string, keyFile: ReturnType<typeof readKeyFile>, auditKey: Buffer | null): void {
  if (!existsSync(aggregatesPath(tmpDb)) || !auditKey) return;
  const key = aggregatesKeyOf(keyFile, auditKey);
  const bad = new WorkbenchError('bad-input', `The aggregates store inside ${archive} does not open with its key file, or does not pass SQLite's check. Nothing was changed.`);
  if (!key) throw bad;
  let ok = false;
  try {
    const db = openDatabase(aggregatesPath(tmpDb), key, { create: false, readonly: true, migrate: false });
    try {
      ok = (db.pragma('quick_check', { simple: true }) as string) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    ok = false;
  } finally {
    key.fill(0);
  }
  if (!ok) throw bad;
}

/**
 * The replaced store's inbox goes, unless it holds a submission the backup does not: partners'
 * extracts still waiting are then kept aside (named in the result), never deleted.
 */
function setOldInboxAside(target: string, header: BackupHeader): string | null {
  const old = inboxDir(target);
  if (!existsSync(old)) return null;
  const inBackup = new Set((header.extra ?? []).map((e) => e.name));
  const unmatched = inboxFiles(target).some((f) => f.endsWith('.submission') && !inBackup.has(`inbox/${f}`));
  if (!unmatched) {
    rmSync(old, { recursive: true, force: true });
    return null;
  }
  const aside = `${old}-before-restore-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
  renameSync(old, aside);
  return aside;
}
