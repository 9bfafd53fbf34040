// The command line's one door into the engine. Every command opens the store with the user's
// passphrase, hands it to an Engine and calls contract channels through `engine.invoke`, exactly
// as the app does over IPC: the channel's role policy, the partner's organisation scope,
// disclosure control and the audit actor (the signed-in user) are applied in the engine, never
// here. A command is argument parsing, one or more `call`s, and printing.
//
//   const summary = await withEngine(ctx, async (engine) => {
//     const { rows } = await engine.call('matching:exportClusters', { path: out });
//     return { ok: true, command: 'export clusters', rows };
//   });
//
// Job channels (those whose response is `{ job }`) are awaited: `call` returns the job's result.
// A refused or failed call throws the engine's WorkbenchError (exit 1); an internal failure
// throws EngineInternalError (exit 2).
import type { Channel, ChosenFile, JobChannel, JobResultOf, RequestOf, ResponseOf, StoreStatus } from '../../shared/ipc/contract.js';
import { JOB_RESULTS } from '../../shared/ipc/contract.js';
import { WorkbenchError, type Result } from '../../shared/ipc/result.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { EngineOptions } from '../engine/engine-types.js';
import type { Store } from '../engine/store/store.js';
import { appVersion } from '../engine/version.js';
import { openStore } from './open-store.js';
import { sayRefreshFailure } from './refresh-notice.js';

/** What every command is given by main.ts. */
export interface CliContext {
  storePath: string;
  /** --user / BASELINE_USER: whose key slot the passphrase must open (undefined: whoever it opens). */
  user: string | undefined;
  say: (message: string) => void;
}

/** An unexpected failure inside the engine: the CLI exits 2 and never prints its detail. */
export class EngineInternalError extends Error {
  override name = 'EngineInternalError';
}

/** A channel whose response is a started job: `call` waits for it and returns the job's result. */
type CallResult<C extends Channel> = C extends JobChannel ? JobResultOf<C> : ResponseOf<C>;

export interface CliEngine {
  /** Invokes a channel as the signed-in user and returns its value (a job's result for job channels). */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<CallResult<C>>;
  /** A file on disk as a token for `import:start`, `geo:import` … (through files:fromPath, so the policy applies). */
  file(path: string): Promise<ChosenFile>;
  /** Who is signed in, and the store's state. */
  status(): Promise<StoreStatus>;
}

export interface WithEngineOptions {
  /** Create the store when there is none (import, demo): the user becomes its first analyst. */
  create?: boolean;
  /** Open no store: for the channels that work before unlocking (recovery). */
  locked?: boolean;
  /** Extra engine options (e.g. where `demo:create` writes). */
  engine?: Partial<EngineOptions>;
  /** Opens the store some other way than with the passphrase (tests that hold the key). */
  open?: (path: string, create: boolean) => Promise<Store>;
}

const isJobChannel = (channel: Channel): channel is JobChannel => Object.hasOwn(JOB_RESULTS, channel);

function unwrap<T>(result: Result<unknown>): T {
  if (result.ok) return result.value as T;
  if (result.error.kind === 'internal') throw new EngineInternalError(result.error.message);
  throw new WorkbenchError(result.error.kind, result.error.message);
}

/**
 * Opens the store (as `ctx.user`, or whoever the passphrase opens), runs `work` against an
 * engine that holds it, and closes both. The engine's audit actor is the signed-in user.
 */
export async function withEngine<T>(ctx: CliContext, work: (engine: CliEngine) => Promise<T>, options: WithEngineOptions = {}): Promise<T> {
  const create = options.create ?? false;
  const store = options.locked ? null : options.open ? await options.open(ctx.storePath, create) : await openStore(ctx.storePath, { create, user: ctx.user, say: ctx.say });
  const engine: Engine = createEngine({ storePath: ctx.storePath, host: 'cli', version: appVersion(), ...(store ? { user: store.session.user } : {}), ...options.engine });
  if (store) engine.adoptStore(store);
  const finished = new Map<string, Result<unknown>>();
  const tty = process.stderr.isTTY;
  const off = engine.onEvent((event) => {
    sayRefreshFailure(event, (line) => process.stderr.write(line));
    if (event.type === 'job:finished') finished.set(event.job, event.result as Result<unknown>);
    else if (event.type === 'job:progress' && tty) {
      const amount = event.total > 0 ? `${Math.floor((event.done / event.total) * 100)}%` : `${event.done}`;
      process.stderr.write(`\r${event.phase}: ${amount}   `);
      if (event.total > 0 && event.done >= event.total) process.stderr.write('\r\x1b[K');
    }
  });
  const cli: CliEngine = {
    async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<CallResult<C>> {
      const value = unwrap<unknown>(await engine.invoke(channel, request));
      if (!isJobChannel(channel)) return value as CallResult<C>;
      const { job } = value as { job: string };
      await engine.idle();
      const result = finished.get(job);
      if (!result) throw new EngineInternalError(`job ${job} did not finish`);
      return unwrap<CallResult<C>>(result);
    },
    file: async (path) => unwrap<ChosenFile>(await engine.invoke('files:fromPath', { path })),
    status: async () => unwrap<{ store: StoreStatus }>(await engine.invoke('app:info', {})).store,
  };
  try {
    return await work(cli);
  } finally {
    off();
    engine.close();
  }
}

/** One channel call with its own store session: open, invoke, wait for a job, close. */
export function invoke<C extends Channel>(ctx: CliContext, channel: C, request: RequestOf<C>, options: WithEngineOptions = {}): Promise<CallResult<C>> {
  return withEngine(ctx, (engine) => engine.call(channel, request), options);
}
