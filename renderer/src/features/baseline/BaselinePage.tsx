import { useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { mayUse } from '../../app/session.js';
import { HouseholdView } from './HouseholdView.js';
import { PeopleGrid } from './PeopleGrid.js';
import { PersonView } from './PersonView.js';
import { SearchPanel } from './SearchPanel.js';
import { StreetsView } from './StreetsView.js';
import './baseline.css';

export type BaselineView = { kind: 'home' } | { kind: 'person'; id: string } | { kind: 'household'; id: string };

interface BaselinePageProps {
  info: AppInfo;
  /** Open on this person's page (another page's "open person" link). */
  personTarget?: string | null;
}

/** Every person, household and street of the latest matching run: search, grids and pages. */
export function BaselinePage({ info, personTarget }: BaselinePageProps) {
  const session = info.store.session;
  const [view, setView] = useState<BaselineView>(personTarget ? { kind: 'person', id: personTarget } : { kind: 'home' });
  const [history, setHistory] = useState<BaselineView[]>([]);
  const open = (next: BaselineView): void => {
    setHistory((h) => [...h, view]);
    setView(next);
  };
  const back = (): void => {
    const previous = history[history.length - 1] ?? { kind: 'home' };
    setHistory((h) => h.slice(0, -1));
    setView(previous);
  };
  const canSeePeople = mayUse(session, 'baseline:search');

  if (view.kind === 'person') return <PersonView personId={view.id} onOpen={open} onBack={back} hostIsBrowser={info.fileChooser === 'path'} />;
  if (view.kind === 'household') return <HouseholdView householdId={view.id} onOpen={open} onBack={back} />;
  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Baseline
      </h1>
      <p className="body lead">Every person, household and street found by the latest matching run, with everything behind them.</p>
      {canSeePeople ? (
        <>
          <SearchPanel onOpen={open} />
          <PeopleGrid onOpen={open} />
        </>
      ) : (
        <p className="body" data-testid="baseline-role-note">
          People and households are for analysts. As a {session?.role ?? 'user in this role'} you see how many households each street holds, with small
          numbers hidden.
        </p>
      )}
      {mayUse(session, 'baseline:streets') ? <StreetsView /> : null}
    </>
  );
}
