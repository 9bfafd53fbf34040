// Entry point of Electron's engine utility process (`utilityProcess.fork` from main): the engine
// and its SQLite store live here, off the main process and off the UI. Main talks to it over
// `process.parentPort` with the messages below; nothing else reaches the engine.
//
//   main → host   {type:'init', options}               once, first: the store path and version
//                 {type:'request', seq, channel, payload}  an already-validated contract call
//                 {type:'files-chosen', seq, paths, error?} main's answer to choose-files
//                 {type:'shutdown'}                    close the store, then exit
//   host → main   {type:'response', seq, result}       the engine's Result for request `seq`
//                 {type:'event', event}                a job progress/finished event
//                 {type:'choose-files', seq, purpose}  files:choose needs main's native dialog
//                 {type:'choose-files', seq, save}      an export needs the save dialog (answer: 0 or 1 path)
//                 {type:'closed'}                      the store is closed; exiting
//
// This file imports no electron module (a utility process has none of main's APIs) and loads
// the engine lazily, so tests can drive `serveEngine` with a port and an engine of their own.
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { fail, type Result } from '../../shared/ipc/result.js';
import type { FilePurpose } from '../../shared/ipc/schemas.js';
import { IDLE_LOCK_MINUTES, type EngineHandle, type EngineOptions, type SaveFileRequest } from './engine-types.js';

/** What main tells the host about the engine to create. */
export interface EngineInit {
  storePath: string;
  version: string;
  demoOutDir?: string;
  user?: string;
}

export type MainToHost =
  | { type: 'init'; options: EngineInit }
  | { type: 'request'; seq: number; channel: string; payload: unknown }
  | { type: 'files-chosen'; seq: number; paths: string[]; error?: string }
  | { type: 'shutdown' };

export type HostToMain =
  | { type: 'response'; seq: number; result: Result<unknown> }
  | { type: 'event'; event: EngineEvent }
  | { type: 'choose-files'; seq: number; purpose?: FilePurpose; save?: SaveFileRequest }
  | { type: 'closed' };

/** The subset of Electron's `process.parentPort` the host uses. */
export interface PortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: HostToMain): void;
}

export type EngineFactory = (options: EngineOptions) => EngineHandle | Promise<EngineHandle>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** Checks a message from main; anything malformed is dropped. */
export function parseMainMessage(data: unknown): MainToHost | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'init': {
      const o = data.options;
      if (!isRecord(o) || typeof o.storePath !== 'string' || typeof o.version !== 'string') return null;
      return {
        type: 'init',
        options: {
          storePath: o.storePath,
          version: o.version,
          ...(typeof o.demoOutDir === 'string' ? { demoOutDir: o.demoOutDir } : {}),
          ...(typeof o.user === 'string' ? { user: o.user } : {}),
        },
      };
    }
    case 'request':
      return isSeq(data.seq) && typeof data.channel === 'string'
        ? { type: 'request', seq: data.seq, channel: data.channel, payload: data.payload }
        : null;
    case 'files-chosen': {
      if (!isSeq(data.seq) || !Array.isArray(data.paths) || !data.paths.every((p) => typeof p === 'string')) return null;
      return {
        type: 'files-chosen',
        seq: data.seq,
        paths: data.paths as string[],
        ...(typeof data.error === 'string' ? { error: data.error } : {}),
      };
    }
    case 'shutdown':
      return { type: 'shutdown' };
    default:
      return null;
  }
}

export interface HostHandle {
  /** Resolves once the engine is closed after a shutdown message. */
  closed: Promise<void>;
}

/**
 * Relays main's messages to the engine and the engine's results and events back. Requests that
 * arrive before `init` wait for it. If the engine cannot be created, every request is answered
 * with an `internal` error (the message names no path).
 */
export function serveEngine(port: PortLike, createEngine: EngineFactory, exit: (code: number) => void): HostHandle {
  let init!: (options: EngineInit) => void;
  const initialised = new Promise<EngineInit>((resolve) => (init = resolve));
  let engine: Promise<EngineHandle> | null = null;
  let chooseSeq = 0;
  const choosing = new Map<number, { resolve: (paths: string[]) => void; reject: (error: Error) => void }>();
  let closedResolve!: () => void;
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));

  const chooseFiles = (purpose: FilePurpose): Promise<string[]> =>
    new Promise<string[]>((resolve, reject) => {
      const seq = ++chooseSeq;
      choosing.set(seq, { resolve, reject });
      port.postMessage({ type: 'choose-files', seq, purpose });
    });

  const chooseSaveFile = (save: SaveFileRequest): Promise<string | null> =>
    new Promise<string[]>((resolve, reject) => {
      const seq = ++chooseSeq;
      choosing.set(seq, { resolve, reject });
      port.postMessage({ type: 'choose-files', seq, save });
    }).then((paths) => paths[0] ?? null);

  const engineReady = (): Promise<EngineHandle> => {
    engine ??= initialised.then(async (options) => {
      const handle = await createEngine({ idleLockMinutes: IDLE_LOCK_MINUTES, ...options, host: 'electron', chooseFiles, chooseSaveFile });
      handle.onEvent((event) => port.postMessage({ type: 'event', event }));
      return handle;
    });
    return engine;
  };

  const answer = async (seq: number, channel: string, payload: unknown): Promise<void> => {
    let result: Result<unknown>;
    try {
      result = await (await engineReady()).invoke(channel, payload);
    } catch (error) {
      console.error(`[engine] ${channel} failed: ${error instanceof Error ? error.name : 'error'}`);
      result = fail('internal', 'The engine could not handle the request.');
    }
    port.postMessage({ type: 'response', seq, result });
  };

  const shutdown = async (): Promise<void> => {
    try {
      if (engine) (await engine).close();
    } catch (error) {
      console.error(`[engine] close failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const pending of choosing.values()) pending.reject(new Error('The engine is shutting down'));
    choosing.clear();
    port.postMessage({ type: 'closed' });
    closedResolve();
    exit(0);
  };

  port.on('message', ({ data }) => {
    const message = parseMainMessage(data);
    if (!message) {
      console.error('[engine] malformed message from main dropped');
      return;
    }
    switch (message.type) {
      case 'init':
        init(message.options);
        void engineReady().catch((error: unknown) => {
          console.error(`[engine] could not start: ${error instanceof Error ? error.message : String(error)}`);
        });
        break;
      case 'request':
        void answer(message.seq, message.channel, message.payload);
        break;
      case 'files-chosen': {
        const pending = choosing.get(message.seq);
        choosing.delete(message.seq);
        if (!pending) break;
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else pending.resolve(message.paths);
        break;
      }
      case 'shutdown':
        void shutdown();
        break;
    }
  });

  return { closed };
}

// Started by utilityProcess.fork: Electron gives the process a parentPort. Imported anywhere
// else (tests, tooling) the module does nothing.
const parentPort = (process as unknown as { parentPort?: PortLike }).parentPort;
if (parentPort) {
  serveEngine(
    parentPort,
    async (options) => (await import('./engine.js')).createEngine(options),
    (code) => process.exit(code),
  );
}
