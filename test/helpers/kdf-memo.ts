// Test runs only: remembers scrypt's answers for the life of the test process (or CLI worker).
// Every store a test makes or opens derives a key from a passphrase with scrypt at the app's own
// cost (about 0.1 s a time), and the suite opens stores thousands of times with a handful of
// passphrases and salts. scrypt is a pure function, so answering a repeated question from memory
// changes no result: a wrong passphrase still derives its own (wrong) key and fails to unwrap.
// The app and the CLI never load this file; their cost per sign-in is the one users get.
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

const real = crypto.scryptSync;
const memo = new Map<string, Buffer>();

function keyOf(password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options?: crypto.ScryptOptions): string | null {
  if (typeof password !== 'string' && !Buffer.isBuffer(password)) return null;
  if (typeof salt !== 'string' && !Buffer.isBuffer(salt)) return null;
  const text = (v: string | Buffer): string => (typeof v === 'string' ? `s:${v}` : `b:${v.toString('base64')}`);
  return JSON.stringify([text(password), text(salt), keylen, options?.N, options?.r, options?.p]);
}

function rememberingScryptSync(password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options?: crypto.ScryptOptions): Buffer {
  const key = keyOf(password, salt, keylen, options);
  const known = key === null ? undefined : memo.get(key);
  if (known) return Buffer.from(known);
  const derived = real(password, salt, keylen, options);
  if (key !== null) memo.set(key, Buffer.from(derived));
  return derived;
}

if (crypto.scryptSync !== rememberingScryptSync) {
  crypto.scryptSync = rememberingScryptSync as typeof crypto.scryptSync;
  // ES modules that imported `scryptSync` by name see the replacement too.
  syncBuiltinESMExports();
}
