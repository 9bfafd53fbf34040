// Local users are key slots: each user's passphrase wraps the one data key, so adding a user or
// changing a passphrase edits the key file and never the store.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { checkPassphrase, openSlot, readKeyFile, ROLES, wrapKey, wrapKeys, writeKeyFile, type KeyFile, type SlotOwner } from './keyslots.js';
import { addCertifiedSlot, withoutSlots } from './key-hierarchy.js';
import { newReplyKey } from '../inbox/partner-keys.js';
import type { Store } from './store.js';

export interface UserSummary extends SlotOwner {
  createdAt: string;
}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._'-]{0,62}$/;

function requireAnalyst(store: Store, what: string): void {
  if (store.session.role !== 'analyst') throw new WorkbenchError('forbidden', `Only an analyst can ${what}.`);
}

export function listUsers(store: Store): UserSummary[] {
  return readKeyFile(store.keyPath)
    .slots.filter((s) => s.kind === 'passphrase')
    .map((s) => ({ user: s.user, role: s.role, organisation: s.organisation, createdAt: s.createdAt }));
}

export function addUser(store: Store, owner: SlotOwner, passphrase: string, options: { submitOnly?: boolean } = {}): UserSummary {
  requireAnalyst(store, 'add users');
  if (!USER_NAME.test(owner.user)) throw new WorkbenchError('bad-input', 'A user name is 1–63 letters, digits, spaces, dots, hyphens or apostrophes.');
  if (!ROLES.includes(owner.role)) throw new WorkbenchError('bad-input', `A role is one of ${ROLES.join(', ')}.`);
  if (owner.role === 'partner' && !owner.organisation?.trim()) throw new WorkbenchError('bad-input', 'A partner user needs the organisation they import for.');
  if (options.submitOnly && owner.role !== 'partner') throw new WorkbenchError('bad-input', 'Only a partner can be a user who submits without reading the store.');
  checkPassphrase(passphrase);
  const keyFile = readKeyFile(store.keyPath);
  if (options.submitOnly && !keyFile.seal) throw new WorkbenchError('conflict', 'This key file is not sealed yet: sign in again as an analyst first.');
  if (keyFile.slots.some((s) => s.user === owner.user)) throw new WorkbenchError('conflict', `There is already a user named "${owner.user}".`);
  // A shared passphrase would make unlocking ambiguous: whichever slot opened first would decide
  // who is signed in. Trying every slot costs one KDF each, which is fine for a handful of users.
  if (passphraseInUse(keyFile, passphrase, store.keyPath)) throw new WorkbenchError('conflict', 'Another user already has that passphrase: choose a different one.');
  const organisation = owner.role === 'partner' ? (owner.organisation?.trim() ?? null) : null;
  const who: SlotOwner = { user: owner.user, role: owner.role, organisation };
  let slot;
  if (keyFile.seal) {
    // Certifying a slot needs the audit key, which only an analyst's own passphrase unwraps.
    if (!store.auditKey) throw new WorkbenchError('forbidden', 'Only an analyst signed in with their own passphrase can add users.');
    // A partner who submits holds no key of the store's, only the private half of their own key
    // pair: what came of their submissions is sealed to its public half.
    const reply = options.submitOnly ? newReplyKey() : null;
    const added = addCertifiedSlot(
      keyFile,
      { data: store.dataKey, audit: store.auditKey, aggregates: store.aggregatesKey, reply: reply?.reply ?? null },
      passphrase,
      'passphrase',
      who,
      reply ? { holds: ['reply'], publicKey: reply.publicKey } : {},
    );
    reply?.reply.fill(0);
    slot = added.slot;
    writeKeyFile(store.keyPath, added.keyFile);
  } else {
    slot = wrapKey(store.dataKey, passphrase, 'passphrase', who, keyFile.storeId);
    writeKeyFile(store.keyPath, { ...keyFile, slots: [...keyFile.slots, slot] });
  }
  // Account names are staff identifiers, not data about the people in the extracts.
  store.audit(store.session.user, 'user-added', { user: owner.user, role: owner.role, slotId: slot.id, holds: (slot.holds ?? ['data']).join(',') });
  // A co-ordinator signs in to the aggregates store: it is filled before they first do.
  if (owner.role === 'co-ordinator') store.refreshAggregates();
  return { user: slot.user, role: slot.role, organisation: slot.organisation, createdAt: slot.createdAt };
}

/** Whether some user's passphrase slot already opens with this passphrase. */
export function passphraseInUse(keyFile: KeyFile, passphrase: string, keyPath: string): boolean {
  try {
    openSlot(keyFile, passphrase, keyPath);
    return true;
  } catch {
    return false;
  }
}

export function removeUser(store: Store, user: string): void {
  requireAnalyst(store, 'remove users');
  const keyFile = readKeyFile(store.keyPath);
  // Only users: the recovery code's slot is replaced by making a new code, never removed as a user.
  const target = keyFile.slots.filter((s) => s.kind === 'passphrase' && s.user === user);
  if (target.length === 0) throw new WorkbenchError('not-found', `There is no user named "${user}".`);
  const analystsLeft = keyFile.slots.filter((s) => s.kind === 'passphrase' && s.role === 'analyst' && s.user !== user);
  if (analystsLeft.length === 0) throw new WorkbenchError('forbidden', 'The last analyst cannot be removed: nobody could manage the store.');
  writeKeyFile(store.keyPath, withoutSlots(keyFile, target.map((s) => s.id)));
  store.audit(store.session.user, 'user-removed', { user, role: target[0]?.role ?? null, slotId: target[0]?.id ?? null });
}

/** A user changes their own passphrase; the old one must open their slot first. */
export function changePassphrase(store: Store, user: string, oldPassphrase: string, newPassphrase: string): void {
  if (user !== store.session.user) requireAnalyst(store, "change another user's passphrase");
  checkPassphrase(newPassphrase);
  const keyFile = readKeyFile(store.keyPath);
  const { slot, keys } = openSlot(keyFile, oldPassphrase, store.keyPath, user);
  const owner: SlotOwner = { user: slot.user, role: slot.role, organisation: slot.organisation };
  // A sealed slot keeps its id and secret, so its certificate still holds: any user can change
  // their own passphrase without the audit key.
  const fresh =
    slot.v === 2 && keys.secret
      ? wrapKeys({ secret: keys.secret, data: keys.data ?? undefined, audit: keys.audit ?? undefined, aggregates: keys.aggregates ?? undefined, reply: keys.reply ?? undefined }, slot.holds ?? [], newPassphrase, 'passphrase', owner, keyFile.storeId, slot.id)
      : wrapKey(store.requireDataKey(), newPassphrase, 'passphrase', owner, keyFile.storeId);
  // The public key stays: it is certified with the slot, and the private half is carried over.
  writeKeyFile(store.keyPath, { ...keyFile, slots: keyFile.slots.map((s) => (s.id === slot.id ? { ...fresh, ...(s.publicKey !== undefined ? { publicKey: s.publicKey } : {}), createdAt: s.createdAt } : s)) });
  store.audit(store.session.user, 'passphrase-changed', { slotId: slot.id });
}
