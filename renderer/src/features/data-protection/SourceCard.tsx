import type { ReactNode } from 'react';
import type { DpSource } from '../../../../shared/ipc/channels/governance.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { retentionText, sourceCounts } from './record-text.js';

interface SourceCardProps {
  source: DpSource;
  /** The id of its delete button, so focus can go back to it after "Cancel". */
  deleteId: string;
  onDelete(): void;
}

const row = (key: string, value: ReactNode) => (
  <div className="summary-list__row">
    <dt className="summary-list__key">{key}</dt>
    <dd className="summary-list__value">{value}</dd>
  </div>
);

const notRecorded = <span className="secondary-text">Not recorded</span>;

/** One source as a DPIA asks about it, with the action to delete its data. */
export function SourceCard({ source, deleteId, onDelete }: SourceCardProps) {
  const headingId = `${deleteId}-heading`;
  return (
    <section className={`dp-card${source.overdue ? ' dp-card--overdue' : ''}`} aria-labelledby={headingId} data-testid="dp-source">
      <div className="dp-card__header">
        <h3 className="heading-s dp-card__title" id={headingId}>
          {source.overdue ? <strong className="tag tag--overdue">Overdue</strong> : null}
          {source.fileName}
        </h3>
        <button type="button" className={`button ${source.overdue ? 'button--warning' : 'button--secondary'} dp-card__action`} id={deleteId} onClick={onDelete}>
          Delete this source&apos;s data<span className="visually-hidden">: {source.fileName}</span>
        </button>
      </div>
      <dl className="summary-list summary-list--compact">
        {row('Partner', source.partner)}
        {row('Kind of extract', source.kind)}
        {row('Data as of', source.asOf)}
        {row('Imported', `${formatUkDateTime(source.importedAt)} by ${source.importedBy}`)}
        {row('Data-sharing agreement', source.dsaRef ?? notRecorded)}
        {row('Lawful basis', source.lawfulBasis ?? notRecorded)}
        {row('Retention', <span className={source.overdue ? 'dp-overdue' : undefined}>{retentionText(source)}</span>)}
        {row('Held', sourceCounts(source))}
        {row('Columns not imported', source.droppedColumns.length > 0 ? source.droppedColumns.join(', ') : 'None')}
        {row('Source ID', String(source.id))}
      </dl>
    </section>
  );
}
