import { useCallback, useEffect, useState } from 'react';
import type { Channel, RequestOf, ResponseOf } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { plainErrorMessage } from '../../components/error-message.js';

export type EngineValue<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

/**
 * One engine call's answer in React state, asked again whenever the request (compared by value)
 * or `refreshKey` changes. A slower earlier answer never replaces a newer one.
 */
export function useEngineValue<C extends Channel>(
  channel: C,
  request: RequestOf<C> | null,
  refreshKey = 0,
): { state: EngineValue<ResponseOf<C>>; reload(): void } {
  const [state, setState] = useState<EngineValue<ResponseOf<C>>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = request === null ? null : JSON.stringify(request);

  useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    workbench.call(channel, JSON.parse(key) as RequestOf<C>).then(
      (value) => current && setState({ status: 'loaded', value }),
      (error: unknown) => current && setState({ status: 'failed', message: plainErrorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [channel, key, refreshKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
