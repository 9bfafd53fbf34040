// CLI: backup and restore, over the store channels (invoke.ts), as the app does.
import { resolve } from 'node:path';
import { single, UsageError, type ParsedArgs } from './args.js';
import { invoke, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';
import { obtainPassphrase } from './passphrase.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

const backup: Handler = async (args, ctx) => {
  const out = single(args, 'out');
  if (!out) throw new UsageError('backup needs --out FILE, for example backup --out baseline-2026-12.bwbackup');
  const written = await invoke(ctx, 'store:backup', { path: resolve(out), replace: args.flags.has('force') });
  ctx.say(`Backed up ${ctx.storePath} with its key file to ${written.path} (${megabytes(written.bytes)}). Keep it as safe as the store: the same passphrases open it.`);
  return { summary: { ok: true, command: 'backup', store: ctx.storePath, ...written }, exit: 0 };
};

const restore: Handler = async (args, ctx) => {
  const archive = args.words[1];
  if (!archive || args.words.length > 2) throw new UsageError('restore needs one backup FILE: restore FILE [--db NEW_STORE] [--force]');
  // No store is opened first: restoring works on a new machine, and the backup's passphrase is
  // the credential (the channel is open before unlocking; see its policy).
  const passphrase = await obtainPassphrase('unlock', resolve(archive));
  const restored = await invoke(ctx, 'store:restore', { archive: resolve(archive), target: ctx.storePath, passphrase, replace: args.flags.has('force') }, { locked: true });
  ctx.say(
    `Restored the backup of ${restored.backupCreatedAt} to ${restored.path}${restored.replaced ? ' (the store that was there is replaced)' : ''}: it opens, passes its check, and its audit trail of ${restored.auditEvents} events verifies.`,
  );
  if (restored.inboxKeptAside) ctx.say(`The replaced store's inbox held partners' submissions that are not in the backup: it is kept as ${restored.inboxKeptAside}.`);
  return { summary: { ok: true, command: 'restore', archive: resolve(archive), ...restored }, exit: 0 };
};

export function storeCommand(word: string | undefined): Handler | undefined {
  if (word === 'backup') return backup;
  if (word === 'restore') return restore;
  return undefined;
}

export const STORE_HELP = `  backup --out FILE [--force]          a consistent encrypted copy of the store, its key file, aggregates store and inbox, in one file
  restore FILE [--db NEW_STORE] [--force]   unpack a backup as a store (checks it opens; --force replaces one)`;
