import { useCallback, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { RecordsGrid } from '../records/RecordsGrid.js';
import { DemoSection } from './DemoSection.js';
import { ImportSection } from './ImportSection.js';
import { SourcesTable } from './SourcesTable.js';
import { useSources } from './use-sources.js';

interface SourcesPageProps {
  info: AppInfo;
  onStoreChanged(): void;
}

export function SourcesPage({ info, onStoreChanged }: SourcesPageProps) {
  // One counter drives every refresh: the list and the grid fetch again after any import.
  const [refreshKey, setRefreshKey] = useState(0);
  const { state, reload } = useSources(refreshKey);
  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Sources
      </h1>
      <p className="body lead">
        Sources are the extracts partner agencies send you. Import each file here; the workbench keeps every row
        exactly as it was, with the file, sheet and row it came from.
      </p>

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
        {state.status === 'loaded' ? <SourcesTable sources={state.sources} /> : null}
      </section>

      <ImportSection info={info} onImported={refresh} />

      <DemoSection
        onCreated={() => {
          refresh();
          onStoreChanged();
        }}
      />

      <RecordsGrid sources={state.status === 'loaded' ? state.sources : []} refreshKey={refreshKey} />
    </>
  );
}
