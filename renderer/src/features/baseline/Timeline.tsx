import type { TimelineEvent } from '../../../../shared/ipc/channels/baseline.js';
import { formatIsoDate } from '../../components/format.js';

const KIND_LABELS: Record<string, string> = {
  attendance: 'School attendance',
  exclusion: 'Exclusion',
  asb: 'Anti-social behaviour',
  offence: 'Offence',
  benefit: 'Benefit',
  tenancy: 'Tenancy',
  ae: 'A&E attendance',
};

/** Events in date order, as a table (the accessible form of a timeline). */
export function Timeline({ title, events, showPerson = false }: { title: string; events: readonly TimelineEvent[]; showPerson?: boolean }) {
  const id = `timeline-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="section" aria-labelledby={id}>
      <h2 className="heading-m" id={id}>
        {title} ({events.length})
      </h2>
      {events.length === 0 ? (
        <p className="body">No dated events in these records.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" data-testid="timeline">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                {showPerson ? <th scope="col">Person</th> : null}
                <th scope="col">What</th>
                <th scope="col">Details</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{e.start ? formatIsoDate(e.start) : ''}</td>
                  <td>{e.end ? formatIsoDate(e.end) : ''}</td>
                  {showPerson ? <td>{e.personId ?? ''}</td> : null}
                  <td>
                    {KIND_LABELS[e.kind] ?? e.kind}
                    {e.category ? `: ${e.category}` : ''}
                  </td>
                  <td>{Object.entries(e.detail).map(([k, v]) => `${k} ${v}`).join('; ')}</td>
                  <td>{e.file}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
