import { WorkbenchError } from '../../../shared/ipc/result.js';

/** What a long job sees: a progress reporter, a cancel signal, and a way to let others run. */
export interface JobContext {
  progress(phase: string, done: number, total: number): void;
  readonly signal: AbortSignal;
  throwIfCancelled(): void;
  /** Gives the event loop a turn so progress events go out and a cancel can arrive. */
  yield(): Promise<void>;
}

// Crash tests kill the process at a fixed point in the code (a progress checkpoint of a named
// phase, after some work is done) rather than on a timer: BASELINE_TEST_CRASH_AT=<phase>, or
// <phase>@<n> to kill at the first checkpoint of that phase with at least n steps done.
const crashSetting = process.env.BASELINE_TEST_CRASH_AT;
const crashAt = crashSetting?.split('@')[0];
const crashAtStep = crashSetting?.includes('@') ? Number(crashSetting.split('@')[1]) : null;

export function createJobContext(signal: AbortSignal, onProgress: (phase: string, done: number, total: number) => void): JobContext {
  let last = 0;
  let lastPhase = '';
  return {
    signal,
    progress(phase, done, total) {
      if (crashAt !== undefined && phase === crashAt && (crashAtStep === null ? done > 0 && done < total : done >= crashAtStep)) process.kill(process.pid, 'SIGKILL');
      // Throttle to ~10 events a second, but never drop a phase change or the final step.
      const now = Date.now();
      if (phase !== lastPhase || done >= total || now - last >= 100) {
        last = now;
        lastPhase = phase;
        onProgress(phase, done, total);
      }
    },
    throwIfCancelled() {
      if (signal.aborted) throw new WorkbenchError('cancelled', 'The job was cancelled; nothing was changed.');
    },
    yield: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

/** For callers with no one to report to (tests, scripts). */
export const silentJob = (): JobContext => createJobContext(new AbortController().signal, () => {});
