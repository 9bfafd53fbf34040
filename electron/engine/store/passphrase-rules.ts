// A passphrase protects data about vulnerable families: length alone is not enough. Blank or
// whitespace-padded ones, one character repeated, and the handful everyone tries first are refused.
import { WorkbenchError } from '../../../shared/ipc/result.js';

export const MIN_PASSPHRASE_LENGTH = 10;

// The commonest passwords of at least ten characters in published breach lists, and the
// product's own name: what an attacker tries first.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '0987654321',
  'qwertyuiop',
  'password123',
  'password1234',
  'passwordpassword',
  'iloveyou123',
  '1q2w3e4r5t',
  'qwerty12345',
  'qwerty123456',
  'abcdefghij',
  'abc1234567',
  'letmein123',
  'welcome123',
  'changeme123',
  'administrator',
  'baselineworkbench',
  'baseline workbench',
  'a passphrase',
  'my passphrase',
  'passphrase',
  'passphrase123',
]);

/** Throws `bad-input` saying why, for a passphrase that should not protect a store. */
export function checkNewPassphrase(passphrase: string): void {
  const trimmed = passphrase.trim();
  if (trimmed.length === 0) throw new WorkbenchError('bad-input', 'A passphrase cannot be blank.');
  if (trimmed.length < MIN_PASSPHRASE_LENGTH) {
    throw new WorkbenchError('bad-input', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters, not counting spaces at either end.`);
  }
  if (new Set([...trimmed.toLowerCase()].filter((c) => !/\s/.test(c))).size < 4) {
    throw new WorkbenchError('bad-input', 'That passphrase repeats too few characters to be safe: use a few unrelated words.');
  }
  if (COMMON.has(trimmed.toLowerCase())) throw new WorkbenchError('bad-input', 'That passphrase is one of the first an attacker would try: use a few unrelated words.');
}
