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

/**
 * The keys a slot can hold, besides its own secret. Analysts (and the recovery code) hold the data
 * key and the audit key; other roles hold less (see key-hierarchy.ts).
 */
export type HeldKey = 'data' | 'audit' | 'aggregates' | 'reply';

export interface KeySlot extends SlotOwner {
  id: string;
  kind: 'passphrase' | 'recovery';
  /**
   * 2: the slot wraps its own secret followed by the keys in `holds` and is certified in the key
   * file's seal. Absent: a slot from before sealing, wrapping the data key alone.
   */
  v?: 2;
  holds?: HeldKey[];
  /**
   * A partner who submits: the public half of the key pair whose private half the slot holds
   * ('reply'). What came of their submissions is sealed to it; certified with the slot.
   */
  publicKey?: string;
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
  /**
   * The audit chain's last event, kept outside the store so truncating the chain is detected;
   * `mac` (under the audit key) authenticates it once the store is sealed.
   */
  auditHead?: { id: number; hash: string; mac?: string };
  /** Which slots the app wrote, authenticated under the audit key (key-hierarchy.ts). Absent before sealing. */
  seal?: KeySeal;
  /** The aggregates store's key (aggregates/key.ts), wrapped under the audit key: every analyst holds it. */
  aggregates?: { iv: string; data: string; tag: string };
  /** The key pair partners seal submissions to (inbox/inbox.ts); its private half under the audit key. */
  inbox?: { publicKey: string; privateKey: { iv: string; data: string; tag: string }; mac: string };
  /** Wrong passphrases since the last sign-in (a count and a time), for the CLI's back-off. */
  signInFailures?: { count: number; lastAt: string };
}

export interface KeySeal {
  /** HMAC of the store id under the audit key: proves an unwrapped audit key is this store's. */
  check: string;
  /** Per slot id: a commitment to the slot's own secret and a MAC over who the slot lets in. */
  slots: Record<string, { commit: string; mac: string }>;
}

/** What a slot unwraps: its own secret (sealed slots only) and the keys it holds. */
export interface SlotKeys {
  secret: Buffer | null;
  data: Buffer | null;
  audit: Buffer | null;
  /** Co-ordinators: the aggregates store's key, and no other. */
  aggregates?: Buffer | null;
  /** Partners who submit: the private key their submissions' results are sealed to (X25519, raw). */
  reply?: Buffer | null;
}

const slotAad = (storeId: string, kind: KeySlot['kind'], owner: SlotOwner, holds?: HeldKey[]): Buffer =>
  Buffer.from(JSON.stringify(holds ? [storeId, kind, owner.user, owner.role, owner.organisation, 2, holds] : [storeId, kind, owner.user, owner.role, owner.organisation]));

function deriveKek(passphrase: string, kdf: KeySlot['kdf']): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
}

/** A slot from before sealing: the data key alone (kept for reading old key files and in tests). */
export function wrapKey(dataKey: Buffer, passphrase: string, kind: KeySlot['kind'], owner: SlotOwner, storeId: string): KeySlot {
  return wrapPayload(dataKey, passphrase, kind, owner, storeId, undefined);
}

/** A sealed slot: its own secret followed by the keys it holds, in `holds` order. */
export function wrapKeys(keys: { secret: Buffer } & Partial<Record<HeldKey, Buffer>>, holds: HeldKey[], passphrase: string, kind: KeySlot['kind'], owner: SlotOwner, storeId: string, id?: string): KeySlot {
  const parts = [keys.secret, ...holds.map((h) => keys[h])];
  if (parts.some((p) => p?.length !== 32)) throw new Error('every key in a slot is 32 bytes');
  return wrapPayload(Buffer.concat(parts as Buffer[]), passphrase, kind, owner, storeId, holds, id);
}

function wrapPayload(payload: Buffer, passphrase: string, kind: KeySlot['kind'], owner: SlotOwner, storeId: string, holds: HeldKey[] | undefined, id: string = randomUUID()): KeySlot {
  const kdf = { ...KDF, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKek(passphrase, kdf), iv);
  cipher.setAAD(slotAad(storeId, kind, owner, holds));
  const wrapped = Buffer.concat([cipher.update(payload), cipher.final()]);
  return {
    id,
    kind,
    user: owner.user,
    role: owner.role,
    organisation: owner.organisation,
    ...(holds ? { v: 2 as const, holds: [...holds] } : {}),
    kdf,
    iv: iv.toString('base64'),
    wrapped: wrapped.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    createdAt: new Date().toISOString(),
  };
}

/** The data key a slot holds (null when the passphrase is wrong or the slot holds none). */
export function tryUnwrap(slot: KeySlot, passphrase: string, storeId: string): Buffer | null {
  return tryUnwrapKeys(slot, passphrase, storeId)?.data ?? null;
}

export function tryUnwrapKeys(slot: KeySlot, passphrase: string, storeId: string): SlotKeys | null {
  let payload: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKek(passphrase, slot.kdf), Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(slotAad(storeId, slot.kind, slot, slot.v === 2 ? slot.holds ?? [] : undefined));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    payload = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
  if (slot.v !== 2) return payload.length === 32 ? { secret: null, data: payload, audit: null, aggregates: null } : null;
  const holds = slot.holds ?? [];
  if (payload.length !== 32 * (holds.length + 1)) return null;
  const part = (h: HeldKey): Buffer | null => {
    const i = holds.indexOf(h);
    return i < 0 ? null : payload.subarray(32 * (i + 1), 32 * (i + 2));
  };
  return { secret: payload.subarray(0, 32), data: part('data'), audit: part('audit'), aggregates: part('aggregates'), reply: part('reply') };
}

/**
 * Opens the slot this passphrase unlocks (only that user's slots when a user is named) and
 * returns the data key with who it belongs to; `wrong-passphrase` when none opens.
 */
export function openSlot(keyFile: KeyFile, passphrase: string, keyPath: string, user?: string): { dataKey: Buffer | null; slot: KeySlot; keys: SlotKeys } {
  // Only passphrase slots sign anyone in: a recovery code resets a passphrase, nothing more.
  const slots = keyFile.slots.filter((s) => s.kind === 'passphrase' && (user === undefined || s.user === user));
  if (user !== undefined && slots.length === 0) {
    throw new WorkbenchError('wrong-passphrase', `No user named "${user}" in the store whose keys are in ${keyPath}. Nothing was changed.`);
  }
  for (const slot of slots) {
    const keys = tryUnwrapKeys(slot, passphrase, keyFile.storeId);
    if (!keys) continue;
    // A co-ordinator holds the aggregates store's key only: the caller opens that instead.
    if (!keys.data && keys.aggregates) return { dataKey: null, slot, keys };
    // A partner who submits holds no key that reads the store.
    if (!keys.data) {
      throw new WorkbenchError('forbidden', `${slot.user} is a partner who submits extracts: their passphrase does not open the store. Use "inbox submit FILE" and "inbox status". Nothing was changed.`);
    }
    return { dataKey: keys.data, slot, keys };
  }
  throw new WorkbenchError('wrong-passphrase', `Wrong passphrase for the store whose keys are in ${keyPath}. Nothing was changed.`);
}

export function unwrapDataKey(keyFile: KeyFile, passphrase: string, keyPath: string): Buffer {
  const { dataKey, slot } = openSlot(keyFile, passphrase, keyPath);
  if (!dataKey) throw new WorkbenchError('forbidden', `${slot.user} holds the aggregates store's key only: their passphrase does not open the store. Nothing was changed.`);
  return dataKey;
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

/** An empty key file for a new store; the first analyst's slot is added by key-hierarchy.ts. */
export function emptyKeyFile(): KeyFile {
  return { format: FORMAT, version: 1, storeId: randomUUID(), slots: [] };
}

export const keyFileExists = (keyPath: string): boolean => existsSync(keyPath);
