import type { MouseEvent, ReactNode } from 'react';
import type { StoreStatus } from '../../../shared/ipc/contract.js';
import { SyntheticBanner } from '../components/SyntheticBanner.js';
import { WarningText } from '../components/WarningText.js';
import { focusElementById } from '../components/focus-element.js';
import { StoreReminders, storeFileName } from '../features/stores/StoreReminders.js';
import { Header } from './Header.js';

export const MAIN_ID = 'main-content';

interface AppFrameProps {
  store: StoreStatus | null;
  children: ReactNode;
  nav?: ReactNode;
  onLock?: (() => void) | undefined;
  locking?: boolean;
  /** Shown between the header and the page, e.g. a failed lock. */
  notice?: ReactNode;
}

/** Everything every screen has: skip link, header, the synthetic-data banner, landmarks. */
export function AppFrame({ store, children, nav, onLock, locking, notice }: AppFrameProps) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusElementById(MAIN_ID);
  };
  return (
    <>
      <a href={`#${MAIN_ID}`} className="skip-link" onClick={skip}>
        Skip to main content
      </a>
      <Header onLock={onLock} locking={locking} session={store?.unlocked ? store.session : null} storeName={store ? storeFileName(store.path) : undefined} />
      {store?.synthetic ? <SyntheticBanner /> : null}
      <div className={`layout${nav ? ' layout--with-nav' : ''}`}>
        {nav}
        <main className="main" id={MAIN_ID} tabIndex={-1}>
          {store?.networkShareWarning ? <WarningText>{store.networkShareWarning}</WarningText> : null}
          {store && store.overdueSources > 0 ? (
            <WarningText>
              <span data-testid="overdue-banner">
                {store.overdueSources === 1 ? '1 source is' : `${store.overdueSources} sources are`} past the retention date in
                their data-sharing agreement{store.overdueNames && store.overdueNames.length > 0 ? `: ${store.overdueNames.join(', ')}` : ''}. An
                analyst can delete {store.overdueSources === 1 ? 'its' : 'their'} data from the data protection record in Audit
                &amp; settings.
              </span>
            </WarningText>
          ) : null}
          <StoreReminders store={store} />
          {notice}
          {children}
        </main>
      </div>
    </>
  );
}
