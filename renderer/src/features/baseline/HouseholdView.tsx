import type { HouseholdPage } from '../../../../shared/ipc/channels/baseline.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
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
              <th scope="col">Matching runs</th>
              <th scope="col">Now</th>
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
                <td>{m.fromRun === m.toRun ? m.fromRun : `${m.fromRun} to ${m.toRun}`}</td>
                <td>{m.current ? 'Yes' : 'Left'}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
    </>
  );
}
