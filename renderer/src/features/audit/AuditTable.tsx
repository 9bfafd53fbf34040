import type { AuditRow } from '../../../../shared/ipc/contract.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { actionLabel, auditDetails } from './audit-labels.js';
import './audit.css';

interface AuditTableProps {
  rows: readonly Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'payload'>[];
  /** Read by screen readers: what the rows are and in which order. */
  caption?: string;
  testId?: string;
}

/** Audit events, one a row. The event number is what the check names when one fails. */
export function AuditTable({ rows, caption = 'Audit events, newest first', testId = 'audit-table' }: AuditTableProps) {
  return (
    <div className="table-wrapper">
      <table className="table audit-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              Event
            </th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const details = auditDetails(row.payload);
            return (
              <tr key={row.id} data-action={row.action}>
                <th scope="row" className="numeric">
                  {row.id}
                </th>
                <td>
                  <time dateTime={row.at}>{formatUkDateTime(row.at)}</time>
                </td>
                <td>{row.actor}</td>
                <td>{actionLabel(row.action)}</td>
                <td>
                  {details.length > 0 ? (
                    <dl className="audit-details">
                      {details.map((detail) => (
                        <div key={detail.key} className="audit-details__item">
                          <dt>{detail.label}:</dt>
                          <dd>{detail.value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
