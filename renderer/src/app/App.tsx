import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, StoreStatus } from '../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../api/client.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { SetupStorePage } from '../features/setup/SetupStorePage.js';
import { UnlockPage } from '../features/setup/UnlockPage.js';
import { AppFrame } from './AppFrame.js';
import { Shell } from './Shell.js';
import { StartupProblem } from './StartupProblem.js';

type Startup = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; info: AppInfo };

/**
 * The start-up gate: nothing but set-up or unlock is shown until the engine says the store is
 * open, so no screen can ask for data from a locked store.
 */
export function App() {
  const [startup, setStartup] = useState<Startup>({ status: 'loading' });
  const [locking, setLocking] = useState(false);
  const [lockError, setLockError] = useState<string | null>(null);

  const loadInfo = useCallback(async () => {
    try {
      const info = await workbench.call('app:info', {});
      setStartup({ status: 'ready', info });
    } catch (error) {
      setStartup((prev) =>
        // A failed refresh keeps the app usable; only a failed first load stops it.
        prev.status === 'ready' ? prev : { status: 'failed', message: toWorkbenchError(error).message },
      );
    }
  }, []);

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  // After an idle lock the engine refuses everything; go straight back to the Unlock page.
  useEffect(() => {
    try {
      return workbench.onStoreLocked(() => void loadInfo());
    } catch {
      return undefined; // no host: the start-up problem page already says so
    }
  }, [loadInfo]);

  const setStore = useCallback((store: StoreStatus) => {
    setStartup((prev) => (prev.status === 'ready' ? { status: 'ready', info: { ...prev.info, store } } : prev));
  }, []);

  const lock = useCallback(async () => {
    setLocking(true);
    setLockError(null);
    try {
      setStore(await workbench.call('store:lock', {}));
    } catch (error) {
      setLockError(toWorkbenchError(error).message);
    } finally {
      setLocking(false);
    }
  }, [setStore]);

  if (startup.status === 'loading') {
    return (
      <AppFrame store={null}>
        <p className="body" role="status">
          Starting the workbench…
        </p>
      </AppFrame>
    );
  }

  if (startup.status === 'failed') {
    return (
      <AppFrame store={null}>
        <StartupProblem
          message={startup.message}
          onRetry={() => {
            setStartup({ status: 'loading' });
            void loadInfo();
          }}
        />
      </AppFrame>
    );
  }

  const { info } = startup;
  if (!info.store.exists) {
    return (
      <AppFrame store={info.store}>
        <SetupStorePage store={info.store} onCreated={setStore} />
      </AppFrame>
    );
  }
  if (!info.store.unlocked) {
    return (
      <AppFrame store={info.store}>
        <UnlockPage store={info.store} onUnlocked={setStore} onSwitched={() => void loadInfo()} />
      </AppFrame>
    );
  }
  return (
    <Shell
      info={info}
      onStoreChanged={() => void loadInfo()}
      onLock={() => void lock()}
      locking={locking}
      notice={
        lockError ? (
          <ErrorSummary title="The store could not be locked" errors={[{ message: lockError }]} />
        ) : undefined
      }
    />
  );
}
