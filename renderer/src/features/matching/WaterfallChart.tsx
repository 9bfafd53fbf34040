import { useId } from 'react';
import { WeightAxis } from './WeightAxis.js';
import { waterfallExtent, type WaterfallStep } from './waterfall.js';

const W = 760;
const ROW = 30;
const LABEL = 300;
const M = { right: 24, top: 8, bottom: 40 };

/**
 * The waterfall of one pair: from the starting point, each comparison moves the match weight up
 * (evidence for) or down (against); the last bar is the total.
 */
export function WaterfallChart({ steps }: { steps: readonly WaterfallStep[] }) {
  const titleId = useId();
  const descId = useId();
  const { min, max } = waterfallExtent(steps);
  const lo = Math.min(min, -1);
  const hi = Math.max(max, 1);
  const plotW = W - LABEL - M.right;
  const x = (w: number): number => LABEL + ((w - lo) / (hi - lo)) * plotW;
  const H = M.top + steps.length * ROW + M.bottom;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart__svg" data-testid="waterfall-chart">
      <title id={titleId}>Why this pair scored as it did</title>
      <desc id={descId}>
        Waterfall chart: each detail moves the match weight right (evidence for a match) or left (against), from the starting point to the
        total. The table after the chart gives the same figures.
      </desc>
      <WeightAxis lo={lo} hi={hi} x={x} top={M.top} bottom={H - M.bottom} centre={LABEL + plotW / 2} height={H} />
      {steps.map((s, i) => {
        const top = M.top + i * ROW;
        const cls = s.kind === 'comparison' ? (s.weight >= 0 ? 'for' : 'against') : s.kind === 'prior' ? 'prior' : 'total';
        return (
          <g key={`${s.label}-${i}`}>
            <text x={LABEL - 8} y={top + 13} textAnchor="end" className="chart__tick chart__tick--strong">
              {s.label}
            </text>
            <text x={LABEL - 8} y={top + 26} textAnchor="end" className="chart__tick">
              {s.detail}
            </text>
            <rect
              x={Math.min(x(s.start), x(s.end))}
              y={top + 5}
              width={Math.max(1, Math.abs(x(s.end) - x(s.start)))}
              height={ROW - 10}
              className={`chart__bar chart__bar--${cls}`}
            />
            {i < steps.length - 1 && steps[i + 1]?.kind === 'comparison' ? (
              <line x1={x(s.end)} x2={x(s.end)} y1={top + ROW - 5} y2={top + ROW + 5} className="chart__connector" />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
