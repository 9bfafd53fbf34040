import { useState } from 'react';
import type { CohortSummary } from '../../../../shared/ipc/channels/cohort.js';

interface CohortGridProps {
  summary: CohortSummary;
  canSeeEvidence: boolean;
  onOpen(familyId: string, view: 'evidence' | 'outcomes'): void;
}

const PAGE = 50;

/** One row per family meeting any criterion (qualifying first): criteria columns, confidence, actions. */
export function CohortGrid({ summary, canSeeEvidence, onOpen }: CohortGridProps) {
  const [onlyQualifying, setOnlyQualifying] = useState(true);
  const [page, setPage] = useState(0);
  const [order, setOrder] = useState<'criteria' | 'weakest'>('criteria');
  const filtered = summary.families.filter((f) => !onlyQualifying || f.qualifies);
  // weakest link first: the families whose qualification rests on the least certain joins, to review first
  const rows = order === 'weakest' ? [...filtered].sort((a, b) => (a.confidence ?? 2) - (b.confidence ?? 2)) : filtered;
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const tick = (b: boolean) => (b ? <span aria-label="yes">✓</span> : <span aria-label="no">–</span>);
  return (
    <section aria-labelledby="grid-heading" className="families-section">
      <h2 className="heading-m" id="grid-heading">
        Families
      </h2>
      <div className="checkbox">
        <input
          id="only-qualifying"
          type="checkbox"
          checked={onlyQualifying}
          onChange={(e) => {
            setOnlyQualifying(e.target.checked);
            setPage(0);
          }}
        />
        <label htmlFor="only-qualifying" className="label">
          Only families that qualify
        </label>
      </div>
      <div className="families-order">
        <label className="label" htmlFor="cohort-order">
          Order
        </label>
        <select
          id="cohort-order"
          className="select"
          value={order}
          onChange={(e) => {
            setOrder(e.target.value === 'weakest' ? 'weakest' : 'criteria');
            setPage(0);
          }}
        >
          <option value="criteria">Qualifying first, then by criteria met</option>
          <option value="weakest">Weakest link first (review these first)</option>
        </select>
      </div>
      <div className="table-wrapper">
        <table className="table" data-testid="cohort-grid">
          <caption className="table__caption">
            {rows.length.toLocaleString('en-GB')} families{rows.length > PAGE ? `, page ${page + 1} of ${pages}` : ''}. Family IDs are pseudonymous.
          </caption>
          <thead>
            <tr>
              <th scope="col">Family</th>
              {summary.headings.map((h) => (
                <th scope="col" key={h.id}>
                  {h.label}
                </th>
              ))}
              {summary.localFilter ? <th scope="col">Local filter</th> : null}
              <th scope="col">Qualifies</th>
              <th scope="col" className="numeric">
                People
              </th>
              <th scope="col" className="numeric">
                Weakest link
              </th>
              {canSeeEvidence ? <th scope="col">Details</th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => (
              <tr key={f.familyId} data-testid="cohort-row">
                <th scope="row">{f.familyId}</th>
                {summary.headings.map((h) => (
                  <td key={h.id}>{h.data === 'no-data' ? 'No data' : tick(f.criteria[h.id] ?? false)}</td>
                ))}
                {summary.localFilter ? <td>{tick(f.localFilter)}</td> : null}
                <td>{f.qualifies ? 'Yes' : 'No'}</td>
                <td className="numeric">{f.members}</td>
                <td className="numeric">{f.confidence === null ? '–' : f.confidence.toFixed(2)}</td>
                {canSeeEvidence ? (
                  <td>
                    <button type="button" className="button button--secondary button--small" onClick={() => onOpen(f.familyId, 'evidence')}>
                      Evidence<span className="visually-hidden"> for family {f.familyId}</span>
                    </button>{' '}
                    <button type="button" className="button button--secondary button--small" onClick={() => onOpen(f.familyId, 'outcomes')}>
                      Outcomes<span className="visually-hidden"> for family {f.familyId}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <p className="body">
          <button type="button" className="button button--secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous page
          </button>{' '}
          <button type="button" className="button button--secondary" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            Next page
          </button>
        </p>
      ) : null}
    </section>
  );
}
