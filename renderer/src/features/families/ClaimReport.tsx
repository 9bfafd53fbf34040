import { useEngineValue } from '../matching/use-engine-value.js';
import { countText, enGbDate, STATUS_TEXT } from './family-text.js';

interface ClaimReportProps {
  programme: string;
  asOf: string;
}

const STATUSES = ['achieved', 'on-track', 'not-yet', 'insufficient-data', 'not-applicable'] as const;

/** The claim-window report: families attached six months before the as-of date, by result status. */
export function ClaimReport({ programme, asOf }: ClaimReportProps) {
  const report = useEngineValue('outcomes:families', /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? { programme, asOf } : null);
  if (report.state.status !== 'loaded') return null;
  const r = report.state.value;
  return (
    <section aria-labelledby="claim-heading" className="families-section">
      <h2 className="heading-m" id="claim-heading">
        Family outcomes and claims
      </h2>
      <p className="body" data-testid="claimable">
        Families attached on {enGbDate(r.attachedOn)}: {r.families.length.toLocaleString('en-GB')} ({r.disclosure === 'exact' ? '' : 'rounded; '}
        {countText(r.claimable)} with a result that can be claimed in the window {enGbDate(r.claimWindow.from)} to {enGbDate(r.claimWindow.to)}).
      </p>
      <div className="table-wrapper">
        <table className="table" data-testid="claim-table">
          <caption className="table__caption">Families by result and status</caption>
          <thead>
            <tr>
              <th scope="col">Result</th>
              {STATUSES.map((s) => (
                <th scope="col" className="numeric" key={s}>
                  {STATUS_TEXT[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(r.totals).map(([id, counts]) => (
              <tr key={id}>
                <th scope="row">{id.replace(/_/g, ' ')}</th>
                {STATUSES.map((s) => (
                  <td className="numeric" key={s}>
                    {s in counts ? countText(counts[s] ?? null) : '0'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
