import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobChannel, JobResultOf, RequestOf } from '../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench, type JobProgressUpdate, type WorkbenchError } from './client.js';

export type JobState<C extends JobChannel> =
  | { status: 'idle' }
  | { status: 'running'; progress: JobProgressUpdate | null; cancelling: boolean }
  | { status: 'finished'; result: JobResultOf<C> }
  | { status: 'failed'; error: WorkbenchError };

export interface JobControls<C extends JobChannel> {
  state: JobState<C>;
  /** Resolves with the result, or null when the job failed or was cancelled (see `state`). */
  start(request: RequestOf<C>): Promise<JobResultOf<C> | null>;
  cancel(): void;
  reset(): void;
}

/** Runs one job at a time for a component and keeps its progress in React state. */
export function useJob<C extends JobChannel>(channel: C): JobControls<C> {
  const [state, setState] = useState<JobState<C>>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    // Leaving the page does not cancel the job: an import carries on in the engine.
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback((next: JobState<C> | ((prev: JobState<C>) => JobState<C>)) => {
    if (mounted.current) setState(next);
  }, []);

  const start = useCallback(
    async (request: RequestOf<C>): Promise<JobResultOf<C> | null> => {
      const abort = new AbortController();
      controller.current = abort;
      update({ status: 'running', progress: null, cancelling: false });
      try {
        const result = await workbench.runJob(
          channel,
          request,
          (progress) =>
            update((prev) => (prev.status === 'running' ? { ...prev, progress } : prev)),
          abort.signal,
        );
        update({ status: 'finished', result });
        return result;
      } catch (error) {
        update({ status: 'failed', error: toWorkbenchError(error) });
        return null;
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [channel, update],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    update((prev) => (prev.status === 'running' ? { ...prev, cancelling: true } : prev));
  }, [update]);

  const reset = useCallback(() => update({ status: 'idle' }), [update]);

  return { state, start, cancel, reset };
}
