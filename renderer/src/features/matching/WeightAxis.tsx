import { formatWeight, niceTicks } from './weight-scale.js';

interface WeightAxisProps {
  lo: number;
  hi: number;
  x(weight: number): number;
  /** top and bottom of the plot, and the middle of its width (for the axis title) */
  top: number;
  bottom: number;
  centre: number;
  /** the SVG's height: the axis title sits at its foot */
  height: number;
}

/** The match-weight axis of the horizontal bar charts: grid lines, zero drawn strong, ticks, title. */
export function WeightAxis({ lo, hi, x, top, bottom, centre, height }: WeightAxisProps) {
  return (
    <>
      {niceTicks(lo, hi, 8).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={bottom} className={t === 0 ? 'chart__axis' : 'chart__grid'} />
          <text x={x(t)} y={bottom + 16} textAnchor="middle" className="chart__tick">
            {formatWeight(t)}
          </text>
        </g>
      ))}
      <text x={centre} y={height - 6} textAnchor="middle" className="chart__label">
        Match weight (bits)
      </text>
    </>
  );
}
