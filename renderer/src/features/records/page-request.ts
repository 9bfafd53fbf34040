// Pure translation of AG Grid's infinite-row-model request into the records:page contract.
// No AG Grid import: the shapes below are the parts of its models we read, so this module can be
// unit-tested (and type-checked) without the grid.
import { RECORD_COLUMNS, type RecordColumn, type RecordsPageRequest } from '../../../../shared/ipc/contract.js';

/** The parts of AG Grid's SortModelItem we use. */
export interface GridSortItem {
  colId: string;
  sort: 'asc' | 'desc';
}

/** A text filter condition as AG Grid's TextFilterModel holds it. */
export interface GridTextCondition {
  filterType?: string;
  type?: string | null;
  filter?: string | null;
}

/** A column's filter model: one condition, or several joined by AND/OR. */
export type GridColumnFilter = GridTextCondition | { operator: string; conditions: GridTextCondition[] };

export interface GridPageParams {
  startRow: number;
  endRow: number;
  sortModel: readonly GridSortItem[];
  /** AG Grid types this as `any`; unknown columns and shapes are ignored. */
  filterModel: Readonly<Record<string, unknown>> | null | undefined;
}

/** The contract allows at most this many sort keys and this long a filter text. */
export const MAX_SORT_KEYS = 4;
export const MAX_FILTER_LENGTH = 200;

const COLUMN_SET: ReadonlySet<string> = new Set(RECORD_COLUMNS);

export function isRecordColumn(colId: string): colId is RecordColumn {
  return COLUMN_SET.has(colId);
}

function containsText(condition: unknown): string | null {
  if (!condition || typeof condition !== 'object') return null;
  const { type, filter, filterType } = condition as GridTextCondition;
  if (filterType !== undefined && filterType !== 'text') return null;
  // The grid is configured with "contains" only; any other operator cannot be sent on.
  if (type !== undefined && type !== null && type !== 'contains') return null;
  if (typeof filter !== 'string') return null;
  const text = filter.trim();
  return text === '' ? null : text.slice(0, MAX_FILTER_LENGTH);
}

function conditionsOf(model: unknown): string[] {
  if (model && typeof model === 'object' && 'conditions' in model) {
    const { operator, conditions } = model as { operator?: unknown; conditions?: unknown };
    // Only AND can be expressed as several "contains" filters on the same column.
    if (operator !== 'AND' || !Array.isArray(conditions)) return [];
    return conditions.map(containsText).filter((text): text is string => text !== null);
  }
  const text = containsText(model);
  return text === null ? [] : [text];
}

export function toRecordsPageRequest(params: GridPageParams, sourceId?: number, problemsOnly = false): RecordsPageRequest {
  const startRow = Math.max(0, Math.floor(params.startRow));
  const endRow = Math.max(startRow + 1, Math.floor(params.endRow));

  const sort = params.sortModel
    .filter((item) => isRecordColumn(item.colId) && (item.sort === 'asc' || item.sort === 'desc'))
    .slice(0, MAX_SORT_KEYS)
    .map((item) => ({ column: item.colId as RecordColumn, direction: item.sort }));

  const filters: RecordsPageRequest['filters'] = [];
  for (const [colId, model] of Object.entries(params.filterModel ?? {})) {
    if (!isRecordColumn(colId)) continue;
    for (const contains of conditionsOf(model)) filters.push({ column: colId, contains });
  }

  const request: RecordsPageRequest = {
    startRow,
    endRow,
    sort,
    filters: filters.slice(0, RECORD_COLUMNS.length),
  };
  if (sourceId !== undefined) request.sourceId = sourceId;
  if (problemsOnly) request.problemsOnly = true;
  return request;
}
