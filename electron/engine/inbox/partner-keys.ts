// Each partner who submits has a key pair of their own: the private half is held in their key
// slot (under their passphrase), the public half is certified with the slot under the audit key.
// What came of a submission — its status, counts and the quarantined rows with their reasons,
// which are the partner's own rows — is sealed to it when an analyst takes the submission in, so
// the partner reads that and nothing else, with or without the app.
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { uncertifiedSlots } from '../store/key-hierarchy.js';
import type { KeyFile, KeySlot } from '../store/keyslots.js';
import type { InboxKeyPair } from './sealed-box.js';

// An X25519 private key in PKCS#8 DER is this fixed prefix followed by the 32 raw bytes (RFC 8410).
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The key pair whose 32-byte private half (`raw`) a partner's slot holds as its 'reply' key. */
export function replyKeyPair(raw: Buffer): InboxKeyPair {
  const privateKey = Buffer.concat([PKCS8_X25519_PREFIX, raw]);
  const publicKey = createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' }).toString('base64');
  return { publicKey, privateKey };
}

/** A fresh reply key for a new partner slot: the raw private key and its public half. */
export function newReplyKey(): { reply: Buffer; publicKey: string } {
  const reply = randomBytes(32);
  return { reply, publicKey: replyKeyPair(reply).publicKey };
}

/**
 * The partner slots of `organisation` whose public key an analyst's audit key certifies: a key
 * someone wrote into the key file is not sealed to (they would read a partner's rows).
 */
export function certifiedRecipients(keyFile: KeyFile, auditKey: Buffer, organisation: string): Array<KeySlot & { publicKey: string }> {
  const forged = new Set(uncertifiedSlots(keyFile, auditKey).map((s) => s.id));
  return keyFile.slots.filter(
    (s): s is KeySlot & { publicKey: string } =>
      s.kind === 'passphrase' && s.role === 'partner' && (s.organisation ?? s.user) === organisation && typeof s.publicKey === 'string' && (s.holds ?? []).includes('reply') && !forged.has(s.id),
  );
}
