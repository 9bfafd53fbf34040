import { formatCount } from '../../components/format.js';

/** What every import is counted by, in the order the tables show it. */
export interface RowCountValues {
  rows: number;
  records: number;
  structure: number;
  quarantined: number;
}

const LABELS: ReadonlyArray<[keyof RowCountValues, string]> = [
  ['rows', 'Rows'],
  ['records', 'Records'],
  ['structure', 'Structure rows'],
  ['quarantined', 'Quarantined'],
];

export function RowCountHeaders() {
  return (
    <>
      {LABELS.map(([key, label]) => (
        <th key={key} scope="col" className="numeric">
          {label}
        </th>
      ))}
    </>
  );
}

export function RowCountCells({ counts }: { counts: RowCountValues }) {
  return (
    <>
      {LABELS.map(([key]) => (
        <td key={key} className="numeric">
          {formatCount(counts[key])}
        </td>
      ))}
    </>
  );
}
