// The aggregates store's key. It is random, like the data key, and kept in the key file wrapped
// under the audit key: every analyst (and the recovery code) reaches it through the audit key they
// hold, so adding the aggregates store to an older key file re-wraps nobody's slot. Co-ordinators'
// slots hold it directly, and nothing else.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyFile } from '../store/keyslots.js';

const aad = (storeId: string): Buffer => Buffer.from(JSON.stringify(['aggregates-key', storeId]));

/** The aggregates key of this key file, or null when it has none yet (or the audit key is not this store's). */
export function aggregatesKeyOf(keyFile: KeyFile, auditKey: Buffer): Buffer | null {
  const wrapped = keyFile.aggregates;
  if (!wrapped) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', auditKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(aad(keyFile.storeId));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

/** A key file with a new aggregates key wrapped under the audit key, and that key. */
export function withNewAggregatesKey(keyFile: KeyFile, auditKey: Buffer): { keyFile: KeyFile; key: Buffer } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', auditKey, iv);
  cipher.setAAD(aad(keyFile.storeId));
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return { key, keyFile: { ...keyFile, aggregates: { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') } } };
}
