import { useCallback, useEffect, useState } from 'react';
import type { UserRow } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { plainErrorMessage } from '../../components/error-message.js';

export type UsersState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; users: UserRow[] }
  | { status: 'failed'; message: string };

/** The store's users (analysts only; nothing is asked of the engine when `enabled` is false). */
export function useUsers(enabled: boolean, refreshKey: number): { state: UsersState; reload(): void } {
  const [state, setState] = useState<UsersState>({ status: enabled ? 'loading' : 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    // Keep the table on screen while it refreshes after an add or a remove.
    setState((prev) => (prev.status === 'loaded' ? prev : { status: 'loading' }));
    workbench.call('users:list', {}).then(
      (users) => current && setState({ status: 'loaded', users }),
      (error: unknown) =>
        current &&
        setState({ status: 'failed', message: plainErrorMessage(error, 'Only analysts can see the users of this store.') }),
    );
    return () => {
      current = false;
    };
  }, [enabled, refreshKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
