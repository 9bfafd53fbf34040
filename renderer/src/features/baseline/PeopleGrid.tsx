import type { ColDef, IDatasource, IGetRowsParams, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import { AGE_BANDS, PERSON_FLAGS, type HouseholdRow, type PeopleRow } from '../../../../shared/ipc/channels/baseline.js';
import { readCspNonce } from '../../app/csp-nonce.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { formatCount } from '../../components/format.js';
import { gridTheme } from '../records/grid-setup.js';
import { useEngineValue } from '../matching/use-engine-value.js';
import type { BaselineView } from './BaselinePage.js';

const styleNonce = readCspNonce();
const BLOCK_SIZE = 100;
const ANY = 'any';
const FLAG_LABELS: Record<(typeof PERSON_FLAGS)[number], string> = { 'in-review': 'In review', 'possible-twin': 'Possible twin', 'no-dob': 'No date of birth' };

const PEOPLE_COLUMNS: ColDef<PeopleRow>[] = [
  { colId: 'personId', field: 'personId', headerName: 'Person', minWidth: 120 },
  { colId: 'forename', field: 'forename', headerName: 'First name', minWidth: 140 },
  { colId: 'surname', field: 'surname', headerName: 'Last name', minWidth: 140 },
  { colId: 'dob', field: 'dob', headerName: 'Date of birth', minWidth: 140 },
  { colId: 'age', field: 'age', headerName: 'Age', minWidth: 90 },
  { colId: 'householdId', field: 'householdId', headerName: 'Household', minWidth: 130 },
  { colId: 'postcode', field: 'postcode', headerName: 'Postcode', minWidth: 120 },
  { colId: 'lsoa', field: 'lsoa', headerName: 'Area (LSOA)', minWidth: 140 },
  { colId: 'imdDecile', field: 'imdDecile', headerName: 'IMD decile', minWidth: 120 },
  { colId: 'records', field: 'records', headerName: 'Records', minWidth: 110 },
  { colId: 'flags', headerName: 'Flags', sortable: false, minWidth: 160, valueGetter: (p) => (p.data?.flags ?? []).map((f) => FLAG_LABELS[f]).join(', ') },
];
const HOUSEHOLD_COLUMNS: ColDef<HouseholdRow>[] = [
  { colId: 'householdId', field: 'householdId', headerName: 'Household', minWidth: 130 },
  { colId: 'members', field: 'members', headerName: 'Members', minWidth: 110 },
  { colId: 'adults', field: 'adults', headerName: 'Adults', minWidth: 100 },
  { colId: 'children', field: 'children', headerName: 'Children', minWidth: 110 },
  { colId: 'address', field: 'address', headerName: 'Address', minWidth: 260, flex: 2 },
  { colId: 'postcode', field: 'postcode', headerName: 'Postcode', minWidth: 120 },
  { colId: 'lsoa', field: 'lsoa', headerName: 'Area (LSOA)', minWidth: 140 },
  { colId: 'imdDecile', field: 'imdDecile', headerName: 'IMD decile', minWidth: 120 },
  { colId: 'sources', field: 'sources', headerName: 'Sources', sortable: false, minWidth: 110 },
];
const DECILES = Array.from({ length: 10 }, (_, i) => String(i + 1));
type Sort = Array<{ colId: string; sort: 'asc' | 'desc' }>;

/** The people or the households of the baseline, a page at a time from SQL; a row opens its page. */
export function PeopleGrid({ onOpen }: { onOpen(view: BaselineView): void }) {
  const [kind, setKind] = useState<'people' | 'households'>('people');
  const [ageBand, setAgeBand] = useState(ANY);
  const [flag, setFlag] = useState(ANY);
  const [source, setSource] = useState(ANY);
  const [lsoa, setLsoa] = useState('');
  const [decile, setDecile] = useState(ANY);
  const [cohort, setCohort] = useState(ANY);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [exported, setExported] = useState<string | null>(null);
  const sortNow = useRef<Sort>([]);
  // the page after each page fetched starts after that page's last row (keyset): its cursor, by start row
  const cursors = useRef(new Map<number, string>());
  const programmes = useEngineValue('programme:list', {});
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sources = useEngineValue('sources:list', {});
  const filters = useMemo(
    () => ({
      ...(ageBand !== ANY && kind === 'people' ? { ageBand: ageBand as (typeof AGE_BANDS)[number] } : {}),
      ...(flag !== ANY ? { flag: flag as (typeof PERSON_FLAGS)[number] } : {}),
      ...(source !== ANY ? { sourceId: Number(source) } : {}),
      ...(lsoa.trim() ? { lsoa: lsoa.trim().toUpperCase() } : {}),
      ...(decile !== ANY ? { imdDecile: Number(decile) } : {}),
      ...(cohort !== ANY ? { cohort } : {}),
    }),
    [ageBand, flag, source, lsoa, kind, decile, cohort],
  );
  const filtered = Object.keys(filters).length > 0;
  const datasource = useMemo<IDatasource>(() => {
    cursors.current = new Map();
    let sortKey = '';
    return {
      getRows(params: IGetRowsParams) {
        const sort: Sort = params.sortModel.slice(0, 1).map((s) => ({ colId: s.colId, sort: s.sort }));
        // a new sort starts a new chain of cursors
        if (JSON.stringify(sort) !== sortKey) {
          sortKey = JSON.stringify(sort);
          cursors.current = new Map();
        }
        sortNow.current = sort;
        const after = cursors.current.get(params.startRow);
        const request = { startRow: params.startRow, endRow: params.endRow, sort, filters, ...(after ? { after } : {}) };
        const channel = kind === 'people' ? 'baseline:people' : 'baseline:households';
        workbench.call(channel, request).then(
          (page) => {
            setError(null);
            setTotal(page.run === null ? null : page.lastRow);
            if (page.next) cursors.current.set(params.endRow, page.next);
            params.successCallback(page.rows, page.lastRow);
          },
          (e: unknown) => {
            setError(toWorkbenchError(e).message);
            params.failCallback();
          },
        );
      },
    };
  }, [kind, filters]);
  const columns = kind === 'people' ? PEOPLE_COLUMNS : HOUSEHOLD_COLUMNS;
  const shownColumns = columns.filter((c) => !hidden.has(`${kind}:${c.colId}`));
  const exportView = (): void => {
    setExported(null);
    workbench
      .call('baseline:gridExport', { kind, sort: sortNow.current, filters, columns: shownColumns.map((c) => c.colId as string).filter((c) => c !== 'flags' || kind === 'people') })
      .then(
        (r) => setExported(r.saved ? `Saved ${formatCount(r.rows)} ${r.rows === 1 ? 'row' : 'rows'} to ${r.path ?? 'the file you chose'}.` : 'Nothing was saved.'),
        (e: unknown) => setError(toWorkbenchError(e).message),
      );
  };
  const noun = kind === 'people' ? 'people' : 'households';
  const sourceOptions = [
    { value: ANY, label: 'Any source' },
    ...(sources.state.status === 'loaded' ? sources.state.value.map((s) => ({ value: String(s.id), label: `${s.fileName} (${s.partner})` })) : []),
  ];

  return (
    <section className="section" aria-labelledby="baseline-grid-heading">
      <h2 className="heading-m" id="baseline-grid-heading">
        {kind === 'people' ? 'Everyone' : 'Every household'}
      </h2>
      <div className="button-group" role="group" aria-label="Show">
        <button type="button" className={`button ${kind === 'people' ? '' : 'button--secondary'}`} aria-pressed={kind === 'people'} onClick={() => setKind('people')}>
          People
        </button>
        <button type="button" className={`button ${kind === 'households' ? '' : 'button--secondary'}`} aria-pressed={kind === 'households'} onClick={() => setKind('households')}>
          Households
        </button>
      </div>
      <div className="baseline-filters">
        {kind === 'people' ? (
          <SelectField id="baseline-age-band" label="Age" value={ageBand} onChange={setAgeBand} options={[{ value: ANY, label: 'Any age' }, ...AGE_BANDS.map((b) => ({ value: b, label: b === 'unknown' ? 'Not known' : b }))]} />
        ) : null}
        <SelectField id="baseline-flag" label="Flag" value={flag} onChange={setFlag} options={[{ value: ANY, label: 'Any' }, ...PERSON_FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] }))]} />
        <SelectField id="baseline-source" label="Source" value={source} onChange={setSource} options={sourceOptions} />
        <SelectField id="baseline-imd" label="IMD decile" value={decile} onChange={setDecile} options={[{ value: ANY, label: 'Any decile' }, ...DECILES.map((d) => ({ value: d, label: d === '1' ? '1 (most deprived)' : d === '10' ? '10 (least deprived)' : d }))]} />
        <SelectField
          id="baseline-cohort"
          label="In the cohort of"
          value={cohort}
          onChange={setCohort}
          options={[{ value: ANY, label: 'Any family' }, ...(programmes.state.status === 'loaded' ? programmes.state.value.map((p) => ({ value: p.name, label: p.title })) : [])]}
        />
        <div className="form-group">
          <label className="label" htmlFor="baseline-lsoa">
            Area (LSOA code)
          </label>
          <input className="input input--short" id="baseline-lsoa" value={lsoa} onChange={(e) => setLsoa(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
      </div>
      <details className="details" data-testid="baseline-columns">
        <summary className="details__summary">Choose columns</summary>
        <fieldset className="fieldset checkboxes">
          <legend className="visually-hidden">Columns to show and export</legend>
          {columns.map((c) => {
            const key = `${kind}:${c.colId}`;
            return (
              <div className="checkboxes__item" key={key}>
                <input
                  className="checkboxes__input"
                  type="checkbox"
                  id={`baseline-column-${c.colId}`}
                  checked={!hidden.has(key)}
                  onChange={(e) =>
                    setHidden((h) => {
                      const next = new Set(h);
                      if (e.target.checked) next.delete(key);
                      else next.add(key);
                      return next;
                    })
                  }
                />
                <label className="label checkboxes__label" htmlFor={`baseline-column-${c.colId}`}>
                  {c.headerName}
                </label>
              </div>
            );
          })}
        </fieldset>
      </details>
      <button type="button" className="button button--secondary" onClick={exportView} disabled={total === null || total === 0}>
        Export this view (CSV)
      </button>
      {exported ? (
        <p className="body" role="status" data-testid="baseline-export-status">
          {exported}
        </p>
      ) : null}
      {error ? <ErrorSummary title={`The ${noun} could not be loaded`} errors={[{ message: error }]} /> : null}
      <p className="body" role="status" data-testid="baseline-grid-count">
        {total === null
          ? 'Run matching to build the baseline.'
          : total === 0
            ? filtered
              ? `No ${noun} match these filters.`
              : `No ${noun} yet. Import files and run matching.`
            : `${formatCount(total)} ${total === 1 ? noun.replace(/s$/, '').replace(/^people$/, 'person') : noun}. Select a row to open it.`}
      </p>
      <div className="records-grid" data-testid="baseline-grid">
        {kind === 'people' ? (
          <AgGridReact<PeopleRow>
            key="people"
            theme={gridTheme}
            styleNonce={styleNonce}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={BLOCK_SIZE}
            columnDefs={shownColumns as ColDef<PeopleRow>[]}
            suppressMultiSort
            defaultColDef={{ sortable: true, resizable: true, flex: 1 }}
            getRowId={(p) => p.data.personId}
            onRowClicked={(e: RowClickedEvent<PeopleRow>) => e.data && onOpen({ kind: 'person', id: e.data.personId })}
          />
        ) : (
          <AgGridReact<HouseholdRow>
            key="households"
            theme={gridTheme}
            styleNonce={styleNonce}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={BLOCK_SIZE}
            columnDefs={shownColumns as ColDef<HouseholdRow>[]}
            suppressMultiSort
            defaultColDef={{ sortable: true, resizable: true, flex: 1 }}
            getRowId={(p) => p.data.householdId}
            onRowClicked={(e: RowClickedEvent<HouseholdRow>) => e.data && onOpen({ kind: 'household', id: e.data.householdId })}
          />
        )}
      </div>
    </section>
  );
}
