import { useEffect, useRef, useState } from 'react';
import type { DataProtectionRecord, PurgeResult } from '../../../../shared/ipc/channels/governance.js';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { WarningText } from '../../components/WarningText.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { formatCount } from '../../components/format.js';
import { focusElementById } from '../../components/focus-element.js';
import { ROLE_LABELS } from '../settings/roles.js';
import { ExportRecord } from './ExportRecord.js';
import { ProcessingSection } from './ProcessingSection.js';
import { PurgeSource } from './PurgeSource.js';
import { SourceCard } from './SourceCard.js';
import { recordSummary } from './record-text.js';
import { useDpRecord } from './use-dp-record.js';
import './data-protection.css';

interface DataProtectionPageProps {
  info: AppInfo;
  onBack(): void;
  /** A purge changed the store (its overdue count, its links). */
  onStoreChanged?(): void;
}

const deleteButtonId = (sourceId: number): string => `dp-delete-${sourceId}`;

function StoreFacts({ record }: { record: DataProtectionRecord }) {
  const { store } = record;
  const rows: Array<[string, string]> = [
    ['Store file', store.path],
    ['Key file', store.keyPath],
    ['Encryption', store.encryption],
    ['Created', store.createdAt ? formatUkDateTime(store.createdAt) : 'Not recorded'],
    ['Recovery code', store.recoveryCode.exists ? `Yes, created ${formatUkDateTime(store.recoveryCode.createdAt ?? '')}` : 'None'],
    ['Synthetic demo data', store.synthetic ? 'Yes' : 'No'],
  ];
  return (
    <section className="section" aria-labelledby="dp-store-heading">
      <h2 className="heading-m" id="dp-store-heading">
        Where the data is kept
      </h2>
      <p className="body">
        On this computer only. Nothing is sent anywhere: the workbench makes no network connections.
      </p>
      {store.networkShareWarning ? <WarningText>{store.networkShareWarning}</WarningText> : null}
      <dl className="summary-list summary-list--compact" data-testid="dp-store">
        {rows.map(([key, value]) => (
          <div className="summary-list__row" key={key}>
            <dt className="summary-list__key">{key}</dt>
            <dd className="summary-list__value">{key.endsWith('file') ? <code className="path">{value}</code> : value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function UsersFacts({ record }: { record: DataProtectionRecord }) {
  return (
    <section className="section" aria-labelledby="dp-users-heading">
      <h2 className="heading-m" id="dp-users-heading">
        Users and roles
      </h2>
      <p className="body">Everyone who can unlock the store. Partners see only their own organisation&apos;s files.</p>
      <div className="table-wrapper">
        <table className="table" data-testid="dp-users">
          <caption className="visually-hidden">Users and roles</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Organisation</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {record.users.map((u) => (
              <tr key={u.user}>
                <th scope="row">{u.user}</th>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.organisation ?? <span className="secondary-text">None</span>}</td>
                <td>{formatUkDateTime(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AccessFacts record={record} />
    </section>
  );
}

/** Per kind of key slot: what a copy of the store and its key file lets its holder read. */
function AccessFacts({ record }: { record: DataProtectionRecord }) {
  if (!record.access || record.access.length === 0) return null;
  return (
    <>
      <h3 className="heading-s">What each role can read with a copy of the files</h3>
      <div className="table-wrapper">
        <table className="table" data-testid="dp-access">
          <caption className="visually-hidden">What each role can read with a copy of the files</caption>
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Users</th>
              <th scope="col">Keys their passphrase unwraps</th>
              <th scope="col">What they can read</th>
            </tr>
          </thead>
          <tbody>
            {record.access.map((a) => (
              <tr key={`${a.holder}|${a.holds}`}>
                <th scope="row">{a.holder}</th>
                <td>{a.users}</td>
                <td>{a.holds}</td>
                <td>{a.reaches}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * The data protection record (issue 6 §7): the facts a DPIA needs, from the store itself, with
 * each source's data deletable here (overdue ones first in line for it) and an export for the DPO.
 */
export function DataProtectionPage({ info, onBack, onStoreChanged }: DataProtectionPageProps) {
  const { state, reload } = useDpRecord();
  const [purging, setPurging] = useState<number | null>(null);
  const [purged, setPurged] = useState<PurgeResult | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const done = (result: PurgeResult) => {
    setPurging(null);
    setPurged(result);
    reload();
    onStoreChanged?.();
  };

  const cancel = () => {
    const id = purging;
    setPurging(null);
    if (id !== null) requestAnimationFrame(() => focusElementById(deleteButtonId(id)));
  };

  const record = state.status === 'loaded' ? state.record : null;
  const overdue = record?.sources.filter((s) => s.overdue) ?? [];
  // Overdue sources first: they are the ones the agreements say must go now.
  const sources = record ? [...overdue, ...record.sources.filter((s) => !s.overdue)] : [];

  return (
    <>
      <button type="button" className="link-button back-link" onClick={onBack}>
        Back to Audit &amp; settings
      </button>
      <h1 className="heading-l" tabIndex={-1} ref={heading}>
        Data protection record
      </h1>
      <p className="body lead">
        What a data protection impact assessment (DPIA) or the data protection officer needs to know: each source, the
        agreement it was shared under and how long it may be kept, what has been done with it, and who can see it.
      </p>
      {state.status === 'loading' ? (
        <p className="body" role="status">
          Loading the record…
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <>
          <ErrorSummary title="The record could not be loaded" errors={[{ message: state.message }]} />
          <button type="button" className="button button--secondary" onClick={reload}>
            Try again
          </button>
        </>
      ) : null}
      {purged ? (
        <NotificationBanner title="Success" heading={`${purged.fileName} has been deleted`}>
          <p className="body">
            Removed {formatCount(purged.removed.records ?? 0)} records and {formatCount(purged.removed.rawRows ?? 0)} rows
            as sent.{' '}
            {purged.relinkedRun !== null ? `What remains was linked again (run ${purged.relinkedRun}).` : 'Nothing had been linked, so nothing was linked again.'}{' '}
            The audit trail records the deletion by counts.
          </p>
        </NotificationBanner>
      ) : null}
      {record ? (
        <>
          <p className="body" data-testid="dp-summary">
            {recordSummary(record)}. Made {formatUkDateTime(record.generatedAt)}.
          </p>
          {overdue.length > 0 ? (
            <WarningText>
              {overdue.length === 1 ? '1 source is' : `${formatCount(overdue.length)} sources are`} past the retention date
              agreed with the partner. Delete their data below.
            </WarningText>
          ) : null}
          <section className="section" aria-labelledby="dp-sources-heading">
            <h2 className="heading-m" id="dp-sources-heading">
              Sources
            </h2>
            {sources.length === 0 ? <p className="body">No files have been imported.</p> : null}
            {sources.map((source) =>
              purging === source.id ? (
                <PurgeSource key={source.id} source={source} onPurged={done} onCancel={cancel} />
              ) : (
                <SourceCard
                  key={source.id}
                  source={source}
                  deleteId={deleteButtonId(source.id)}
                  onDelete={() => {
                    setPurged(null);
                    setPurging(source.id);
                  }}
                />
              ),
            )}
          </section>
          <ProcessingSection processing={record.processing} />
          <UsersFacts record={record} />
          <StoreFacts record={record} />
          <ExportRecord typePath={info.fileChooser === 'path'} onExported={reload} />
        </>
      ) : null}
    </>
  );
}
