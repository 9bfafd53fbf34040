// CLI: backup and restore. Thin: the engine's store channels do the work, as for the app.
import { resolve } from 'node:path';
import type { Channel, ResponseOf } from '../../shared/ipc/contract.js';
import { WorkbenchError, type ErrorKind } from '../../shared/ipc/result.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { appVersion } from '../engine/version.js';
import { single, UsageError, type ParsedArgs } from './args.js';
import { openStore, type CommandResult } from './open-store.js';
import { obtainPassphrase } from './passphrase.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };
type Handler = (args: ParsedArgs, ctx: Context) => Promise<CommandResult>;

async function call<C extends Channel>(engine: Engine, channel: C, request: unknown): Promise<ResponseOf<C>> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new WorkbenchError(result.error.kind as ErrorKind, result.error.message);
  return result.value as ResponseOf<C>;
}

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

const backup: Handler = async (args, ctx) => {
  const out = single(args, 'out');
  if (!out) throw new UsageError('backup needs --out FILE, for example backup --out baseline-2026-12.bwbackup');
  const store = await openStore(ctx.storePath, { create: false, user: ctx.user, say: ctx.say });
  const engine = createEngine({ storePath: ctx.storePath, host: 'cli', version: appVersion() });
  try {
    engine.adoptStore(store);
    const written = await call(engine, 'store:backup', { path: resolve(out), replace: args.flags.has('force') });
    await engine.idle();
    ctx.say(`Backed up ${ctx.storePath} with its key file to ${written.path} (${megabytes(written.bytes)}). Keep it as safe as the store: the same passphrases open it.`);
    return { summary: { ok: true, command: 'backup', store: ctx.storePath, ...written }, exit: 0 };
  } finally {
    engine.close();
  }
};

const restore: Handler = async (args, ctx) => {
  const archive = args.words[1];
  if (!archive || args.words.length > 2) throw new UsageError('restore needs one backup FILE: restore FILE [--db NEW_STORE] [--force]');
  const passphrase = await obtainPassphrase('unlock', resolve(archive));
  const engine = createEngine({ storePath: ctx.storePath, host: 'cli', version: appVersion() });
  try {
    const restored = await call(engine, 'store:restore', { archive: resolve(archive), target: ctx.storePath, passphrase, replace: args.flags.has('force') });
    ctx.say(
      `Restored the backup of ${restored.backupCreatedAt} to ${restored.path}${restored.replaced ? ' (the store that was there is replaced)' : ''}: it opens, passes its check, and its audit trail of ${restored.auditEvents} events verifies.`,
    );
    return { summary: { ok: true, command: 'restore', archive: resolve(archive), ...restored }, exit: 0 };
  } finally {
    engine.close();
  }
};

export function storeCommand(word: string | undefined): Handler | undefined {
  if (word === 'backup') return backup;
  if (word === 'restore') return restore;
  return undefined;
}

export const STORE_HELP = `  backup --out FILE [--force]          a consistent encrypted copy of the store and its key file, in one file
  restore FILE [--db NEW_STORE] [--force]   unpack a backup as a store (checks it opens; --force replaces one)`;
