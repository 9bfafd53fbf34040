import type { SourceRow } from '../../../../shared/ipc/contract.js';
import { formatIsoDate } from '../../components/format.js';
import { SOURCE_KIND_LABELS } from './kinds.js';
import { RowCountCells, RowCountHeaders } from './RowCounts.js';

interface SourcesTableProps {
  sources: readonly SourceRow[];
  /** Opens a source's own view (records with problems, quarantine, changes); absent: no link. */
  onView?: ((source: SourceRow) => void) | undefined;
}

export function SourcesTable({ sources, onView }: SourcesTableProps) {
  if (sources.length === 0) {
    return <p className="body">No files have been imported yet.</p>;
  }
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="sources-table">
        <caption className="visually-hidden">Imported sources</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Partner</th>
            <th scope="col">Kind</th>
            <th scope="col">As-of date</th>
            <RowCountHeaders />
            {onView ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id}>
              <th scope="row" className="table__file">
                {source.fileName}
                {source.sheets.length > 1 || (source.sheets.length === 1 && source.sheets[0] !== '') ? (
                  <span className="table__detail">
                    {source.sheets.length === 1 ? 'Sheet' : 'Sheets'}: {source.sheets.join(', ')}
                  </span>
                ) : null}
                {source.droppedColumns.length > 0 ? (
                  <span className="table__detail">Not stored: {source.droppedColumns.join(', ')}</span>
                ) : null}
              </th>
              <td>{source.partner}</td>
              <td>{SOURCE_KIND_LABELS[source.kind]}</td>
              <td>{formatIsoDate(source.asOf)}</td>
              <RowCountCells counts={source} />
              {onView ? (
                <td>
                  <button type="button" className="link-button" onClick={() => onView(source)}>
                    View<span className="visually-hidden"> {source.fileName}</span>
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
