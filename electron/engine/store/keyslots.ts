// The data key that encrypts the store is random; each passphrase wraps it in a "key slot"
// kept in a sidecar file, so changing a passphrase or adding a user never rekeys the store
// (rekey is impossible under WAL, and a passphrase open costs ~100 ms per connection).
import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Role } from '../../../shared/domain/roles.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { checkNewPassphrase } from './passphrase-rules.js';

export { MIN_PASSPHRASE_LENGTH } from './passphrase-rules.js';
const FORMAT = 'baseline-workbench-keys';
// scrypt N=2^15, r=8 (32 MiB, ~100 ms here): the OWASP-recommended floor for interactive logins.
const KDF = { name: 'scrypt', N: 32768, r: 8, p: 1 } as const;

export { ROLES, type Role } from '../../../shared/domain/roles.js';

/** Who a slot lets in. Bound into the wrap's associated data, so editing it breaks the slot. */
export interface SlotOwner {
  user: string;
  role: Role;
  /** The partner organisation a partner user imports for and sees; null for other roles. */
  organisation: string | null;
}

export interface KeySlot extends SlotOwner {
  id: string;
  kind: 'passphrase' | 'recovery';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  iv: string;
  wrapped: string;
  tag: string;
  createdAt: string;
}

export interface KeyFile {
  format: typeof FORMAT;
  version: 1;
  storeId: string;
  slots: KeySlot[];
  /** The audit chain's last event, kept outside the store so truncating the chain is detected. */
  auditHead?: { id: number; hash: string };
  /** Wrong passphrases since the last sign-in (a count and a time), for the CLI's back-off. */
  signInFailures?: { count: number; lastAt: string };
}

const slotAad = (storeId: string, kind: KeySlot['kind'], owner: SlotOwner): Buffer =>
  Buffer.from(JSON.stringify([storeId, kind, owner.user, owner.role, owner.organisation]));

function deriveKek(passphrase: string, kdf: KeySlot['kdf']): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
}

export function wrapKey(dataKey: Buffer, passphrase: string, kind: KeySlot['kind'], owner: SlotOwner, storeId: string): KeySlot {
  const kdf = { ...KDF, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKek(passphrase, kdf), iv);
  cipher.setAAD(slotAad(storeId, kind, owner));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    id: randomUUID(),
    kind,
    user: owner.user,
    role: owner.role,
    organisation: owner.organisation,
    kdf,
    iv: iv.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

export function tryUnwrap(slot: KeySlot, passphrase: string, storeId: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKek(passphrase, slot.kdf), Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(slotAad(storeId, slot.kind, slot));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * Opens the slot this passphrase unlocks (only that user's slots when a user is named) and
 * returns the data key with who it belongs to; `wrong-passphrase` when none opens.
 */
export function openSlot(keyFile: KeyFile, passphrase: string, keyPath: string, user?: string): { dataKey: Buffer; slot: KeySlot } {
  // Only passphrase slots sign anyone in: a recovery code resets a passphrase, nothing more.
  const slots = keyFile.slots.filter((s) => s.kind === 'passphrase' && (user === undefined || s.user === user));
  if (user !== undefined && slots.length === 0) {
    throw new WorkbenchError('wrong-passphrase', `No user named "${user}" in the store whose keys are in ${keyPath}. Nothing was changed.`);
  }
  for (const slot of slots) {
    const dataKey = tryUnwrap(slot, passphrase, keyFile.storeId);
    if (dataKey) return { dataKey, slot };
  }
  throw new WorkbenchError('wrong-passphrase', `Wrong passphrase for the store whose keys are in ${keyPath}. Nothing was changed.`);
}

export function unwrapDataKey(keyFile: KeyFile, passphrase: string, keyPath: string): Buffer {
  return openSlot(keyFile, passphrase, keyPath).dataKey;
}

export function readKeyFile(keyPath: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(keyPath, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new WorkbenchError('store-missing', `The key file ${keyPath} is missing. Restore it from the backup made with the store.`);
    }
    throw new WorkbenchError('bad-input', `The key file ${keyPath} is damaged and cannot be read.`);
  }
  const kf = parsed as Partial<KeyFile>;
  if (kf.format !== FORMAT || kf.version !== 1 || typeof kf.storeId !== 'string' || !Array.isArray(kf.slots)) {
    throw new WorkbenchError('bad-input', `${keyPath} is not a Baseline Workbench key file.`);
  }
  return kf as KeyFile;
}

export function writeKeyFile(keyPath: string, keyFile: KeyFile): void {
  const tmp = `${keyPath}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(keyFile, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, keyPath);
}

/** A new passphrase is checked for more than length (see passphrase-rules.ts). */
export const checkPassphrase = checkNewPassphrase;

/** A new store's key file: one slot, for the first analyst. */
export function newKeyFile(passphrase: string, user = 'analyst'): { keyFile: KeyFile; dataKey: Buffer } {
  checkPassphrase(passphrase);
  const dataKey = randomBytes(32);
  const storeId = randomUUID();
  const owner: SlotOwner = { user, role: 'analyst', organisation: null };
  return {
    dataKey,
    keyFile: { format: FORMAT, version: 1, storeId, slots: [wrapKey(dataKey, passphrase, 'passphrase', owner, storeId)] },
  };
}

export const keyFileExists = (keyPath: string): boolean => existsSync(keyPath);
