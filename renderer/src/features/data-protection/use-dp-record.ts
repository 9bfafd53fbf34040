import { useCallback, useEffect, useState } from 'react';
import type { DataProtectionRecord } from '../../../../shared/ipc/channels/governance.js';
import { workbench } from '../../api/client.js';
import { plainErrorMessage } from '../../components/error-message.js';

export type RecordState =
  | { status: 'loading' }
  | { status: 'loaded'; record: DataProtectionRecord }
  | { status: 'failed'; message: string };

/** The data protection record, fetched again whenever `reload` is called (after a purge or an export). */
export function useDpRecord(): { state: RecordState; reload(): void } {
  const [state, setState] = useState<RecordState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    // Keep the record on screen while it refreshes.
    setState((prev) => (prev.status === 'loaded' ? prev : { status: 'loading' }));
    workbench.call('governance:record', {}).then(
      (record) => current && setState({ status: 'loaded', record }),
      (error: unknown) =>
        current && setState({ status: 'failed', message: plainErrorMessage(error, 'Only analysts can see the data protection record.') }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
