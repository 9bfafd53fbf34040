import { useId } from 'react';
import type { ModelView } from '../../../../shared/ipc/channels/matching.js';
import { WeightAxis } from './WeightAxis.js';

const W = 760;
const ROW = 22;
const HEAD = 26;
const LABEL = 330;
const M = { right: 24, top: 8, bottom: 40 };

type Row = { kind: 'heading'; text: string } | { kind: 'level'; text: string; weight: number };

/** The levels the chart shows: every comparison's levels except "missing", which weighs nothing. */
function chartRows(model: ModelView): Row[] {
  return model.comparisons.flatMap((c): Row[] => [
    { kind: 'heading', text: c.name },
    ...c.levels.filter((l) => !l.missing).map((l): Row => ({ kind: 'level', text: l.label, weight: l.weight })),
  ]);
}

/**
 * Splink's match-weights chart: one horizontal bar per comparison level, to the right when the
 * level is evidence for a match, to the left when it is evidence against, in bits.
 */
export function MatchWeightsChart({ model }: { model: ModelView }) {
  const titleId = useId();
  const descId = useId();
  const rows = chartRows(model);
  const weights = rows.flatMap((r) => (r.kind === 'level' ? [r.weight] : []));
  if (model.priorWeight !== null) weights.push(model.priorWeight);
  const lo = Math.min(-1, Math.floor(Math.min(...weights)));
  const hi = Math.max(1, Math.ceil(Math.max(...weights)));
  const plotW = W - LABEL - M.right;
  const x = (w: number): number => LABEL + ((w - lo) / (hi - lo)) * plotW;
  let y = M.top;
  const placed = [
    ...(model.priorWeight === null ? [] : [{ row: { kind: 'level', text: 'Starting point (prior)', weight: model.priorWeight } as Row, y: 0, prior: true }]),
    ...rows.map((row) => ({ row, y: 0, prior: false })),
  ].map((p) => {
    const at = y;
    y += p.row.kind === 'heading' ? HEAD : ROW;
    return { ...p, y: at };
  });
  const H = y + M.bottom;

  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart__svg" data-testid="match-weights-chart">
      <title id={titleId}>Match weight of each comparison level</title>
      <desc id={descId}>
        Horizontal bar chart: bars to the right of zero are evidence that two records are the same person, bars to the left are evidence
        against. The table after the chart gives the same figures with m and u.
      </desc>
      <WeightAxis lo={lo} hi={hi} x={x} top={M.top} bottom={H - M.bottom} centre={LABEL + plotW / 2} height={H} />
      {placed.map(({ row, y: top, prior }, i) =>
        row.kind === 'heading' ? (
          <text key={`h${i}`} x={4} y={top + HEAD - 8} className="chart__heading">
            {row.text}
          </text>
        ) : (
          <g key={`l${i}`}>
            <text x={LABEL - 8} y={top + ROW - 7} textAnchor="end" className="chart__tick">
              {row.text}
            </text>
            <rect
              x={Math.min(x(0), x(row.weight))}
              y={top + 3}
              width={Math.max(1, Math.abs(x(row.weight) - x(0)))}
              height={ROW - 6}
              className={`chart__bar ${prior ? 'chart__bar--prior' : row.weight >= 0 ? 'chart__bar--for' : 'chart__bar--against'}`}
            />
          </g>
        ),
      )}
    </svg>
  );
}
