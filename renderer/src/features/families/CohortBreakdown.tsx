import type { CohortSummary } from '../../../../shared/ipc/channels/cohort.js';
import { combinationText, countText } from './family-text.js';

interface CohortBreakdownProps {
  summary: CohortSummary;
}

const BAR = 220;
const ROW = 26;

/**
 * Criteria met per heading, then an UpSet-style chart of qualifying families by the combination of
 * criteria they meet (a dot per criterion in the combination, a bar for the families), with a
 * table alternative; then counts by area and by IMD decile.
 */
export function CohortBreakdown({ summary }: CohortBreakdownProps) {
  const columns = [...summary.headings.map((h) => ({ id: h.id, label: h.label })), ...(summary.localFilter ? [{ id: 'local_filter', label: summary.localFilter.label }] : [])];
  const labels = new Map(columns.map((c) => [c.id, c.label]));
  const combos = summary.combinations.slice(0, 12);
  const max = Math.max(1, ...combos.map((c) => c.families ?? 0));
  const dotsWidth = columns.length * 22 + 10;
  const width = dotsWidth + BAR + 60;
  const height = combos.length * ROW + 30;
  return (
    <>
      <div className="table-wrapper">
        <table className="table" data-testid="headings-table">
          <caption className="table__caption">Families meeting each criterion</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col" className="numeric">
                Families
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.headings.map((h) => (
              <tr key={h.id}>
                <th scope="row">{h.label}</th>
                <td className="numeric" data-testid={`heading-${h.id}`}>
                  {h.data === 'no-data' ? `No data (needs ${h.missing.join('; ')})` : countText(h.families)}
                  {h.data === 'partial' ? ` (partial: no ${h.missing.join('; ')})` : ''}
                </td>
              </tr>
            ))}
            {summary.localFilter ? (
              <tr>
                <th scope="row">{summary.localFilter.label}</th>
                <td className="numeric" data-testid="heading-local_filter">
                  {countText(summary.localFilter.families)}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <figure className="families-figure">
        <figcaption className="heading-s">Qualifying families by the criteria they meet</figcaption>
        {combos.length === 0 ? (
          <p className="body">No family qualifies.</p>
        ) : (
          <svg width={width} height={height} role="img" aria-label={`Qualifying families by combination of criteria: ${combos.map((c) => `${combinationText(c.key, labels)} ${countText(c.families)}`).join('; ')}`}>
            {columns.map((c, i) => (
              <text key={c.id} x={10 + i * 22} y={12} fontSize={10} textAnchor="middle">
                {i + 1}
              </text>
            ))}
            {combos.map((c, r) => {
              const y = 24 + r * ROW;
              const parts = new Set(c.key.split('+'));
              const w = ((c.families ?? 0) / max) * BAR;
              return (
                <g key={c.key}>
                  {columns.map((col, i) => (
                    <circle key={col.id} cx={10 + i * 22} cy={y + 8} r={6} className={parts.has(col.id) ? 'families-dot families-dot--on' : 'families-dot'} />
                  ))}
                  <rect x={dotsWidth} y={y} width={Math.max(1, w)} height={16} className="families-bar" />
                  <text x={dotsWidth + w + 6} y={y + 12} fontSize={12}>
                    {countText(c.families)}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
        <ol className="families-key body">
          {columns.map((c) => (
            <li key={c.id}>{c.label}</li>
          ))}
        </ol>
      </figure>
      <div className="families-tables">
        <CountTable caption="Qualifying families by criteria met" rows={combos.map((c) => ({ key: combinationText(c.key, labels), families: c.families }))} testId="combinations-table" />
        <CountTable caption="Qualifying families by area" rows={summary.byArea} testId="areas-table" />
        <CountTable caption="Qualifying families by IMD decile (1 = most deprived)" rows={summary.byDecile} testId="deciles-table" />
      </div>
    </>
  );
}

function CountTable({ caption, rows, testId }: { caption: string; rows: ReadonlyArray<{ key: string; families: number | null }>; testId: string }) {
  return (
    <div className="table-wrapper">
      <table className="table" data-testid={testId}>
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="numeric">
              Families
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.key}</th>
              <td className="numeric">{countText(r.families)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
