// What the engine's thread and the Run's write worker (run-write-worker.ts) say to each other
// through one shared Int32Array: the worker's last step, and the engine's command.
import type { RunWritten } from './run-writer.js';

/** Slot of the worker's progress: 0 nothing yet, 1–4 the Run's saving steps done, then COMMITTED or FAILED. */
export const STEP = 0;
/** Slot of the engine's command: 0 wait, then HOUSEHOLDS (posted on the port), then COMMIT or ROLLBACK. */
export const COMMAND = 1;

export const COMMITTED = 5;
export const FAILED = -1;

export const HOUSEHOLDS = 1;
export const COMMIT = 2;
export const ROLLBACK = 3;

export type WriteReply =
  | { ok: true; written: RunWritten; steps: Record<string, number> }
  /** `code`: SQLite's or the system's error code, so a full disk still reads as one */
  | { ok: false; message: string; code: string | null };
