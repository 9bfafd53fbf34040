import { useEffect, useRef } from 'react';
import type { ProgrammeDefinition } from '../../../../shared/ipc/channels/cohort.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { useEngineValue } from '../matching/use-engine-value.js';
import { enGbDate, STATUS_TEXT } from './family-text.js';

interface FamilyDrawerProps {
  programme: string;
  asOf: string;
  definition: ProgrammeDefinition | null;
  familyId: string;
  view: 'evidence' | 'outcomes';
  onClose(): void;
  /** Opens a member's person page (analysts: the Baseline page). */
  openPerson?(personId: string): void;
}

/** One family's evidence (criteria, members' events, the rows they came from) or its outcomes. */
export function FamilyDrawer({ programme, asOf, definition, familyId, view, onClose, openPerson }: FamilyDrawerProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const evidence = useEngineValue('cohort:family', view === 'evidence' ? { programme, asOf, familyId, ...(definition ? { definition } : {}) } : null);
  const outcomes = useEngineValue('outcomes:families', view === 'outcomes' ? { programme, asOf, familyId } : null);
  useEffect(() => heading.current?.focus(), [familyId, view]);
  return (
    <section className="families-drawer" aria-labelledby="drawer-heading" data-testid="family-drawer">
      <h2 className="heading-m" id="drawer-heading" tabIndex={-1} ref={heading}>
        Family {familyId}: {view === 'evidence' ? 'evidence' : 'outcomes'}
      </h2>
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close<span className="visually-hidden"> family {familyId}</span>
      </button>
      {view === 'evidence' ? (
        evidence.state.status === 'loading' ? (
          <p className="body" role="status">
            Loading…
          </p>
        ) : evidence.state.status === 'failed' ? (
          <ErrorSummary title="The evidence could not be loaded" errors={[{ message: evidence.state.message }]} />
        ) : (
          <>
            <p className="body" data-testid="family-qualifies">
              {evidence.state.value.qualifies ? 'This family qualifies.' : 'This family does not qualify.'} {evidence.state.value.confidence.explanation}
            </p>
            {evidence.state.value.notes.map((n) => (
              <p className="body families-note" key={n}>
                {n}
              </p>
            ))}
            {openPerson ? (
              <ul className="body families-members" data-testid="family-members">
                {evidence.state.value.members.map((m) => (
                  <li key={m.personId}>
                    <button type="button" className="link-button" onClick={() => openPerson(m.personId)}>
                      Open {m.label}’s page<span className="visually-hidden"> (person {m.personId})</span>
                    </button>
                    {m.age === null ? ' (age not known)' : ` (aged ${m.age})`}
                  </li>
                ))}
              </ul>
            ) : null}
            {evidence.state.value.criteria.map((c) => (
              <div key={c.id} className="families-criterion">
                <h3 className="heading-s">
                  {c.label}: {STATUS_TEXT[c.status]}
                </h3>
                {c.evidence.length === 0 ? null : (
                  <table className="table" data-testid={`evidence-${c.id}`}>
                    <caption className="visually-hidden">Evidence for {c.label}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Who and why</th>
                        <th scope="col">Event</th>
                        <th scope="col">Date</th>
                        <th scope="col">File, sheet and row</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.evidence.flatMap((e) =>
                        (e.events.length ? e.events : [null]).map((ev, i) => (
                          <tr key={`${e.personId}-${e.test}-${ev?.eventId ?? 'none'}-${i}`}>
                            <td>{i === 0 ? e.detail : ''}</td>
                            <td>{ev ? `${ev.kind}${ev.category ? `: ${ev.category}` : ''}` : '–'}</td>
                            <td>{ev ? enGbDate(ev.start) : '–'}</td>
                            <td data-testid="evidence-row">{ev ? `${ev.file}${ev.sheet ? `, ${ev.sheet}` : ''}, row ${ev.row}` : '–'}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                )}
              </div>
            ))}
            <details className="families-details">
              <summary>All {evidence.state.value.rows.length} spreadsheet rows of this family’s people</summary>
              <ul className="body">
                {evidence.state.value.rows.map((r) => (
                  <li key={`${r.file}|${r.sheet}|${r.row}`}>
                    {r.file}
                    {r.sheet ? `, ${r.sheet}` : ''}, row {r.row} ({r.personId})
                  </li>
                ))}
              </ul>
            </details>
          </>
        )
      ) : outcomes.state.status === 'loading' ? (
        <p className="body" role="status">
          Loading…
        </p>
      ) : outcomes.state.status === 'failed' ? (
        <ErrorSummary title="The outcomes could not be loaded" errors={[{ message: outcomes.state.message }]} />
      ) : outcomes.state.value.families.length === 0 ? (
        <p className="body" data-testid="family-outcomes-none">
          This family was not in the cohort on the attachment date ({enGbDate(outcomes.state.value.attachedOn)}), so no results are measured for it.
        </p>
      ) : (
        <>
          <table className="table" data-testid="family-outcomes">
            <caption className="table__caption">
              Attached {enGbDate(outcomes.state.value.attachedOn)}, measured at {enGbDate(outcomes.state.value.asOf)}.{' '}
              {outcomes.state.value.families[0]!.claimable ? 'A result can be claimed.' : 'No result can be claimed yet.'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Result</th>
                <th scope="col">Status</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.state.value.families[0]!.measures.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.label}</th>
                  <td>{STATUS_TEXT[m.status]}</td>
                  <td>{m.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="heading-s">Timeline</h3>
          {outcomes.state.value.families[0]!.timeline.length === 0 ? (
            <p className="body">No dated ASB, offences, exclusions or benefit changes from six months before attachment to the as-of date.</p>
          ) : (
            <ol className="families-timeline body" data-testid="family-timeline">
              {outcomes.state.value.families[0]!.timeline.map((t, i) => (
                <li key={`${t.date}-${t.member}-${t.what}-${i}`} className={t.afterAttachment ? 'families-timeline__after' : undefined}>
                  {enGbDate(t.date)}: {t.member}, {t.what.toLowerCase()}
                  {t.afterAttachment ? '' : ' (before attachment)'}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
