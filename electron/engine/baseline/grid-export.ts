// Export of a people or households grid view (its filters, its sort, the columns chosen) as CSV
// for people: formula-like text neutralised, written through a temporary file, paged by the same
// keyset as the grid so a 300k-row view streams in pages of 500.
import type { GridFilters } from '../../../shared/ipc/channels/baseline.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { writeCsvFile } from '../export/csv-writer.js';
import type { Db } from '../store/database.js';
import { householdsPage, peoplePage, sortableColumns, type GridRequest } from './grids.js';

export const PEOPLE_EXPORT_COLUMNS: Readonly<Record<string, string>> = {
  personId: 'Person',
  forename: 'First name',
  surname: 'Last name',
  dob: 'Date of birth',
  age: 'Age',
  sex: 'Sex',
  householdId: 'Household',
  postcode: 'Postcode',
  lsoa: 'LSOA',
  imdDecile: 'IMD decile',
  records: 'Records',
  sources: 'Sources',
  flags: 'Flags',
};
export const HOUSEHOLD_EXPORT_COLUMNS: Readonly<Record<string, string>> = {
  householdId: 'Household',
  members: 'Members',
  adults: 'Adults',
  children: 'Children',
  address: 'Address',
  postcode: 'Postcode',
  lsoa: 'LSOA',
  imdDecile: 'IMD decile',
  sources: 'Sources',
};

export interface GridExportRequest {
  kind: 'people' | 'households';
  sort: GridRequest['sort'];
  filters: GridFilters;
  columns?: readonly string[] | undefined;
}

const PAGE = 500;

export function exportGrid(db: Db, req: GridExportRequest, out: string, asOf: string, version: string, cohort: readonly string[] | null): { rows: number; columns: string[] } {
  const labels = req.kind === 'people' ? PEOPLE_EXPORT_COLUMNS : HOUSEHOLD_EXPORT_COLUMNS;
  const columns = req.columns && req.columns.length > 0 ? [...req.columns] : Object.keys(labels);
  const unknown = columns.filter((c) => !labels[c]);
  if (unknown.length > 0) throw new WorkbenchError('bad-input', `There is no column ${unknown.join(', ')} in the ${req.kind} grid. Columns: ${Object.keys(labels).join(', ')}.`);
  const sortable = sortableColumns(req.kind);
  const badSort = req.sort.find((s) => !sortable.includes(s.colId));
  if (badSort) throw new WorkbenchError('bad-input', `The ${req.kind} grid cannot sort by ${badSort.colId}. It sorts by ${sortable.join(', ')}.`);
  function* lines(): Generator<Array<string | number | null>> {
    yield columns.map((c) => labels[c] as string);
    let after: string | undefined;
    for (let start = 0; ; start += PAGE) {
      const request: GridRequest = { startRow: start, endRow: start + PAGE, sort: req.sort, filters: req.filters, ...(after ? { after } : {}) };
      const page = req.kind === 'people' ? peoplePage(db, request, asOf, version, cohort) : householdsPage(db, request, version, cohort);
      for (const row of page.rows as unknown as Array<Record<string, unknown>>) {
        yield columns.map((c) => {
          const v = row[c];
          return Array.isArray(v) ? v.join('; ') : v === undefined || v === null ? null : typeof v === 'number' ? v : String(v);
        });
      }
      if (!page.next) return;
      after = page.next;
    }
  }
  const written = writeCsvFile(out, lines(), { forPeople: true });
  return { rows: written - 1, columns };
}
