import type { SubmissionResults } from '../../../../shared/ipc/channels/inbox.js';
import { formatCount } from '../../components/format.js';

/** A quarantined row as the partner sent it: each non-empty cell under its column's heading. */
function rowText(cells: Array<string | null>, headers: string[]): string {
  return cells
    .map((cell, i) => (cell === null || cell === '' ? null : `${headers[i] || `Column ${i + 1}`}: ${cell}`))
    .filter((part): part is string => part !== null)
    .join('; ');
}

/**
 * What came of one submission, opened with the partner's own key: counts per sheet and the rows
 * that were quarantined with why. These are the partner's own rows; nothing else is shown.
 */
export function SubmissionResultsView({ results }: { results: SubmissionResults }) {
  const headers = new Map(results.sheets.map((s) => [s.sheet, s.headers]));
  return (
    <section aria-labelledby="inbox-results-heading" data-testid="inbox-results">
      <h2 className="heading-m" id="inbox-results-heading">
        What came of this file
      </h2>
      {results.reason ? (
        <p className="body">It was refused: {results.reason}</p>
      ) : (
        <p className="body">
          {formatCount(results.records)} records taken in, {formatCount(results.quarantined)} rows quarantined
          {results.skipped ? ' (this file was already in the store)' : ''}.
        </p>
      )}
      {results.quarantine.length > 0 ? (
        <table className="table" data-testid="inbox-quarantine">
          <caption className="table__caption">Quarantined rows: fix them in your system and send the file again</caption>
          <thead>
            <tr>
              <th scope="col">Sheet</th>
              <th scope="col">Row</th>
              <th scope="col">Why</th>
              <th scope="col">What the row held</th>
            </tr>
          </thead>
          <tbody>
            {results.quarantine.map((row) => (
              <tr key={`${row.sheet}-${row.rowNumber}`}>
                <td>{row.sheet}</td>
                <td>{row.rowNumber}</td>
                <td>{row.reason}</td>
                <td>{rowText(row.cells, headers.get(row.sheet) ?? [])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {results.quarantine.length < results.quarantined ? (
        <p className="body">
          The first {formatCount(results.quarantine.length)} of {formatCount(results.quarantined)} quarantined rows are listed.
        </p>
      ) : null}
    </section>
  );
}
