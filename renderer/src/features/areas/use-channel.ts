import { useCallback, useEffect, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';

export type Loaded<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

/**
 * Calls a channel and keeps the answer in state; calls again when `key` (or the request's
 * JSON) changes. A null request waits. Answers to superseded calls are dropped.
 */
export function useChannel<C extends Channel>(channel: C, request: RequestOf<C> | null, key = 0): { state: Loaded<ResponseOf<C>>; reload(): void } {
  const [state, setState] = useState<Loaded<ResponseOf<C>>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const body = request === null ? null : JSON.stringify(request);

  useEffect(() => {
    if (body === null) return;
    let current = true;
    // The last answer stays on screen while the next is fetched, so a refresh keeps the page's state.
    setState((prev) => (prev.status === 'loaded' ? prev : { status: 'loading' }));
    workbench.call(channel, JSON.parse(body) as RequestOf<C>).then(
      (value) => current && setState({ status: 'loaded', value }),
      (error: unknown) => current && setState({ status: 'failed', message: toWorkbenchError(error).message }),
    );
    return () => {
      current = false;
    };
  }, [channel, body, key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
