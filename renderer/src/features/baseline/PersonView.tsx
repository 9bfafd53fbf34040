import { useState } from 'react';
import type { PersonPage } from '../../../../shared/ipc/channels/baseline.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ReplaceQuestion } from '../../components/ReplaceQuestion.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { formatIsoDate } from '../../components/format.js';
import { useSaveTarget } from '../../components/save-target.js';
import { useEngineValue } from '../matching/use-engine-value.js';
import type { BaselineView } from './BaselinePage.js';
import { PairWhy } from './PairWhy.js';
import { Timeline } from './Timeline.js';

const FIELD_LABELS: Record<string, string> = {
  forename: 'First name',
  surname: 'Last name',
  dob: 'Date of birth',
  sex: 'Sex',
  postcode: 'Postcode',
  nhsNumber: 'NHS number',
  nino: 'National Insurance number',
  upn: 'Unique pupil number',
};
const AUDIT_LABELS: Record<string, string> = {
  'view-person': 'Opened the person page',
  'person-search': 'Found them in a search',
  'view-pair': 'Looked at a pair of their records',
  'view-cluster': 'Looked at a cluster of their records',
  'link-decision': 'Decided a pair of their records',
  'link-decision-cleared': 'Took back a decision',
  'person-split': 'Split off a record',
  'subject-access-export': 'Exported a subject access file',
};
const STATUS_LABELS = { applied: 'Applied', conflict: 'Not applied: another decision contradicts it', pending: 'Applies at the next matching run' } as const;

interface PersonViewProps {
  personId: string;
  onOpen(view: BaselineView): void;
  onBack(): void;
  hostIsBrowser: boolean;
}

/** One person: every record side by side, the settled identity, events, households, decisions. */
export function PersonView({ personId, onOpen, onBack, hostIsBrowser }: PersonViewProps) {
  const [refreshKey, setRefreshKey] = useState(0);
  const { state } = useEngineValue('baseline:person', { personId }, refreshKey);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [savePath, setSavePath] = useState('');
  const saveTarget = useSaveTarget('subject-access');

  const split = (recordId: number): void => {
    setError(null);
    workbench.call('baseline:split', { personId, recordId }).then(
      (r) => {
        setMessage(`Record ${recordId} will be kept apart from this person’s other ${r.decisions} record${r.decisions === 1 ? '' : 's'} from the next matching run.`);
        setRefreshKey((n) => n + 1);
      },
      (e: unknown) => setError(plainErrorMessage(e)),
    );
  };
  const exportAccess = (): void => {
    setError(null);
    const send = (replace: boolean): Promise<void> =>
      workbench.call('baseline:subjectAccess', { personId, ...(hostIsBrowser ? { path: savePath, replace } : {}) }).then(
        (r) => setMessage(r.saved ? `Saved the subject access file to ${r.path ?? ''}: ${r.records} records, ${r.events} events, ${r.decisions} decisions and ${r.views} audit events.` : 'Not saved.'),
        (e: unknown) => setError(plainErrorMessage(e)),
      );
    (hostIsBrowser ? saveTarget.save(savePath, send) : send(false)).catch((e: unknown) => setError(plainErrorMessage(e)));
  };

  if (state.status === 'loading') return <p className="body" role="status">Loading…</p>;
  if (state.status === 'failed')
    return (
      <>
        <button type="button" className="link-button back-link" onClick={onBack}>
          Back
        </button>
        <ErrorSummary title="This person could not be shown" errors={[{ message: state.message }]} />
      </>
    );
  const page: PersonPage = state.value;
  const name = [page.identity.forename, page.identity.surname].filter(Boolean).join(' ') || 'No name';
  return (
    <>
      <button type="button" className="link-button back-link" onClick={onBack}>
        Back
      </button>
      <span className="caption">Person {page.personId}</span>
      <h1 className="heading-l" tabIndex={-1} data-testid="person-heading">
        {name}
      </h1>
      {message ? <NotificationBanner title="Done" heading={message} /> : null}
      {error ? <ErrorSummary title="That did not work" errors={[{ message: error }]} /> : null}
      <dl className="summary-list">
        {Object.entries(FIELD_LABELS).map(([field, label]) => (
          <div className="summary-list__row" key={field}>
            <dt className="summary-list__key">{label}</dt>
            <dd className="summary-list__value">
              {field === 'dob' && page.identity.dob ? `${formatIsoDate(page.identity.dob)}${page.age !== null ? ` (age ${page.age})` : ''}` : ((page.identity as Record<string, string | null>)[field] ?? 'Not known')}
            </dd>
          </div>
        ))}
        <div className="summary-list__row">
          <dt className="summary-list__key">Household</dt>
          <dd className="summary-list__value">
            {page.householdId ? (
              <button type="button" className="link-button" onClick={() => onOpen({ kind: 'household', id: page.householdId! })} data-testid="person-household">
                {page.householdId}
              </button>
            ) : (
              'None'
            )}
            {page.lsoa ? ` in ${page.lsoa}` : ''}
          </dd>
        </div>
        {page.householdReason ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">Why in this household</dt>
            <dd className="summary-list__value" data-testid="person-household-reason">
              {page.householdReason.text}
            </dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt className="summary-list__key">Flags</dt>
          <dd className="summary-list__value">
            {[page.flags.inReview ? 'In review' : null, page.flags.possibleTwin ? 'Possible twin' : null, page.flags.noDob ? 'No date of birth' : null].filter(Boolean).join(', ') || 'None'}
          </dd>
        </div>
      </dl>

      <section className="section" aria-labelledby="person-records-heading">
        <h2 className="heading-m" id="person-records-heading">
          Records from every source ({page.records.length})
        </h2>
        <p className="body">Each column is one row of a partner’s file. Values that differ from what the baseline holds are marked “differs”.</p>
        <div className="table-wrapper">
          <table className="table person-records" data-testid="person-records">
            <thead>
              <tr>
                <th scope="col">Field</th>
                {page.records.map((r) => (
                  <th scope="col" key={r.recordId}>
                    {r.file}
                    <span className="table__detail">
                      {r.sheet ? `${r.sheet}, ` : ''}row {r.row} · {r.partner}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...Object.keys(FIELD_LABELS), 'address', 'agencyRef'].map((field) => (
                <tr key={field}>
                  <th scope="row">{FIELD_LABELS[field] ?? (field === 'address' ? 'Address' : 'Agency reference')}</th>
                  {page.records.map((r) => {
                    const v = (r.fields as Record<string, string | null>)[field];
                    const differs = r.disagrees.includes(field);
                    return (
                      <td key={r.recordId} className={differs ? 'differs' : undefined}>
                        {v ?? ''}
                        {differs ? <strong className="tag tag--differs"> differs</strong> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">Someone else?</th>
                {page.records.map((r) => (
                  <td key={r.recordId}>
                    {page.records.length > 1 ? (
                      <button type="button" className="button button--secondary button--small" onClick={() => split(r.recordId)} data-testid={`split-${r.recordId}`}>
                        Split off row {r.row}
                        <span className="visually-hidden"> of {r.file}</span>
                      </button>
                    ) : null}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        {page.records.map((r) => (
          <details className="details" key={r.recordId}>
            <summary className="details__summary">
              Cells as sent: {r.file}
              {r.sheet ? ` / ${r.sheet}` : ''} row {r.row}
            </summary>
            <dl className="summary-list summary-list--compact">
              {r.cells.map((c, i) => (
                <div className="summary-list__row" key={`${c.header}-${i}`}>
                  <dt className="summary-list__key">{c.header}</dt>
                  <dd className="summary-list__value">{c.value}</dd>
                </div>
              ))}
            </dl>
          </details>
        ))}
      </section>

      <Timeline title="Events" events={page.events} />

      <section className="section" aria-labelledby="person-households-heading">
        <h2 className="heading-m" id="person-households-heading">
          Households over time
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Household</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Matching runs</th>
              <th scope="col">Why there</th>
            </tr>
          </thead>
          <tbody>
            {page.households.map((h) => (
              <tr key={`${h.householdId}-${h.fromRun}`}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen({ kind: 'household', id: h.householdId })}>
                    {h.householdId}
                  </button>
                </td>
                <td>{formatIsoDate(h.from)}</td>
                <td>{formatIsoDate(h.to)}</td>
                <td>{h.fromRun === h.toRun ? h.fromRun : `${h.fromRun} to ${h.toRun}`}</td>
                <td>{h.reason.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="person-decisions-heading">
        <h2 className="heading-m" id="person-decisions-heading">
          Decisions and links
        </h2>
        {page.decisions.length === 0 ? (
          <p className="body">Nobody has made a decision about these records.</p>
        ) : (
          <table className="table" data-testid="person-decisions">
            <caption className="table__caption">Decisions by reviewers</caption>
            <thead>
              <tr>
                <th scope="col">Records</th>
                <th scope="col">Decision</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {page.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{d.id}</td>
                  <td>{d.decision === 'match' ? 'Same person' : d.decision === 'non-match' ? 'Not the same person' : 'Unsure'}</td>
                  <td>{d.decidedBy}</td>
                  <td>{d.note ?? ''}</td>
                  <td>{STATUS_LABELS[d.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <table className="table">
          <caption className="table__caption">Pairs of these records the model scored (match weight in bits)</caption>
          <thead>
            <tr>
              <th scope="col">Records</th>
              <th scope="col" className="numeric">Match weight</th>
              <th scope="col" className="numeric">Probability</th>
              <th scope="col">Linked by the model</th>
              <th scope="col">The evidence</th>
            </tr>
          </thead>
          <tbody>
            {page.pairs.map((p) => (
              <tr key={p.id}>
                <td>{p.id}</td>
                <td className="numeric">{p.matchWeight.toFixed(1)}</td>
                <td className="numeric">{p.probability.toFixed(3)}</td>
                <td>{p.linked ? 'Yes' : `No (below ${page.threshold})`}</td>
                <td>
                  <PairWhy pairId={p.id} recordA={p.recordA} recordB={p.recordB} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="person-audit-heading">
        <h2 className="heading-m" id="person-audit-heading">
          Who has looked at this person
        </h2>
        {page.views.length === 0 ? (
          <p className="body">Nobody before you.</p>
        ) : (
          <table className="table" data-testid="person-audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {page.views.map((v) => (
                <tr key={v.id}>
                  <td>{formatUkDateTime(v.at)}</td>
                  <td>{v.actor}</td>
                  <td>{AUDIT_LABELS[v.action] ?? v.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="section" aria-labelledby="person-rights-heading">
        <h2 className="heading-m" id="person-rights-heading">
          Subject access
        </h2>
        <p className="body">A workbook of everything held about this person: every record as sent, events, households, decisions and who has looked at them.</p>
        {hostIsBrowser ? (
          <TextField id="subject-access-path" label="Save as (full path ending in .xlsx)" value={savePath} onChange={setSavePath} width="full" />
        ) : null}
        <ReplaceQuestion target={saveTarget} what="subject access file" />
        {saveTarget.asking ? null : (
          <button type="button" className="button" onClick={exportAccess} data-testid="subject-access-export">
            Export subject access file
          </button>
        )}
      </section>
    </>
  );
}
