import { useCallback, useEffect, useState } from 'react';
import type { SourceRow } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';

export type SourcesState =
  | { status: 'loading' }
  | { status: 'loaded'; sources: SourceRow[] }
  | { status: 'failed'; message: string };

/** The imported sources, fetched again whenever `refreshKey` changes. */
export function useSources(refreshKey: number): { state: SourcesState; reload(): void } {
  const [state, setState] = useState<SourcesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    workbench.call('sources:list', {}).then(
      (sources) => current && setState({ status: 'loaded', sources }),
      (error: unknown) => current && setState({ status: 'failed', message: toWorkbenchError(error).message }),
    );
    return () => {
      current = false;
    };
  }, [refreshKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
