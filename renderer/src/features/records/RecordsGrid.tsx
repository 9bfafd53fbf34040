import type { GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordRow, SourceRow } from '../../../../shared/ipc/contract.js';
import { readCspNonce } from '../../app/csp-nonce.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { recordsCountMessage } from './count-message.js';
import { DEFAULT_COLUMN_DEF, PROBLEMS_COLUMN_DEF, RECORD_COLUMN_DEFS, ROW_CLASS_RULES } from './columns.js';
import './records.css';
import { gridTheme } from './grid-setup.js';
import { toRecordsPageRequest } from './page-request.js';

const BLOCK_SIZE = 100;
const ALL_SOURCES = 'all';

interface RecordsGridProps {
  sources: readonly SourceRow[];
  /** Bumped by the page when an import finishes, so the grid fetches again. */
  refreshKey: number;
  /** One source's own view: the grid shows only it, with its problems, and no source chooser. */
  fixedSource?: SourceRow | undefined;
}

const styleNonce = readCspNonce();

/** Every record in the store, paged from the engine as the user scrolls, sorts and filters. */
export function RecordsGrid({ sources, refreshKey, fixedSource }: RecordsGridProps) {
  const [chosenSource, setSourceFilter] = useState(ALL_SOURCES);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const sourceFilter = fixedSource ? String(fixedSource.id) : chosenSource;
  const idPrefix = fixedSource ? `source-${fixedSource.id}-records` : 'records';
  const [total, setTotal] = useState<number | null>(null);
  // whether the rows shown are narrowed by a filter: an empty grid then means "none match", not "none yet"
  const [narrowed, setNarrowed] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const api = useRef<GridApi<RecordRow> | null>(null);

  const sourceId = sourceFilter === ALL_SOURCES ? undefined : Number(sourceFilter);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const request = toRecordsPageRequest(params, sourceId, problemsOnly);
        const filteredNow = (!fixedSource && sourceId !== undefined) || problemsOnly || Object.keys((params.filterModel ?? {}) as object).length > 0;
        workbench.call('records:page', request).then(
          ({ rows, total: count }) => {
            setLoadError(null);
            setNarrowed(filteredNow);
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
    [sourceId, problemsOnly, fixedSource],
  );
  // In a source's own view the problems come straight after the row number, where they are seen.
  const columnDefs = useMemo(() => {
    if (!fixedSource) return RECORD_COLUMN_DEFS;
    const at = RECORD_COLUMN_DEFS.findIndex((c) => c.colId === 'rowNumber') + 1;
    return [...RECORD_COLUMN_DEFS.slice(0, at), PROBLEMS_COLUMN_DEF, ...RECORD_COLUMN_DEFS.slice(at)];
  }, [fixedSource]);

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
    <section className="section" aria-labelledby={`${idPrefix}-heading`}>
      <h2 className="heading-m" id={`${idPrefix}-heading`}>
        {fixedSource ? `Records from ${fixedSource.fileName}` : 'Records'}
      </h2>
      <p className="body">
        One row for each person found in {fixedSource ? 'this file' : 'the imported files'}. Sort by selecting a column
        heading; filter with the menu in each heading.
        {fixedSource ? ' Rows the workbench could not read cleanly are marked, and the Problems column says why.' : ''}
      </p>
      {fixedSource ? null : (
        <SelectField
          id="records-source"
          label="Show records from"
          value={sourceFilter}
          options={sourceOptions}
          onChange={setSourceFilter}
        />
      )}
      <div className="checkboxes__item">
        <input
          className="checkboxes__input"
          id={`${idPrefix}-problems-only`}
          type="checkbox"
          checked={problemsOnly}
          onChange={(event) => setProblemsOnly(event.target.checked)}
        />
        <label className="label checkboxes__label" htmlFor={`${idPrefix}-problems-only`}>
          Only records with problems
        </label>
      </div>
      {loadError ? <ErrorSummary title="The records could not be loaded" errors={[{ message: loadError }]} /> : null}
      <p className="body" role="status" data-testid={fixedSource ? 'source-records-count' : 'records-count'}>
        {recordsCountMessage(total, narrowed)}
      </p>
      <div className="records-grid" data-testid={fixedSource ? 'source-records-grid' : 'records-grid'}>
        <AgGridReact<RecordRow>
          theme={gridTheme}
          styleNonce={styleNonce}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={50}
          columnDefs={columnDefs}
          rowClassRules={ROW_CLASS_RULES}
          defaultColDef={DEFAULT_COLUMN_DEF}
          getRowId={(params) => String(params.data.id)}
          onGridReady={onGridReady}
        />
      </div>
    </section>
  );
}
