// Signing in, the one door for the CLI (a process per command) and the app's unlock screen. A wrong passphrase
// cannot be written to the locked store, so failures are counted in the key file (no personal
// data: a count and a time) and recorded in the audit trail at the next sign-in. After a few
// failures each further attempt must wait, doubling up to a limit: guessing gets slow.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { isDiskFull } from './files.js';
import { readKeyFile, writeKeyFile, type KeyFile } from './keyslots.js';
import { keyFilePath } from './paths.js';
import { Store } from './store.js';

/** Failures allowed before the wait starts, and the longest wait. */
export const FREE_ATTEMPTS = 3;
export const MAX_WAIT_SECONDS = 300;

type Failures = NonNullable<KeyFile['signInFailures']>;

export function backOffSeconds(count: number): number {
  return count < FREE_ATTEMPTS ? 0 : Math.min(MAX_WAIT_SECONDS, 2 ** (count - FREE_ATTEMPTS + 1));
}

function writeFailures(keyPath: string, failures: Failures | undefined): void {
  try {
    const current = readKeyFile(keyPath);
    delete current.signInFailures;
    writeKeyFile(keyPath, failures ? { ...current, signInFailures: failures } : current);
  } catch {
    // a read-only key file: the store still opens read-only, and nothing can be counted
  }
}

/** Unlocks `path`, enforcing the back-off and auditing the sign-in with the failures before it. */
export function signIn(path: string, passphrase: string, user: string | undefined, via: string, now = Date.now()): Store {
  const keyPath = keyFilePath(path);
  let failures: Failures | undefined;
  try {
    failures = readKeyFile(keyPath).signInFailures;
  } catch {
    failures = undefined; // Store.unlock says what is wrong with the key file
  }
  if (failures) {
    const wait = backOffSeconds(failures.count) * 1000 - (now - Date.parse(failures.lastAt));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new WorkbenchError('wrong-passphrase', `${failures.count} wrong passphrases in a row for ${path}: wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} before trying again. Nothing was changed.`);
    }
  }
  let store: Store;
  try {
    store = Store.unlock(path, passphrase, user);
  } catch (error) {
    if (error instanceof WorkbenchError && error.kind === 'wrong-passphrase') {
      writeFailures(keyPath, { count: (failures?.count ?? 0) + 1, lastAt: new Date(now).toISOString() });
    }
    throw error;
  }
  try {
    store.audit(store.session.user, 'login', { failedAttemptsBefore: failures?.count ?? 0, via });
  } catch (error) {
    // On a full disk the store can still be read, verified and exported; the command that
    // writes will say the disk is full.
    if (!isDiskFull(error)) throw error;
  }
  if (failures) writeFailures(keyPath, undefined);
  return store;
}

/**
 * The same back-off for a credential checked without unlocking (a partner's passphrase at the
 * inbox): guessing there is as slow as guessing at sign-in, and shares its count.
 */
export function withBackOff<T>(keyPath: string, work: () => T, now = Date.now()): T {
  let failures: Failures | undefined;
  try {
    failures = readKeyFile(keyPath).signInFailures;
  } catch {
    failures = undefined;
  }
  if (failures) {
    const wait = backOffSeconds(failures.count) * 1000 - (now - Date.parse(failures.lastAt));
    if (wait > 0) throw new WorkbenchError('wrong-passphrase', `${failures.count} wrong passphrases in a row: wait ${Math.ceil(wait / 1000)} seconds before trying again. Nothing was changed.`);
  }
  let result: T;
  try {
    result = work();
  } catch (error) {
    if (error instanceof WorkbenchError && error.kind === 'wrong-passphrase') writeFailures(keyPath, { count: (failures?.count ?? 0) + 1, lastAt: new Date(now).toISOString() });
    throw error;
  }
  if (failures) writeFailures(keyPath, undefined);
  return result;
}
