// Who holds which key, and the seal that says which key slots the app wrote.
//
// - The data key encrypts the store. Analysts (and the recovery code) hold it; so, for now, do
//   partners who read their own sources. Co-ordinators hold the aggregates key only: it opens the
//   aggregates store (aggregates/), never the main store; analysts reach it through the audit key.
// - The audit key is held by analysts only. It keys the audit chain (audit.ts), authenticates
//   the chain head kept in the key file, and certifies every key slot: each slot wraps a secret of
//   its own, and the seal keeps a commitment to that secret with a MAC over who the slot lets in.
//   Someone who holds the data key but not the audit key (a former partner with an old copy of
//   the key file) cannot add a slot the app accepts, nor rewrite the trail unnoticed.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../../shared/domain/roles.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { checkPassphrase, emptyKeyFile, wrapKeys, type HeldKey, type KeyFile, type KeySlot, type SlotKeys, type SlotOwner } from './keyslots.js';

/** What each role's slot holds besides its own secret. */
export const ROLE_HOLDS: Readonly<Record<Role, HeldKey[]>> = {
  analyst: ['data', 'audit'],
  'co-ordinator': ['aggregates'],
  partner: ['data'],
};
/** The recovery code can reset an analyst's passphrase, so it holds what an analyst holds. */
export const RECOVERY_HOLDS: HeldKey[] = ['data', 'audit'];

/** An HMAC-SHA256 over a list of values (JSON keeps their boundaries unambiguous). */
export function macOf(key: Buffer, parts: unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const commitOf = (secret: Buffer): string => createHash('sha256').update(secret).digest('hex');

const entryMac = (auditKey: Buffer, storeId: string, slot: KeySlot, commit: string): string =>
  // A partner's public key is certified with their slot (slots without one keep their old MAC).
  macOf(auditKey, ['slot', storeId, slot.id, slot.kind, slot.user, slot.role, slot.organisation, slot.holds ?? [], commit, ...(slot.publicKey !== undefined ? [slot.publicKey] : [])]);

export const sealCheck = (auditKey: Buffer, storeId: string): string => macOf(auditKey, ['check', storeId]);

/** Whether this key file has been sealed (every store made or unlocked by an analyst since sealing). */
export const isSealed = (keyFile: KeyFile): boolean => keyFile.seal !== undefined;

/** Adds a sealed slot for `owner` (holding what their role holds), certified under the audit key. */
export function addCertifiedSlot(
  keyFile: KeyFile,
  keys: { data: Buffer; audit: Buffer; aggregates?: Buffer | null; reply?: Buffer | null },
  passphrase: string,
  kind: KeySlot['kind'],
  owner: SlotOwner,
  /**
   * `replaces`: the slot the new one takes the place of (a reset passphrase), keeping the users'
   * order. `publicKey`: the public half of the `reply` key the slot holds.
   */
  options: { holds?: HeldKey[]; id?: string; secret?: Buffer; replaces?: string; publicKey?: string } = {},
): { keyFile: KeyFile; slot: KeySlot } {
  const holds = options.holds ?? ROLE_HOLDS[owner.role];
  const secret = options.secret ?? randomBytes(32);
  if (holds.includes('aggregates') && !keys.aggregates) throw new WorkbenchError('conflict', 'This store has no aggregates key yet: sign in again as an analyst first.');
  if (holds.includes('reply') && (!keys.reply || options.publicKey === undefined)) throw new Error('a slot holding a reply key needs the key and its public half');
  const wrapped = wrapKeys({ secret, data: keys.data, audit: keys.audit, ...(keys.aggregates ? { aggregates: keys.aggregates } : {}), ...(keys.reply ? { reply: keys.reply } : {}) }, holds, passphrase, kind, owner, keyFile.storeId, options.id);
  const slot: KeySlot = options.publicKey !== undefined ? { ...wrapped, publicKey: options.publicKey } : wrapped;
  const seal = keyFile.seal ?? { check: sealCheck(keys.audit, keyFile.storeId), slots: {} };
  const commit = commitOf(secret);
  const replaced = options.replaces ?? slot.id;
  const certified = Object.fromEntries(Object.entries(seal.slots).filter(([id]) => id !== replaced));
  const at = keyFile.slots.findIndex((s) => s.id === replaced);
  const slots = at < 0 ? [...keyFile.slots, slot] : keyFile.slots.map((s, i) => (i === at ? { ...slot, createdAt: s.createdAt } : s));
  return {
    slot,
    keyFile: { ...keyFile, slots, seal: { ...seal, slots: { ...certified, [slot.id]: { commit, mac: entryMac(keys.audit, keyFile.storeId, slot, commit) } } } },
  };
}

/** Removes slots and their certificates. */
export function withoutSlots(keyFile: KeyFile, ids: readonly string[]): KeyFile {
  const slots = keyFile.slots.filter((s) => !ids.includes(s.id));
  if (!keyFile.seal) return { ...keyFile, slots };
  const certified = Object.fromEntries(Object.entries(keyFile.seal.slots).filter(([id]) => !ids.includes(id)));
  return { ...keyFile, slots, seal: { ...keyFile.seal, slots: certified } };
}

/** A new store's key file: the data key, the audit key and one slot, for the first analyst. */
export function newSealedKeyFile(passphrase: string, user: string): { keyFile: KeyFile; dataKey: Buffer; auditKey: Buffer; slot: KeySlot } {
  checkPassphrase(passphrase);
  const dataKey = randomBytes(32);
  const auditKey = randomBytes(32);
  const { keyFile, slot } = addCertifiedSlot(emptyKeyFile(), { data: dataKey, audit: auditKey }, passphrase, 'passphrase', { user, role: 'analyst', organisation: null });
  return { keyFile: { ...keyFile, auditHead: sealedHead(auditKey, keyFile.storeId, GENESIS_HEAD) }, dataKey, auditKey, slot };
}

/** The head of an empty trail: a sealed key file always has a head, so removing it is evidence. */
export const GENESIS_HEAD = { id: 0, hash: '0'.repeat(64) } as const;

export const headMac = (auditKey: Buffer, storeId: string, head: { id: number; hash: string }): string => macOf(auditKey, ['head', storeId, head.id, head.hash]);

export const sealedHead = (auditKey: Buffer, storeId: string, head: { id: number; hash: string }): { id: number; hash: string; mac: string } => ({
  id: head.id,
  hash: head.hash,
  mac: headMac(auditKey, storeId, head),
});

const forged = (slot: KeySlot, why: string): WorkbenchError =>
  new WorkbenchError(
    'forbidden',
    `The key slot for "${slot.user}" (${slot.role}) was not written by Baseline Workbench (${why}), so it is refused. Nothing was changed. An analyst should check the users list and the audit trail.`,
  );

/**
 * Checks that a slot that has just unwrapped is one the app wrote. An analyst's slot is checked
 * in full (its audit key must be this store's, and its certificate must verify under it); other
 * roles cannot check MACs, so they check the commitment, and an analyst's next sign-in checks the
 * rest (`uncertifiedSlots`).
 */
export function checkSlot(keyFile: KeyFile, slot: KeySlot, keys: SlotKeys): void {
  const seal = keyFile.seal;
  if (!seal) return; // a key file from before sealing: the first analyst to sign in seals it
  const entry = seal.slots[slot.id];
  if (slot.v !== 2 || !keys.secret) throw forged(slot, 'it is in an old format the sealed key file does not accept');
  if (!entry) throw forged(slot, 'it is not in the key file’s sealed list of slots');
  if (!sameHex(entry.commit, commitOf(keys.secret))) throw forged(slot, 'its secret does not match the one the key file certifies');
  if (keys.audit) {
    if (!sameHex(seal.check, sealCheck(keys.audit, keyFile.storeId))) throw forged(slot, 'the audit key it holds is not this store’s');
    if (!sameHex(entry.mac, entryMac(keys.audit, keyFile.storeId, slot, entry.commit))) throw forged(slot, 'its certificate does not verify');
  }
}

/** Slots whose certificate is missing or does not verify under the audit key: not written by the app. */
export function uncertifiedSlots(keyFile: KeyFile, auditKey: Buffer): KeySlot[] {
  const seal = keyFile.seal;
  if (!seal) return [];
  return keyFile.slots.filter((slot) => {
    const entry = seal.slots[slot.id];
    return slot.v !== 2 || !entry || !sameHex(entry.mac, entryMac(auditKey, keyFile.storeId, slot, entry.commit));
  });
}

export interface SealMigration {
  keyFile: KeyFile;
  /** The unauthenticated head the key file held before sealing, checked against the trail on opening. */
  legacyHead: { id: number; hash: string } | null;
  auditKey: Buffer;
  slot: KeySlot;
  /** The slots that could not be carried over (their passphrases are not known here), by role. */
  removed: { analysts: number; coordinators: number; partners: number; recoveryCode: boolean };
}

/**
 * Seals a key file from before sealing, as its analyst signs in: a new audit key, the analyst's
 * slot re-wrapped with the same passphrase, and every other slot removed. Those slots held the
 * data key under passphrases nobody here knows, so they cannot be re-wrapped: their users are
 * added again (re-issued) by an analyst.
 */
export function sealLegacyKeyFile(keyFile: KeyFile, legacy: KeySlot, passphrase: string, dataKey: Buffer): SealMigration {
  const auditKey = randomBytes(32);
  const others = keyFile.slots.filter((s) => s.id !== legacy.id);
  const owner: SlotOwner = { user: legacy.user, role: legacy.role, organisation: legacy.organisation };
  const base: KeyFile = { ...keyFile, slots: [], auditHead: sealedHead(auditKey, keyFile.storeId, GENESIS_HEAD) };
  delete base.seal;
  const { keyFile: sealed, slot } = addCertifiedSlot(base, { data: dataKey, audit: auditKey }, passphrase, 'passphrase', owner);
  const passphraseSlots = others.filter((s) => s.kind === 'passphrase');
  return {
    keyFile: { ...sealed, slots: sealed.slots.map((s) => (s.id === slot.id ? { ...s, createdAt: legacy.createdAt } : s)) },
    legacyHead: keyFile.auditHead ? { id: keyFile.auditHead.id, hash: keyFile.auditHead.hash } : null,
    auditKey,
    slot,
    removed: {
      analysts: passphraseSlots.filter((s) => s.role === 'analyst').length,
      coordinators: passphraseSlots.filter((s) => s.role === 'co-ordinator').length,
      partners: passphraseSlots.filter((s) => s.role === 'partner').length,
      recoveryCode: others.some((s) => s.kind === 'recovery'),
    },
  };
}
