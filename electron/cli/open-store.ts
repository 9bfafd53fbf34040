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
  if (Store.exists(path)) return signIn(path, await obtainPassphrase('unlock', path), options.user, 'cli');
  if (!options.create) throw new WorkbenchError('store-missing', `There is no store at ${path}. Import a file or run demo to create one.`);
  const store = Store.create(path, await obtainPassphrase('create', path), options.user ?? 'analyst');
  options.say(`Created a new encrypted store at ${path} (keys in ${path}.keys: back up both together).`);
  return store;
}
