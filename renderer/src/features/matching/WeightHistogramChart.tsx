import { useId } from 'react';
import type { WeightHistogram } from '../../../../shared/ipc/channels/matching.js';
import { formatCount } from '../../components/format.js';
import { bandOf, formatWeight, niceTicks } from './weight-scale.js';

interface WeightHistogramChartProps {
  histogram: WeightHistogram;
  /** the band being tried on the sliders, as match weights */
  linkWeight: number;
  reviewWeight: number;
}

const W = 720;
const H = 240;
const M = { left: 64, right: 16, top: 40, bottom: 44 };

/**
 * Scored pairs by match weight, on a log scale (a few thousand strangers and a few dozen matches
 * must both show), coloured by where the tried threshold and review band put them.
 */
export function WeightHistogramChart({ histogram, linkWeight, reviewWeight }: WeightHistogramChartProps) {
  const titleId = useId();
  const descId = useId();
  const { bins, width } = histogram;
  if (bins.length === 0) return <p className="body">The latest run kept no scored pairs, so there is nothing to chart.</p>;
  const lo = bins[0]!.from;
  const hi = bins[bins.length - 1]!.from + width;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (w: number): number => M.left + ((Math.min(hi, Math.max(lo, w)) - lo) / (hi - lo)) * plotW;
  const y = (count: number): number => M.top + plotH - (Math.log10(count + 1) / Math.log10(maxCount + 1)) * plotH;
  const yTicks = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000].filter((t) => t <= maxCount);

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart__svg" data-testid="weight-histogram">
        <title id={titleId}>Scored pairs by match weight</title>
        <desc id={descId}>
          {`Bar chart of ${formatCount(histogram.storedPairs)} scored pairs, match weights from ${formatWeight(lo)} to ${formatWeight(hi)}, counts on a log scale. Pairs at or above ${formatWeight(linkWeight)} would link, from ${formatWeight(reviewWeight)} they would go to review. The table after the chart gives the same counts.`}
        </desc>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="chart__grid" />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="chart__tick">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {bins.map((b) => (
          <rect
            key={b.from}
            x={x(b.from) + 0.5}
            y={y(b.count)}
            width={Math.max(1, x(b.from + width) - x(b.from) - 1)}
            height={M.top + plotH - y(b.count)}
            className={`chart__bar chart__bar--${bandOf(b.from, width, linkWeight, reviewWeight)}`}
          />
        ))}
        <line x1={M.left} x2={W - M.right} y1={M.top + plotH} y2={M.top + plotH} className="chart__axis" />
        {niceTicks(lo, hi, 8).map((t) => (
          <text key={t} x={x(t)} y={M.top + plotH + 18} textAnchor="middle" className="chart__tick">
            {formatWeight(t)}
          </text>
        ))}
        <text x={M.left + plotW / 2} y={H - 6} textAnchor="middle" className="chart__label">
          Match weight (bits)
        </text>
        <text x={12} y={14} className="chart__label">
          Pairs (log scale)
        </text>
        {[
          { w: reviewWeight, label: 'Review from', cls: 'review', y: M.top + 10 },
          { w: linkWeight, label: 'Link from', cls: 'link', y: M.top - 6 },
        ].map((m) => {
          // labels sit on the side of the line with room for them
          const right = x(m.w) < M.left + plotW / 2;
          return (
            <g key={m.cls}>
              <line x1={x(m.w)} x2={x(m.w)} y1={M.top - 16} y2={M.top + plotH} className={`chart__marker chart__marker--${m.cls}`} />
              <text x={x(m.w)} y={m.y} textAnchor={right ? 'start' : 'end'} dx={right ? 4 : -4} className="chart__tick chart__tick--strong">
                {m.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__key">
        <span className="chart__swatch chart__swatch--link" aria-hidden="true" /> would link{' '}
        <span className="chart__swatch chart__swatch--review" aria-hidden="true" /> would go to review{' '}
        <span className="chart__swatch chart__swatch--apart" aria-hidden="true" /> would stay apart
      </figcaption>
      <details className="details">
        <summary className="details__summary">Show the counts as a table</summary>
        <div className="details__text table-wrapper">
          <table className="table">
            <caption className="visually-hidden">Scored pairs by match weight</caption>
            <thead>
              <tr>
                <th scope="col">Match weight</th>
                <th scope="col" className="numeric">
                  Pairs
                </th>
              </tr>
            </thead>
            <tbody>
              {bins.map((b) => (
                <tr key={b.from}>
                  <th scope="row">
                    {formatWeight(b.from)} to {formatWeight(b.from + width)}
                  </th>
                  <td className="numeric">{formatCount(b.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="body">
            {formatCount(histogram.belowFloor)} more pairs were compared and scored below {formatWeight(histogram.floorWeight)}; they are not
            kept.
          </p>
        </div>
      </details>
    </figure>
  );
}
