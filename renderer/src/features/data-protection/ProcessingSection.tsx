import { PROCESSING_CATEGORIES, type DataProtectionRecord } from '../../../../shared/ipc/channels/governance.js';
import { formatCount } from '../../components/format.js';
import { AuditTable } from '../audit/AuditTable.js';
import { CATEGORY_LABELS } from './record-text.js';

/** What was done with the data, from the audit trail: counts and IDs, never content. */
export function ProcessingSection({ processing }: { processing: DataProtectionRecord['processing'] }) {
  return (
    <section className="section" aria-labelledby="dp-processing-heading">
      <h2 className="heading-m" id="dp-processing-heading">
        Processing performed
      </h2>
      <p className="body">
        Taken from the audit trail. Each line gives the audit event number so it can be checked there. Single decisions
        about whether two records match are counted, not listed.
      </p>
      <dl className="summary-list summary-list--compact" data-testid="dp-processing-totals">
        {PROCESSING_CATEGORIES.map((category) => (
          <div className="summary-list__row" key={category}>
            <dt className="summary-list__key">{CATEGORY_LABELS[category]}</dt>
            <dd className="summary-list__value">
              {formatCount(processing.totals[category] ?? 0)} {processing.totals[category] === 1 ? 'event' : 'events'}
              {category === 'link' && processing.linkDecisions > 0 ? ` (${formatCount(processing.linkDecisions)} match decisions)` : ''}
            </dd>
          </div>
        ))}
      </dl>
      {processing.events.length === 0 ? (
        <p className="body">Nothing has been processed yet.</p>
      ) : (
        <AuditTable
          rows={processing.events.map((event) => ({ ...event, payload: event.details }))}
          caption="Processing performed, oldest first"
          testId="dp-processing"
        />
      )}
    </section>
  );
}
