import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract.js';
import { AppFrame, MAIN_ID } from './AppFrame.js';
import { Navigation } from './Navigation.js';
import { pageLabel, pageOf, type PageId } from './pages.js';

interface ShellProps {
  info: AppInfo;
  /** Something may have changed the store's status (e.g. demo data made it synthetic). */
  onStoreChanged(): void;
  onLock(): void;
  locking: boolean;
  notice?: ReactNode;
}

/** The unlocked app: pipeline navigation and the current page. */
export function Shell({ info, onStoreChanged, onLock, locking, notice }: ShellProps) {
  const [page, setPage] = useState<PageId>('sources');
  // A person another page asked to open; the navigation clears it (the Baseline page opens at home).
  const [personTarget, setPersonTarget] = useState<{ id: string; n: number } | null>(null);
  const navigate = (next: PageId): void => {
    setPersonTarget(null);
    setPage(next);
  };
  const openPerson = (id: string): void => {
    setPersonTarget((t) => ({ id, n: (t?.n ?? 0) + 1 }));
    setPage('baseline');
  };
  const View = pageOf(page).view;
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${pageLabel(page)} – Baseline Workbench`;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // After a page switch, start keyboard and screen-reader users at the new page's heading.
    document.querySelector<HTMLElement>(`#${MAIN_ID} h1`)?.focus();
    // Banners shown on every screen (overdue sources, re-link needed, backup due) follow the
    // store as it is now, not as it was when the app last asked.
    onStoreChanged();
  }, [page]);

  return (
    <AppFrame
      store={info.store}
      nav={<Navigation current={page} onNavigate={navigate} />}
      onLock={onLock}
      locking={locking}
      notice={notice}
    >
      <View key={page === 'baseline' ? `baseline-${personTarget?.n ?? 0}` : page} info={info} onStoreChanged={onStoreChanged} openPerson={openPerson} personTarget={personTarget?.id ?? null} />
    </AppFrame>
  );
}
