import type { EngineEvent } from '../../shared/ipc/contract.js';
import type { Result } from '../../shared/ipc/result.js';
import type { FilePurpose } from '../../shared/ipc/schemas.js';

export type EngineHost = 'electron' | 'browser' | 'cli';

/** What a save dialog offers: a file name, and the one kind of file it saves. */
export interface SaveFileRequest {
  suggestedName: string;
  /** e.g. { name: 'Excel workbook', extension: 'xlsx' } */
  filter: { name: string; extension: string };
}

export interface EngineOptions {
  /** The store file; its key slots live beside it at `${storePath}.keys`. */
  storePath: string;
  host: EngineHost;
  version: string;
  /** Where `demo:create` writes its extracts and truth (default: `<store dir>/demo`). */
  demoOutDir?: string;
  /** Electron: shows the native open dialog and returns absolute paths (empty when cancelled). */
  chooseFiles?: (purpose: FilePurpose) => Promise<string[]>;
  /** Electron: shows the native save dialog; an absolute path, or null when cancelled. */
  chooseSaveFile?: (request: SaveFileRequest) => Promise<string | null>;
  /** Who acts, for the audit log. */
  user?: string;
  /** Lock the store after this many minutes without a call (none while a job runs); off when unset. */
  idleLockMinutes?: number;
}

/** The engine as every host sees it: one validated entry point and one event stream. */
export interface EngineHandle {
  /** Validates channel and payload against the contract, then runs the handler. Never throws. */
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  close(): void;
}

/** The app locks an unused store after this long (issue 6: lock after idle). */
export const IDLE_LOCK_MINUTES = 15;
