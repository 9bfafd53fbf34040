import { decileColour, textOn } from './colour-scale.js';
import { decileBars } from './profile-chart.js';

const LABEL = 230;
const BAR = 460;
const ROW = 34;
/** Bar labels are cut to fit beside the bars; the table under the chart has them whole. */
const fit = (label: string): string => (label.length > 32 ? `${label.slice(0, 31)}…` : label);

export interface ChartInput {
  label: string;
  decileCounts: readonly number[];
}

/** Stacked bars of LSOAs by national IMD decile (the area, and the borough, per release), with the same figures as a table. */
export function ProfileChart({ figures, caption }: { figures: readonly ChartInput[]; caption: string }) {
  const rows = decileBars(figures, BAR);
  const height = rows.length * ROW + 28;
  return (
    <figure className="chart">
      <figcaption className="heading-s">{caption}</figcaption>
      <svg width={LABEL + BAR + 10} height={height} viewBox={`0 0 ${LABEL + BAR + 10} ${height}`} aria-hidden="true" focusable="false" className="chart__svg">
        {rows.map((row, i) => (
          <g key={row.label} transform={`translate(0 ${i * ROW})`}>
            <text x={0} y={20} fontSize={14} fill="#0b0c0c">
              {fit(row.label)}
            </text>
            {row.segments.map((s) => (
              <g key={s.decile}>
                <rect x={LABEL + s.x} y={4} width={Math.max(0, s.width - 1)} height={24} fill={decileColour(s.decile)} />
                {s.width >= 18 ? (
                  <text x={LABEL + s.x + s.width / 2} y={21} fontSize={12} textAnchor="middle" fill={textOn(decileColour(s.decile))}>
                    {s.count}
                  </text>
                ) : null}
              </g>
            ))}
          </g>
        ))}
        <text x={LABEL} y={rows.length * ROW + 20} fontSize={12} fill="#505a5f">
          Decile 1 (most deprived) on the left → decile 10 on the right; numbers are LSOAs
        </text>
      </svg>
      {/* Wide: it may scroll sideways, so keyboard users can focus it to scroll. */}
      <div className="table-wrapper" tabIndex={0} role="region" aria-label={`${caption} (table)`}>
        <table className="table table--compact">
          <caption className="table__caption">{caption} (table)</caption>
          <thead>
            <tr>
              <th scope="col">Release and area</th>
              {Array.from({ length: 10 }, (_, i) => (
                <th scope="col" className="numeric" key={i}>
                  {i === 0 ? 'Decile 1 (most deprived)' : `Decile ${i + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.label}>
                <th scope="row">{f.label}</th>
                {f.decileCounts.map((n, i) => (
                  <td className="numeric" key={i}>
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
