import { useEffect, useState } from 'react';
import type { AppInfo, SourceDiff, SourceRow } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { mayUse } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { formatCount, formatIsoDate } from '../../components/format.js';
import { RecordsGrid } from '../records/RecordsGrid.js';
import { DiffSummary } from './DiffSummary.js';
import { SOURCE_KIND_LABELS } from './kinds.js';
import { QuarantineSection } from './QuarantineSection.js';
import { RemapSection } from './RemapSection.js';
import './sources.css';

interface SourceDetailProps {
  source: SourceRow;
  info: AppInfo;
  refreshKey: number;
  onBack(): void;
  /** After the source's rows were read again: the list, its counts and the grid fetch again. */
  onChanged?: (() => void) | undefined;
}

/** One source on its own: its facts, what changed since the previous extract, its records and its quarantine. */
export function SourceDetail({ source, info, refreshKey, onBack, onChanged }: SourceDetailProps) {
  const [diff, setDiff] = useState<SourceDiff | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    workbench.call('source:diff', { sourceId: source.id }).then(
      (result) => {
        if (live) setDiff(result);
      },
      (failure: unknown) => {
        if (live) setError(toWorkbenchError(failure).message);
      },
    );
    return () => {
      live = false;
    };
  }, [source.id, refreshKey]);

  const facts: Array<[string, string]> = [
    ['Partner', source.partner],
    ['Kind of extract', SOURCE_KIND_LABELS[source.kind]],
    ['As-of date', `${formatIsoDate(source.asOf)}${source.asOfBasis ? ` (from ${source.asOfBasis})` : ''}`],
    ['Rows', `${formatCount(source.rows)} (${formatCount(source.records)} records, ${formatCount(source.quarantined)} quarantined)`],
    ['Data-sharing agreement', source.dsaRef ?? 'Not recorded'],
    ['Lawful basis', source.lawfulBasis ?? 'Not recorded'],
    ['Keep until', source.retentionUntil ? `${formatIsoDate(source.retentionUntil)}${source.overdue ? ' (overdue: purge it)' : ''}` : 'Not recorded'],
  ];

  return (
    <section className="section" aria-labelledby="source-detail-heading" data-testid="source-detail">
      <button type="button" className="link-button" onClick={onBack}>
        Back to all sources
      </button>
      <FocusHeading level={2} id="source-detail-heading">
        {source.fileName}
      </FocusHeading>
      <dl className="summary-list">
        {facts.map(([key, value]) => (
          <div className="summary-list__row" key={key}>
            <dt className="summary-list__key">{key}</dt>
            <dd className="summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {error ? <ErrorSummary title="The changes could not be loaded" errors={[{ message: error }]} /> : null}
      {diff ? <DiffSummary diff={diff} fileName={source.fileName} /> : null}
      {diff === null ? <p className="body">This is the first extract of its kind from {source.partner}: there is nothing earlier to compare it with.</p> : null}
      <RecordsGrid sources={[source]} refreshKey={refreshKey} fixedSource={source} />
      <QuarantineSection key={refreshKey} source={source} info={info} />
      {onChanged && mayUse(info.store.session, 'sources:remap') ? <RemapSection source={source} onRemapped={onChanged} /> : null}
    </section>
  );
}
