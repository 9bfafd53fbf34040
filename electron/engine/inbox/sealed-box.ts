// Sealing a partner's extract to the store: X25519 key agreement with a fresh ephemeral key,
// HKDF-SHA256, then AES-256-GCM, all from Node's crypto. Only the holder of the store's inbox
// private key (analysts: it is wrapped under the audit key) can open what a partner sealed; the
// partner who sealed it cannot open it again, and needs no key of the store's to seal it.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

const INFO = Buffer.from('baseline-workbench inbox v1');

export interface InboxKeyPair {
  /** SPKI DER, base64. */
  publicKey: string;
  /** PKCS#8 DER. Never written unwrapped. */
  privateKey: Buffer;
}

export function newInboxKeyPair(): InboxKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

export interface Sealed {
  /** The sender's ephemeral public key, SPKI DER base64. */
  ephemeral: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

const publicKeyOf = (spkiBase64: string): KeyObject => createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });

function contentKey(shared: Buffer, ephemeral: string, recipient: string): Buffer {
  // Both public keys in the salt bind the key to this exchange.
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([Buffer.from(ephemeral, 'base64'), Buffer.from(recipient, 'base64')]), INFO, 32));
}

/** Seals `plaintext` to `recipientPublicKey`; `aad` (the envelope's header) is authenticated, not hidden. */
export function seal(plaintext: Buffer, recipientPublicKey: string, aad: Buffer): Sealed {
  const eph = generateKeyPairSync('x25519');
  const ephemeral = eph.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyOf(recipientPublicKey) });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey(shared, ephemeral, recipientPublicKey), iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ephemeral, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Opens a sealed box; null when it was not sealed to this key or was altered. */
export function open(sealed: Sealed, recipient: InboxKeyPair, aad: Buffer): Buffer | null {
  try {
    const privateKey = createPrivateKey({ key: recipient.privateKey, format: 'der', type: 'pkcs8' });
    const shared = diffieHellman({ privateKey, publicKey: publicKeyOf(sealed.ephemeral) });
    const decipher = createDecipheriv('aes-256-gcm', contentKey(shared, sealed.ephemeral, recipient.publicKey), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
