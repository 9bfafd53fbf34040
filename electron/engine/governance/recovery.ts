// The recovery code (DESIGN §2): one optional extra key slot, wrapped under a printed code, that
// lets a forgotten passphrase be replaced. It never signs anyone in by itself: using it sets a
// new passphrase for a named user, is audited, and uses the code up.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { aggregatesKeyOf } from '../aggregates/key.js';
import { addCertifiedSlot, checkSlot, RECOVERY_HOLDS, withoutSlots } from '../store/key-hierarchy.js';
import { newReplyKey } from '../inbox/partner-keys.js';
import { checkPassphrase, readKeyFile, tryUnwrapKeys, wrapKey, writeKeyFile, type KeyFile, type SlotKeys, type SlotOwner } from '../store/keyslots.js';
import { keyFilePath } from '../store/paths.js';
import { Store } from '../store/store.js';
import { passphraseInUse } from '../store/users.js';

// Crockford's base32: no I, L, O or U, so nothing reads as another character when typed back.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 5;
/** 25 characters of 5 bits: 125 bits, out of reach of guessing even without the KDF. */
export const RECOVERY_CODE_BITS = GROUPS * GROUP_LENGTH * 5;

// The slot's owner is bound into its wrap like any other; the name cannot be a user's (they
// start with a letter or digit), so no user command can reach it.
const RECOVERY_OWNER: SlotOwner = { user: '(recovery code)', role: 'analyst', organisation: null };

export interface RecoveryStatus {
  exists: boolean;
  createdAt: string | null;
}

/** A fresh code, e.g. `7KQ2M-D9XRT-…`, grouped for reading aloud and typing back. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  // 256 is a multiple of 32, so taking the low five bits keeps every character equally likely.
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/**
 * The canonical form of a typed code: case, spaces and hyphens do not matter, and the letters
 * Crockford's alphabet leaves out are read as the digits they look like. Null when it cannot be a code.
 */
export function normaliseRecoveryCode(typed: string): string | null {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== GROUPS * GROUP_LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  return chars.match(/.{5}/g)!.join('-');
}

export function recoveryStatus(keyPath: string): RecoveryStatus {
  const slot = readKeyFile(keyPath).slots.find((s) => s.kind === 'recovery');
  return { exists: slot !== undefined, createdAt: slot?.createdAt ?? null };
}

/** Makes a new recovery code for the open store, replacing any earlier one. Shown once, never stored. */
export function createRecoveryCode(store: Store): { code: string; createdAt: string; replaced: boolean } {
  if (store.session.role !== 'analyst') throw new WorkbenchError('forbidden', 'Only an analyst can create a recovery code.');
  const code = newRecoveryCode();
  const keyFile = readKeyFile(store.keyPath);
  const earlier = keyFile.slots.filter((s) => s.kind === 'recovery');
  const replaced = earlier.length > 0;
  let slot;
  if (keyFile.seal) {
    if (!store.auditKey) throw new WorkbenchError('forbidden', 'Only an analyst signed in with their own passphrase can create a recovery code.');
    const added = addCertifiedSlot(withoutSlots(keyFile, earlier.map((s) => s.id)), { data: store.dataKey, audit: store.auditKey }, code, 'recovery', RECOVERY_OWNER, { holds: RECOVERY_HOLDS });
    slot = added.slot;
    writeKeyFile(store.keyPath, added.keyFile);
  } else {
    slot = wrapKey(store.dataKey, code, 'recovery', RECOVERY_OWNER, keyFile.storeId);
    writeKeyFile(store.keyPath, { ...keyFile, slots: [...keyFile.slots.filter((s) => s.kind !== 'recovery'), slot] });
  }
  store.audit(store.session.user, 'recovery-code-created', { replacedEarlierCode: replaced });
  return { code, createdAt: slot.createdAt, replaced };
}

/** The keys the code unwraps, or `wrong-passphrase` (as for a wrong passphrase: nothing changes). */
function openRecoverySlot(keyFile: KeyFile, typed: string, keyPath: string): SlotKeys & { data: Buffer } {
  const code = normaliseRecoveryCode(typed);
  const slot = keyFile.slots.find((s) => s.kind === 'recovery');
  if (!slot) throw new WorkbenchError('not-found', 'This store has no recovery code. Ask an analyst who can still unlock it to reset your passphrase.');
  const keys = code === null ? null : tryUnwrapKeys(slot, code, keyFile.storeId);
  if (!keys?.data) throw new WorkbenchError('wrong-passphrase', `That recovery code does not open the store whose keys are in ${keyPath}. Nothing was changed.`);
  checkSlot(keyFile, slot, keys);
  return { ...keys, data: keys.data };
}

/** Checks a recovery code and names the users whose passphrase it could reset. */
export function recoveryUsers(storePath: string, code: string): SlotOwner[] {
  const keyPath = keyFilePath(storePath);
  const keyFile = readKeyFile(keyPath);
  openRecoverySlot(keyFile, code, keyPath).data.fill(0);
  return keyFile.slots.filter((s) => s.kind === 'passphrase').map((s) => ({ user: s.user, role: s.role, organisation: s.organisation }));
}

export interface RecoveryReset {
  /** Whose passphrase was replaced; the first analyst when none was named. */
  user: string;
  /** Failed recovery attempts since the last success, recorded now the store can be written. */
  failedAttemptsBefore: number;
}

/**
 * Replaces `user`'s passphrase (the first analyst's when none is named) using the recovery code,
 * writes an audit event, and removes the code: a code that has been typed in may have been seen.
 */
export function resetWithRecoveryCode(storePath: string, typedCode: string, user: string | undefined, newPassphrase: string, failedAttemptsBefore = 0): RecoveryReset {
  if (!existsSync(storePath)) throw new WorkbenchError('store-missing', `There is no store at ${storePath}.`);
  checkPassphrase(newPassphrase);
  const keyPath = keyFilePath(storePath);
  const keyFile = readKeyFile(keyPath);
  const keys = openRecoverySlot(keyFile, typedCode, keyPath);
  const dataKey = keys.data;
  try {
    const target = keyFile.slots.find((s) => s.kind === 'passphrase' && (user === undefined ? s.role === 'analyst' : s.user === user));
    if (!target) throw new WorkbenchError('not-found', user === undefined ? 'This store has no analyst to reset.' : `There is no user named "${user}".`);
    const others: KeyFile = { ...keyFile, slots: keyFile.slots.filter((s) => s.id !== target.id) };
    if (passphraseInUse(others, newPassphrase, keyPath)) throw new WorkbenchError('conflict', 'Another user already has that passphrase: choose a different one.');
    // Open the store first: a code from another store's key file must not rewrite this one.
    const store = Store.openWithKey(storePath, dataKey, false, target, keys.audit ?? undefined);
    try {
      if (keyFile.seal && keys.audit) {
        // A fresh, certified slot for the user (the old one's secret is locked under the forgotten passphrase).
        const recovery = keyFile.slots.filter((s) => s.kind === 'recovery').map((s) => s.id);
        // The slot keeps what it held (a partner who submits must not gain the data key); a
        // partner's reply key is new, as the old one is locked under the forgotten passphrase.
        const holds = target.v === 2 ? (target.holds ?? []) : undefined;
        const reply = holds?.includes('reply') ? newReplyKey() : null;
        const added = addCertifiedSlot(
          withoutSlots(keyFile, recovery),
          { data: dataKey, audit: keys.audit, aggregates: aggregatesKeyOf(keyFile, keys.audit), reply: reply?.reply ?? null },
          newPassphrase,
          'passphrase',
          target,
          { replaces: target.id, ...(holds ? { holds } : {}), ...(reply ? { publicKey: reply.publicKey } : {}) },
        );
        reply?.reply.fill(0);
        writeKeyFile(keyPath, added.keyFile);
      } else {
        const fresh = wrapKey(dataKey, newPassphrase, 'passphrase', target, keyFile.storeId);
        const slots = keyFile.slots.map((s) => (s.id === target.id ? fresh : s)).filter((s) => s.kind !== 'recovery');
        writeKeyFile(keyPath, { ...keyFile, slots });
      }
      store.audit(target.user, 'passphrase-reset-with-recovery-code', { user: target.user, failedAttemptsBefore });
    } finally {
      store.close();
    }
    return { user: target.user, failedAttemptsBefore };
  } finally {
    dataKey.fill(0);
    keys.audit?.fill(0);
  }
}
