import type { GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordRow, SourceRow } from '../../../../shared/ipc/contract.js';
import { readCspNonce } from '../../app/csp-nonce.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { formatCount } from '../../components/format.js';
import { DEFAULT_COLUMN_DEF, RECORD_COLUMN_DEFS } from './columns.js';
import { gridTheme } from './grid-setup.js';
import { toRecordsPageRequest } from './page-request.js';

const BLOCK_SIZE = 100;
const ALL_SOURCES = 'all';

interface RecordsGridProps {
  sources: readonly SourceRow[];
  /** Bumped by the page when an import finishes, so the grid fetches again. */
  refreshKey: number;
}

const styleNonce = readCspNonce();

/** Every record in the store, paged from the engine as the user scrolls, sorts and filters. */
export function RecordsGrid({ sources, refreshKey }: RecordsGridProps) {
  const [sourceFilter, setSourceFilter] = useState(ALL_SOURCES);
  const [total, setTotal] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const api = useRef<GridApi<RecordRow> | null>(null);

  const sourceId = sourceFilter === ALL_SOURCES ? undefined : Number(sourceFilter);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const request = toRecordsPageRequest(params, sourceId);
        workbench.call('records:page', request).then(
          ({ rows, total: count }) => {
            setLoadError(null);
            setTotal(count);
            params.successCallback(rows, count);
          },
          (error: unknown) => {
            setLoadError(toWorkbenchError(error).message);
            params.failCallback();
          },
        );
      },
    }),
    [sourceId],
  );

  useEffect(() => {
    if (refreshKey > 0) api.current?.purgeInfiniteCache();
  }, [refreshKey]);

  const onGridReady = useCallback((event: GridReadyEvent<RecordRow>) => {
    api.current = event.api;
  }, []);

  const sourceOptions = [
    { value: ALL_SOURCES, label: 'All sources' },
    ...sources.map((source) => ({ value: String(source.id), label: `${source.fileName} (${source.partner})` })),
  ];

  return (
    <section className="section" aria-labelledby="records-heading">
      <h2 className="heading-m" id="records-heading">
        Records
      </h2>
      <p className="body">
        One row for each person found in the imported files. Sort by selecting a column heading; filter with the menu
        in each heading.
      </p>
      <SelectField
        id="records-source"
        label="Show records from"
        value={sourceFilter}
        options={sourceOptions}
        onChange={setSourceFilter}
      />
      {loadError ? <ErrorSummary title="The records could not be loaded" errors={[{ message: loadError }]} /> : null}
      <p className="body" role="status" data-testid="records-count">
        {total === null
          ? 'Loading records…'
          : total === 0
            ? 'No records yet. Import a file or create demo data to see them here.'
            : `${formatCount(total)} ${total === 1 ? 'record' : 'records'}`}
      </p>
      <div className="records-grid" data-testid="records-grid">
        <AgGridReact<RecordRow>
          theme={gridTheme}
          styleNonce={styleNonce}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={50}
          columnDefs={RECORD_COLUMN_DEFS}
          defaultColDef={DEFAULT_COLUMN_DEF}
          getRowId={(params) => String(params.data.id)}
          onGridReady={onGridReady}
        />
      </div>
    </section>
  );
}
