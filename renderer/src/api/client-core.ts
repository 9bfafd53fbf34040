// The renderer's only way to the engine. Kept free of `window` so tests can hand it a fake
// WorkbenchApi; client.ts binds it to the real one.
import type { WorkbenchApi } from '../../../shared/ipc/api.js';
import {
  JOB_RESULTS,
  type Channel,
  type EngineEvent,
  type JobChannel,
  type JobFinished,
  type JobResultOf,
  type JobStarted,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/ipc/contract.js';
import { ERROR_KINDS, WorkbenchError, type ErrorKind } from '../../../shared/ipc/result.js';

export { WorkbenchError };

export interface JobProgressUpdate {
  phase: string;
  done: number;
  total: number;
}

export interface WorkbenchClient {
  /** Calls a channel and returns its value; a failed Result becomes a thrown WorkbenchError. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /**
   * Starts a job channel and settles when the engine reports it finished. Aborting the signal
   * asks the engine to cancel; the promise then rejects with kind `cancelled` once the engine
   * confirms (or after a grace period if it never reports back).
   */
  runJob<C extends JobChannel>(
    channel: C,
    request: RequestOf<C>,
    onProgress: (progress: JobProgressUpdate) => void,
    signal?: AbortSignal,
  ): Promise<JobResultOf<C>>;
  /** Calls `listener` when the engine locks the store by itself (idle); returns the unsubscribe. */
  onStoreLocked(listener: () => void): () => void;
}

export interface ClientOptions {
  /** How long to wait for the engine's finished event after it confirmed a cancel. */
  cancelGraceMs?: number;
}

function isErrorKind(kind: string): kind is ErrorKind {
  return (ERROR_KINDS as readonly string[]).includes(kind);
}

/** Turns anything thrown or returned as an error into a WorkbenchError the UI can show. */
export function toWorkbenchError(error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) {
    const { kind, message } = error as { kind: unknown; message: unknown };
    if (typeof kind === 'string' && typeof message === 'string') {
      return new WorkbenchError(isErrorKind(kind) ? kind : 'internal', message);
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WorkbenchError('internal', `The workbench engine could not be reached: ${message}`);
}

export function createClient(getApi: () => WorkbenchApi, options: ClientOptions = {}): WorkbenchClient {
  const cancelGraceMs = options.cancelGraceMs ?? 5_000;

  async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    let result;
    try {
      result = await getApi().invoke(channel, request);
    } catch (error) {
      throw toWorkbenchError(error);
    }
    if (!result.ok) throw toWorkbenchError(result.error);
    return result.value;
  }

  function runJob<C extends JobChannel>(
    channel: C,
    request: RequestOf<C>,
    onProgress: (progress: JobProgressUpdate) => void,
    signal?: AbortSignal,
  ): Promise<JobResultOf<C>> {
    if (signal?.aborted) return Promise.reject(new WorkbenchError('cancelled', 'Cancelled before it started.'));

    return new Promise<JobResultOf<C>>((resolve, reject) => {
      let jobId: string | undefined;
      let settled = false;
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      // A fast job can finish before invoke() hands back its id, so hold events until then.
      const early: EngineEvent[] = [];
      let unsubscribe: () => void = () => {};

      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        if (graceTimer !== undefined) clearTimeout(graceTimer);
        outcome();
      };

      const finish = (event: JobFinished): void => {
        const { result } = event;
        if (!result.ok) {
          settle(() => reject(toWorkbenchError(result.error)));
          return;
        }
        // The event carries the value as unknown; the contract says what it must be.
        const parsed = JOB_RESULTS[channel].safeParse(result.value);
        if (!parsed.success) {
          settle(() => reject(new WorkbenchError('internal', `The engine sent an unexpected ${channel} result.`)));
          return;
        }
        settle(() => resolve(parsed.data as JobResultOf<C>));
      };

      const handle = (event: EngineEvent): void => {
        if (settled) return;
        if (jobId === undefined) {
          early.push(event);
          return;
        }
        if (event.type === 'store:locked' || event.job !== jobId) return;
        if (event.type === 'job:progress') {
          onProgress({ phase: event.phase, done: event.done, total: event.total });
        } else {
          finish(event);
        }
      };

      const requestCancel = (job: string): void => {
        call('jobs:cancel', { job }).then(
          ({ cancelled }) => {
            if (!cancelled || settled) return;
            graceTimer = setTimeout(
              () => settle(() => reject(new WorkbenchError('cancelled', 'Cancelled.'))),
              cancelGraceMs,
            );
          },
          // If the cancel itself fails the job carries on, and its finished event still settles us.
          () => {},
        );
      };

      function onAbort(): void {
        if (jobId !== undefined && !settled) requestCancel(jobId);
      }

      try {
        unsubscribe = getApi().onEvent(handle);
      } catch (error) {
        settle(() => reject(toWorkbenchError(error)));
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });

      call(channel, request).then(
        (started) => {
          if (settled) return;
          jobId = (started as JobStarted).job;
          for (const event of early.splice(0)) handle(event);
          if (signal?.aborted && !settled) requestCancel(jobId);
        },
        (error: unknown) => settle(() => reject(toWorkbenchError(error))),
      );
    });
  }

  function onStoreLocked(listener: () => void): () => void {
    return getApi().onEvent((event) => {
      if (event.type === 'store:locked') listener();
    });
  }

  return { call, runJob, onStoreLocked };
}
