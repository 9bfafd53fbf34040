import { describe, expect, it } from 'vitest';
import {
  MAX_FILTER_LENGTH,
  toRecordsPageRequest,
  type GridPageParams,
} from '../../renderer/src/features/records/page-request.js';
import { RecordsPageRequest, type RecordsPageRequest as PageRequest } from '../../shared/ipc/contract.js';

const base: GridPageParams = { startRow: 0, endRow: 100, sortModel: [], filterModel: {} };

const cases: { description: string; params: Partial<GridPageParams>; sourceId?: number; expected: PageRequest }[] = [
  {
    description: 'first block, no sort or filter',
    params: {},
    expected: { startRow: 0, endRow: 100, sort: [], filters: [] },
  },
  {
    description: 'later block keeps the row window',
    params: { startRow: 300, endRow: 400 },
    expected: { startRow: 300, endRow: 400, sort: [], filters: [] },
  },
  {
    description: 'sort model becomes sort keys in priority order',
    params: {
      sortModel: [
        { colId: 'surname', sort: 'asc' },
        { colId: 'dob', sort: 'desc' },
      ],
    },
    expected: {
      startRow: 0,
      endRow: 100,
      sort: [
        { column: 'surname', direction: 'asc' },
        { column: 'dob', direction: 'desc' },
      ],
      filters: [],
    },
  },
  {
    description: 'unknown sort columns are dropped and at most four keys are sent',
    params: {
      sortModel: [
        { colId: 'ag-Grid-AutoColumn', sort: 'asc' },
        { colId: 'id', sort: 'asc' },
        { colId: 'source', sort: 'asc' },
        { colId: 'sheet', sort: 'asc' },
        { colId: 'rowNumber', sort: 'asc' },
        { colId: 'forename', sort: 'asc' },
      ],
    },
    expected: {
      startRow: 0,
      endRow: 100,
      sort: [
        { column: 'id', direction: 'asc' },
        { column: 'source', direction: 'asc' },
        { column: 'sheet', direction: 'asc' },
        { column: 'rowNumber', direction: 'asc' },
      ],
      filters: [],
    },
  },
  {
    description: 'a text "contains" filter becomes a filter, trimmed',
    params: { filterModel: { surname: { filterType: 'text', type: 'contains', filter: '  smith ' } } },
    expected: { startRow: 0, endRow: 100, sort: [], filters: [{ column: 'surname', contains: 'smith' }] },
  },
  {
    description: 'empty filters, other operators, other filter types and unknown columns are ignored',
    params: {
      filterModel: {
        surname: { filterType: 'text', type: 'contains', filter: '   ' },
        forename: { filterType: 'text', type: 'equals', filter: 'Ann' },
        rowNumber: { filterType: 'number', type: 'equals', filter: 3 },
        notAColumn: { filterType: 'text', type: 'contains', filter: 'x' },
        postcode: null,
      },
    },
    expected: { startRow: 0, endRow: 100, sort: [], filters: [] },
  },
  {
    description: 'AND of two conditions becomes two filters on the column; OR cannot be sent',
    params: {
      filterModel: {
        address: {
          filterType: 'text',
          operator: 'AND',
          conditions: [
            { filterType: 'text', type: 'contains', filter: 'Road' },
            { filterType: 'text', type: 'contains', filter: 'Flat' },
          ],
        },
        surname: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'contains', filter: 'Smith' },
            { filterType: 'text', type: 'contains', filter: 'Jones' },
          ],
        },
      },
    },
    expected: {
      startRow: 0,
      endRow: 100,
      sort: [],
      filters: [
        { column: 'address', contains: 'Road' },
        { column: 'address', contains: 'Flat' },
      ],
    },
  },
  {
    description: 'the source chosen above the grid is passed on',
    params: {},
    sourceId: 7,
    expected: { startRow: 0, endRow: 100, sort: [], filters: [], sourceId: 7 },
  },
  {
    description: 'a degenerate window still asks for at least one row',
    params: { startRow: 50, endRow: 50 },
    expected: { startRow: 50, endRow: 51, sort: [], filters: [] },
  },
];

describe('toRecordsPageRequest', () => {
  for (const { description, params, sourceId, expected } of cases) {
    it(description, () => {
      const request = toRecordsPageRequest({ ...base, ...params }, sourceId);
      expect(request).toEqual(expected);
      // Whatever the grid hands us, the engine must accept the request.
      expect(RecordsPageRequest.safeParse(request).success).toBe(true);
    });
  }

  it('cuts filter text to the length the contract allows', () => {
    const long = 'a'.repeat(MAX_FILTER_LENGTH + 50);
    const request = toRecordsPageRequest({
      ...base,
      filterModel: { surname: { filterType: 'text', type: 'contains', filter: long } },
    });
    expect(request.filters[0]?.contains).toHaveLength(MAX_FILTER_LENGTH);
    expect(RecordsPageRequest.safeParse(request).success).toBe(true);
  });

  it('accepts a filter model with no filterType (as some grid versions send)', () => {
    const request = toRecordsPageRequest({ ...base, filterModel: { nhsNumber: { type: 'contains', filter: '943' } } });
    expect(request.filters).toEqual([{ column: 'nhsNumber', contains: '943' }]);
  });

  it('treats a missing filter model as no filters', () => {
    expect(toRecordsPageRequest({ ...base, filterModel: null }).filters).toEqual([]);
  });
});
