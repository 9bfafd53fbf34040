import type { ColDef } from 'ag-grid-community';
import { RECORD_COLUMNS, type RecordColumn, type RecordRow } from '../../../../shared/ipc/contract.js';

export const RECORD_COLUMN_LABELS: Record<RecordColumn, string> = {
  id: 'Record ID',
  source: 'Source',
  sheet: 'Sheet',
  rowNumber: 'Row',
  forename: 'First name',
  surname: 'Last name',
  dob: 'Date of birth',
  sex: 'Sex',
  address: 'Address',
  postcode: 'Postcode',
  uprn: 'UPRN',
  nhsNumber: 'NHS number',
  nino: 'National Insurance number',
  upn: 'Unique pupil number',
};

const WIDE: ReadonlySet<RecordColumn> = new Set(['address', 'source']);
const NARROW: ReadonlySet<RecordColumn> = new Set(['id', 'rowNumber', 'sex']);

export const RECORD_COLUMN_DEFS: ColDef<RecordRow>[] = RECORD_COLUMNS.map((column) => ({
  colId: column,
  field: column,
  headerName: RECORD_COLUMN_LABELS[column],
  minWidth: NARROW.has(column) ? 110 : WIDE.has(column) ? 240 : 160,
  flex: WIDE.has(column) ? 2 : 1,
}));

/** What the importer could not read cleanly in the row: shown in bold red, never sorted or filtered. */
export const PROBLEMS_COLUMN_DEF: ColDef<RecordRow> = {
  colId: 'problems',
  headerName: 'Problems',
  valueGetter: (params) => params.data?.problems.join('; ') ?? '',
  cellClass: 'record-problems',
  sortable: false,
  filter: false,
  minWidth: 280,
  flex: 2,
};

/** Rows with problems stand out: a marker that does not rely on colour alone (the Problems column says what). */
export const ROW_CLASS_RULES = {
  'records-grid__row--problem': (params: { data?: RecordRow | undefined }) => (params.data?.problems.length ?? 0) > 0,
};

export const DEFAULT_COLUMN_DEF: ColDef<RecordRow> = {
  sortable: true,
  resizable: true,
  // Long plain-English headings ("National Insurance number") wrap rather than truncate.
  wrapHeaderText: true,
  autoHeaderHeight: true,
  filter: 'agTextColumnFilter',
  // The engine filters with "contains" only (RecordsPageRequest.filters), one condition a column.
  filterParams: { filterOptions: ['contains'], maxNumConditions: 1, debounceMs: 300 },
};
