// What each kind of key slot lets its holder read with a copy of the store and its key file —
// outside the app, where roles no longer guard the doors. Derived from the keys each slot holds.
import { readKeyFile, type KeySlot } from '../store/keyslots.js';
import type { Store } from '../store/store.js';

export interface AccessLine {
  /** Who: a role, and how its slots are made. */
  holder: string;
  users: number;
  /** The keys the slot unwraps. */
  holds: string;
  /** What a copy of the files lets that person read or do. */
  reaches: string;
}

const KEY_NAMES: Record<string, string> = { data: 'data key', audit: 'audit key', aggregates: 'aggregates key', reply: 'their own key pair’s private key' };

/** Analysts (and the recovery code) reach the aggregates key through the audit key it is wrapped under. */
const heldKeys = (slot: KeySlot): string[] => {
  const holds = slot.v === 2 ? (slot.holds ?? []) : ['data'];
  return holds.includes('audit') && !holds.includes('aggregates') ? [...holds, 'aggregates'] : holds;
};

function reachOf(slot: KeySlot): { holder: string; reaches: string } {
  const holds = heldKeys(slot);
  if (slot.kind === 'recovery') {
    return { holder: 'Recovery code', reaches: 'Every record, the aggregates store and the audit trail; it is used only to set a new passphrase, which is audited, and is then used up.' };
  }
  if (holds.includes('aggregates') && !holds.includes('data')) {
    return {
      holder: slot.role,
      reaches:
        'No person-level row: opens the aggregates store only (areas, cohort counts by criterion and area, outcome statuses by pseudonymous family ID, neighbourhood measures and board pack figures, each already disclosure-controlled). Their audit events wait in its journal until an analyst signs in.',
    };
  }
  if (!holds.includes('data')) {
    return {
      holder: `${slot.role} who submits`,
      reaches: holds.includes('reply')
        ? 'No person-level row of the store: can seal extracts into the inbox (only an analyst can open them), read the status receipts of their organisation’s submissions, and open what came of each (counts, and the quarantined rows with their reasons: their own rows, sealed to their key pair). Not another organisation’s.'
        : 'No person-level row: can seal extracts into the inbox (only an analyst can open them) and read the status receipts (counts only) of their organisation’s submissions. Added before partners had a key pair: add them again to let them read their quarantined rows.',
    };
  }
  if (slot.role === 'analyst') {
    return { holder: 'analyst', reaches: 'Every record in the store, the aggregates store, the audit trail (and can extend it), the inbox, and can certify new users.' };
  }
  const inApp = slot.role === 'partner' ? 'their own organisation’s sources' : 'aggregates and pseudonymous family lists';
  return {
    holder: slot.role,
    reaches: `Every record in the store (the ${KEY_NAMES.data} opens all of it); the app shows them ${inApp} only, but a copy of the files is not limited by the app. Cannot alter the audit trail or add users unnoticed.`,
  };
}

/** One line per kind of slot in the key file, with how many users hold it. */
export function accessByRole(store: Store): AccessLine[] {
  const lines = new Map<string, AccessLine>();
  for (const slot of readKeyFile(store.keyPath).slots) {
    const { holder, reaches } = reachOf(slot);
    const holds = heldKeys(slot).map((h) => KEY_NAMES[h] ?? h).join(', ') || 'no key of the store’s';
    const key = `${holder}|${holds}`;
    const line = lines.get(key) ?? { holder, users: 0, holds, reaches };
    line.users += slot.kind === 'passphrase' ? 1 : 0;
    lines.set(key, line);
  }
  return [...lines.values()];
}
