import { useState } from 'react';
import type { HouseholdPage } from '../../../../shared/ipc/channels/baseline.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatIsoDate } from '../../components/format.js';
import { useEngineValue } from '../matching/use-engine-value.js';
import type { BaselineView } from './BaselinePage.js';
import { Timeline } from './Timeline.js';

interface HouseholdViewProps {
  householdId: string;
  onOpen(view: BaselineView): void;
  onBack(): void;
}

/** One household: members over the runs, the addresses it was seen at, and every member's events. */
export function HouseholdView({ householdId, onOpen, onBack }: HouseholdViewProps) {
  const { state } = useEngineValue('baseline:household', { householdId });
  const [into, setInto] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = (request: { kind: 'merge'; householdId: string; intoHouseholdId: string } | { kind: 'split'; householdId: string; personId: string }, done: string): void => {
    setError(null);
    workbench.call('baseline:householdDecide', request).then(
      () => setMessage(done),
      (e: unknown) => setError(plainErrorMessage(e)),
    );
  };
  const backLink = (
    <button type="button" className="link-button back-link" onClick={onBack}>
      Back
    </button>
  );
  if (state.status === 'loading') return <p className="body" role="status">Loading…</p>;
  if (state.status === 'failed')
    return (
      <>
        {backLink}
        <ErrorSummary title="This household could not be shown" errors={[{ message: state.message }]} />
      </>
    );
  const page: HouseholdPage = state.value;
  const current = page.members.filter((m) => m.current);
  return (
    <>
      {backLink}
      <span className="caption">Household</span>
      <h1 className="heading-l" tabIndex={-1} data-testid="household-heading">
        {page.householdId}
      </h1>
      {message ? <NotificationBanner title="Done" heading={message} /> : null}
      {error ? <ErrorSummary title="That did not work" errors={[{ message: error }]} /> : null}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Lives now</dt>
          <dd className="summary-list__value">{page.addresses[page.addresses.length - 1]?.address ?? page.street ?? 'Not known'}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Area (LSOA)</dt>
          <dd className="summary-list__value">{page.lsoa ?? 'Not placed'}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Members now</dt>
          <dd className="summary-list__value">{current.length}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Sources</dt>
          <dd className="summary-list__value">{page.sources.join(', ')}</dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="household-members-heading">
        <h2 className="heading-m" id="household-members-heading">
          Members over time
        </h2>
        <table className="table" data-testid="household-members">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Date of birth</th>
              <th scope="col" className="numeric">Age</th>
              <th scope="col">Why they are here</th>
              <th scope="col">Matching runs</th>
              <th scope="col">Now</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.members.map((m) => (
              <tr key={m.personId}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen({ kind: 'person', id: m.personId })}>
                    {[m.forename, m.surname].filter(Boolean).join(' ') || m.personId}
                  </button>
                </td>
                <td>{m.dob ? formatIsoDate(m.dob) : 'Not known'}</td>
                <td className="numeric">{m.age ?? ''}</td>
                <td data-testid="household-member-reason">{m.reason.text}</td>
                <td>{m.fromRun === m.toRun ? m.fromRun : `${m.fromRun} to ${m.toRun}`}</td>
                <td>{m.current ? 'Yes' : 'Left'}</td>
                <td>
                  {m.current && current.length > 1 ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => decide({ kind: 'split', householdId: page.householdId, personId: m.personId }, `${m.personId} will be placed in a household of their own from the next matching run.`)}
                    >
                      Does not live here<span className="visually-hidden">: {m.personId}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="body" data-testid="household-reasons-note">
          Each reason is the evidence that placed the person in this household. A reason that rests on a postcode without a full address is weaker evidence: check those members first.
        </p>
      </section>
      <section className="section" aria-labelledby="household-addresses-heading">
        <h2 className="heading-m" id="household-addresses-heading">
          Address history
        </h2>
        <table className="table" data-testid="household-addresses">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Postcode</th>
              <th scope="col">First seen</th>
              <th scope="col">Last seen</th>
              <th scope="col">Sources</th>
            </tr>
          </thead>
          <tbody>
            {page.addresses.map((a) => (
              <tr key={`${a.address ?? ''}|${a.postcode ?? ''}`}>
                <td>{a.address ?? ''}</td>
                <td>{a.postcode ?? ''}</td>
                <td>{formatIsoDate(a.from)}</td>
                <td>{formatIsoDate(a.to)}</td>
                <td>{a.sources.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Timeline title="Events of every member" events={page.events} showPerson />
      <section className="section" aria-labelledby="household-merge-heading">
        <h2 className="heading-m" id="household-merge-heading">
          One family in two households?
        </h2>
        <p className="body">If another household is the same family, join this one to it. It holds every time matching runs.</p>
        <div className="form-group">
          <label className="label" htmlFor="household-merge-into">
            Household ID to join (for example H0000123)
          </label>
          <input className="input input--short" id="household-merge-into" value={into} onChange={(e) => setInto(e.target.value.trim().toUpperCase())} autoComplete="off" spellCheck={false} />
        </div>
        <button
          type="button"
          className="button button--secondary"
          disabled={!/^H\d+$/.test(into)}
          onClick={() => decide({ kind: 'merge', householdId: page.householdId, intoHouseholdId: into }, `${page.householdId} will join ${into} from the next matching run.`)}
        >
          Join to that household
        </button>
      </section>
    </>
  );
}
