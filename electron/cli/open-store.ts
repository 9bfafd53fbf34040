import { WorkbenchError } from '../../shared/ipc/result.js';
import { signIn } from '../engine/store/sign-in.js';
import { Store } from '../engine/store/store.js';
import { obtainPassphrase } from './passphrase.js';

export type CommandResult = { summary: Record<string, unknown>; exit: number };

/**
 * Opens the store as `user` (their key slots only) or, with no user named, as whoever the
 * passphrase belongs to. `create` makes a new store, with `user` as its first analyst.
 */
export async function openStore(path: string, options: { create: boolean; user?: string; say: (m: string) => void }): Promise<Store> {
  if (Store.exists(path)) {
    const store = signIn(path, await obtainPassphrase('unlock', path), options.user, 'cli');
    for (const line of keyNotices(store)) options.say(line);
    return store;
  }
  if (!options.create) throw new WorkbenchError('store-missing', `There is no store at ${path}. Import a file or run demo to create one.`);
  const store = Store.create(path, await obtainPassphrase('create', path), options.user ?? 'analyst');
  options.say(`Created a new encrypted store at ${path} (keys in ${path}.keys: back up both together).`);
  return store;
}

/** What this sign-in changed in the key file, said plainly: users to add again, slots refused. */
export function keyNotices(store: Store): string[] {
  const lines: string[] = [];
  const sealed = store.sealedNow;
  if (sealed) {
    const removed = [
      sealed.analysts > 0 ? `${sealed.analysts} other analyst(s)` : '',
      sealed.coordinators > 0 ? `${sealed.coordinators} co-ordinator(s)` : '',
      sealed.partners > 0 ? `${sealed.partners} partner(s)` : '',
    ].filter(Boolean);
    lines.push('This store\'s key file is now sealed: the audit trail is keyed with a key only analysts hold, and every key slot is certified.');
    if (removed.length > 0) {
      lines.push(`The old key slots of ${removed.join(', ')} held the whole store's key and were removed: add those users again (users add NAME --role ROLE; partners then only send files, unless given --reads-own) and give them new passphrases.`);
    }
    if (sealed.recoveryCode) lines.push('The recovery code was removed too: make a new one (users recovery-code).');
  }
  if (store.reissuedCoordinators.length > 0) {
    lines.push(
      `Co-ordinators now open an aggregates store of their own. The old key slots of ${store.reissuedCoordinators.map((s) => s.user).join(', ')} held the whole store's key and were removed: add them again (users add NAME --role co-ordinator) and give them new passphrases.`,
    );
  }
  for (const slot of store.refusedSlots) lines.push(`Refused and removed a key slot for "${slot.user}" (${slot.role}) that Baseline Workbench did not write: see the audit trail.`);
  return lines;
}
