// Main's side of the engine utility process (see electron/engine/utility-host.ts for the
// messages). Requests are seq-numbered and answered in any order; there are no timeouts because
// long work runs as jobs that answer at once with a job id and report through events.
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { fail, type Result } from '../../shared/ipc/result.js';
import type { EngineHandle, SaveFileRequest } from '../engine/engine-types.js';
import { FILE_PURPOSES, type FilePurpose } from '../../shared/ipc/schemas.js';
import type { EngineInit, HostToMain, MainToHost } from '../engine/utility-host.js';
import { log as defaultLog, type Log } from './log.js';

/** The transport to the utility process; main.ts adapts Electron's UtilityProcess to it. */
export interface EngineTransport {
  post(message: MainToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface EngineClientOptions {
  init: EngineInit;
  /** Shows the native open dialog; resolves with absolute paths, empty when cancelled. */
  chooseFiles: (purpose: FilePurpose) => Promise<string[]>;
  /** Shows the native save dialog; resolves with an absolute path, null when cancelled. */
  chooseSaveFile?: (request: SaveFileRequest) => Promise<string | null>;
  /** Called when the process exits without having been asked to. */
  onUnexpectedExit?: (code: number) => void;
  log?: Log;
}

export interface EngineClient extends EngineHandle {
  /** Asks the engine to close its store and exit; kills it after `timeoutMs`. */
  shutdown(timeoutMs?: number): Promise<void>;
  readonly running: boolean;
}

const STOPPED = 'The engine has stopped. Restart Baseline Workbench; the store is safe on disk.';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** Checks a message from the utility process; anything malformed is dropped. */
export function parseHostMessage(data: unknown): HostToMain | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'response': {
      const result = data.result;
      if (!isSeq(data.seq) || !isRecord(result) || typeof result.ok !== 'boolean') return null;
      return { type: 'response', seq: data.seq, result: result as Result<unknown> };
    }
    case 'event':
      return isRecord(data.event) && typeof data.event.type === 'string'
        ? { type: 'event', event: data.event as EngineEvent }
        : null;
    case 'choose-files': {
      if (!isSeq(data.seq)) return null;
      if (data.save === undefined) {
        // An unknown purpose is refused rather than guessed: it decides which files are offered.
        const purpose = data.purpose ?? 'import';
        if (!FILE_PURPOSES.some((p) => p === purpose)) return null;
        return { type: 'choose-files', seq: data.seq, purpose: purpose as FilePurpose };
      }
      const save = data.save;
      const filter = isRecord(save) ? save.filter : undefined;
      if (!isRecord(save) || typeof save.suggestedName !== 'string' || !isRecord(filter) || typeof filter.name !== 'string' || typeof filter.extension !== 'string') return null;
      return { type: 'choose-files', seq: data.seq, save: { suggestedName: save.suggestedName, filter: { name: filter.name, extension: filter.extension } } };
    }
    case 'closed':
      return { type: 'closed' };
    default:
      return null;
  }
}

export function createEngineClient(transport: EngineTransport, options: EngineClientOptions): EngineClient {
  const log = options.log ?? defaultLog;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: EngineEvent) => void>();
  let seq = 0;
  let running = true;
  let stopping = false;
  let exited!: () => void;
  const exitPromise = new Promise<void>((resolve) => (exited = resolve));

  const post = (message: MainToHost): boolean => {
    try {
      transport.post(message);
      return true;
    } catch (error) {
      log('engine', `could not post ${message.type}: ${error instanceof Error ? error.name : 'error'}`);
      return false;
    }
  };

  const answerChooser = async (requestSeq: number, purpose: FilePurpose, save: SaveFileRequest | undefined): Promise<void> => {
    try {
      let paths: string[];
      if (save) {
        if (!options.chooseSaveFile) throw new Error('This version cannot show a save dialog');
        const to = await options.chooseSaveFile(save);
        paths = to === null ? [] : [to];
      } else {
        paths = await options.chooseFiles(purpose);
      }
      post({ type: 'files-chosen', seq: requestSeq, paths });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The file dialog failed';
      post({ type: 'files-chosen', seq: requestSeq, paths: [], error: message });
    }
  };

  transport.onMessage((data) => {
    const message = parseHostMessage(data);
    if (!message) {
      log('engine', 'malformed message from the engine dropped');
      return;
    }
    switch (message.type) {
      case 'response': {
        const resolve = pending.get(message.seq);
        pending.delete(message.seq);
        resolve?.(message.result);
        break;
      }
      case 'event':
        for (const listener of listeners) {
          try {
            listener(message.event);
          } catch (error) {
            log('engine', `event listener failed: ${error instanceof Error ? error.name : 'error'}`);
          }
        }
        break;
      case 'choose-files':
        void answerChooser(message.seq, message.purpose ?? 'import', message.save);
        break;
      case 'closed':
        stopping = true;
        break;
    }
  });

  transport.onExit((code) => {
    running = false;
    for (const resolve of pending.values()) resolve(fail('internal', STOPPED));
    pending.clear();
    exited();
    if (!stopping) {
      log('engine', `utility process exited unexpectedly (code ${code})`);
      options.onUnexpectedExit?.(code);
    }
  });

  const shutdown = async (timeoutMs = 5000): Promise<void> => {
    if (!running) return;
    stopping = true;
    post({ type: 'shutdown' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([exitPromise.then(() => 'exited' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      log('engine', `did not exit within ${timeoutMs} ms; killing it`);
      transport.kill();
    }
  };

  post({ type: 'init', options: options.init });

  return {
    get running() {
      return running;
    },
    invoke(channel, payload) {
      if (!running || stopping) return Promise.resolve(fail('internal', STOPPED));
      const id = ++seq;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        if (!post({ type: 'request', seq: id, channel, payload })) {
          pending.delete(id);
          resolve(fail('internal', STOPPED));
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      void shutdown();
    },
    shutdown,
  };
}
