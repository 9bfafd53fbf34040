import { useCallback, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { mayUse } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { RecordsGrid } from '../records/RecordsGrid.js';
import { DemoSection } from './DemoSection.js';
import { ImportSection } from './ImportSection.js';
import { PartnersSection } from './PartnersSection.js';
import { SourceDetail } from './SourceDetail.js';
import { SourcesTable } from './SourcesTable.js';
import { useSources } from './use-sources.js';
import { InboxSection } from '../inbox/InboxSection.js';
import { AggregatesSection } from '../aggregates/AggregatesSection.js';

interface SourcesPageProps {
  info: AppInfo;
  onStoreChanged(): void;
}

export function SourcesPage({ info, onStoreChanged }: SourcesPageProps) {
  // One counter drives every refresh: the list and the grid fetch again after any import.
  const [refreshKey, setRefreshKey] = useState(0);
  const { state, reload } = useSources(refreshKey);
  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);
  // Offer only what the signed-in role may use; the engine refuses the rest on every call anyway.
  const session = info.store.session;
  const canImport = mayUse(session, 'import:start');
  const canSeeRecords = mayUse(session, 'records:page');
  const canMakeDemo = mayUse(session, 'demo:create');
  const canTakeIn = mayUse(session, 'inbox:takeIn');
  const partnerOrganisation = session?.role === 'partner' ? session.organisation : null;
  const [viewing, setViewing] = useState<number | null>(null);
  const viewed = viewing !== null && state.status === 'loaded' ? state.sources.find((s) => s.id === viewing) : undefined;

  if (viewed && canSeeRecords) {
    return (
      <>
        <h1 className="heading-l" tabIndex={-1}>
          Sources
        </h1>
        <SourceDetail source={viewed} info={info} refreshKey={refreshKey} onBack={() => setViewing(null)} onChanged={refresh} />
      </>
    );
  }

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Sources
      </h1>
      {canImport ? (
        <p className="body lead">
          Sources are the extracts partner agencies send you. Import each file here; the workbench keeps every row
          exactly as it was, with the file, sheet and row it came from.
        </p>
      ) : (
        <p className="body lead">Sources are the extracts partner agencies send, and how many rows each one holds.</p>
      )}
      {!canImport && !canSeeRecords ? (
        <p className="body" data-testid="sources-role-note">
          As a {session?.role ?? 'user in this role'} you see which files have been imported, but not the people in
          them: importing files and seeing records is for analysts and partners.
        </p>
      ) : null}
      {partnerOrganisation ? (
        <p className="body" data-testid="sources-role-note">
          You are signed in for {partnerOrganisation}, so you see only the files imported for {partnerOrganisation}{' '}
          and the records in them. Files you import are filed under {partnerOrganisation}.
        </p>
      ) : null}

      <section className="section" aria-labelledby="sources-heading">
        <h2 className="heading-m" id="sources-heading">
          Imported sources
        </h2>
        {state.status === 'loading' ? (
          <p className="body" role="status">
            Loading sources…
          </p>
        ) : null}
        {state.status === 'failed' ? (
          <>
            <ErrorSummary title="The sources could not be loaded" errors={[{ message: state.message }]} />
            <button type="button" className="button button--secondary" onClick={reload}>
              Try again
            </button>
          </>
        ) : null}
        {state.status === 'loaded' ? (
          <SourcesTable sources={state.sources} onView={canSeeRecords ? (source) => setViewing(source.id) : undefined} />
        ) : null}
      </section>

      {canImport ? (
        <ImportSection
          info={info}
          onImported={() => {
            refresh();
            // An import can make a source overdue at once: the banner names it straight away.
            onStoreChanged();
          }}
          fixedPartner={partnerOrganisation}
          onViewSource={canSeeRecords ? setViewing : undefined}
        />
      ) : null}

      {mayUse(session, 'partners:list') ? <PartnersSection canManage={mayUse(session, 'partners:save')} refreshKey={refreshKey} /> : null}
      {canTakeIn ? (
        <InboxSection
          onTakenIn={() => {
            refresh();
            onStoreChanged();
          }}
        />
      ) : null}
      {mayUse(session, 'aggregates:status') ? <AggregatesSection /> : null}

      {canMakeDemo ? (
        <DemoSection
          synthetic={info.store.synthetic}
          onCreated={() => {
            refresh();
            onStoreChanged();
          }}
        />
      ) : null}

      {canSeeRecords ? (
        <RecordsGrid sources={state.status === 'loaded' ? state.sources : []} refreshKey={refreshKey} />
      ) : null}
    </>
  );
}
