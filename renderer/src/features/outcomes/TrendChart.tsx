import type { SeriesPoint } from '../../../../shared/ipc/channels/outcomes.js';
import { AREA_COLOUR, BOROUGH_COLOUR, GAP_COLOUR, trendGeometry } from './trend-chart.js';

interface TrendChartProps {
  series: readonly SeriesPoint[];
  labels: ReadonlyMap<string, string>;
  /** Small multiple: smaller, no key. */
  compact?: boolean;
  testId?: string;
}

/** The area's rate (solid) and the borough's (dashed) over time, the gap between them shaded. */
export function TrendChart({ series, labels, compact = false, testId }: TrendChartProps) {
  const g = trendGeometry(series, labels, compact ? 300 : 640, compact ? 160 : 280, compact);
  return (
    <svg width={g.width} height={g.height} viewBox={`0 0 ${g.width} ${g.height}`} className="chart__svg" aria-hidden="true" focusable="false" data-testid={testId}>
      {g.yTicks.map((t) => (
        <g key={t.label}>
          <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} stroke="#b1b4b6" strokeWidth={0.5} />
          <text x={g.plot.left - 6} y={t.y + 4} textAnchor="end" fontSize={11} fill="#505a5f">
            {t.label}
          </text>
        </g>
      ))}
      {g.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={g.plot.bottom + 18} textAnchor={t.anchor} fontSize={11} fill="#505a5f">
          {t.label}
        </text>
      ))}
      {g.gaps.map((p) => (
        <polygon key={p} points={p} fill={GAP_COLOUR} fillOpacity={0.25} data-series="gap" />
      ))}
      {g.boroughLines.map((l) => (
        <polyline key={l} points={l} fill="none" stroke={BOROUGH_COLOUR} strokeWidth={2} strokeDasharray="6 4" data-series="borough" />
      ))}
      {g.areaLines.map((l) => (
        <polyline key={l} points={l} fill="none" stroke={AREA_COLOUR} strokeWidth={compact ? 2 : 3} data-series="area" />
      ))}
      {g.areaIntervals.map((w) => (
        <g key={w.label} data-series="interval" stroke={AREA_COLOUR} strokeWidth={1.5}>
          <title>{w.label}</title>
          <line x1={w.x} x2={w.x} y1={w.y1} y2={w.y2} strokeOpacity={0.7} />
          <line x1={w.x - 4} x2={w.x + 4} y1={w.y1} y2={w.y1} />
          {w.clipped ? null : <line x1={w.x - 4} x2={w.x + 4} y1={w.y2} y2={w.y2} />}
        </g>
      ))}
      {g.areaPoints.map((p) => (
        <circle key={p.label} cx={p.x} cy={p.y} r={compact ? 2.5 : 3.5} fill={AREA_COLOUR}>
          <title>{p.label}</title>
        </circle>
      ))}
    </svg>
  );
}

/** The key under a full-size chart. */
export function TrendKey() {
  return (
    <ul className="outcomes-key" aria-label="Key">
      <li>
        <svg width="28" height="10" aria-hidden="true" focusable="false">
          <line x1="0" x2="28" y1="5" y2="5" stroke={AREA_COLOUR} strokeWidth={3} />
        </svg>{' '}
        Area
      </li>
      <li>
        <svg width="28" height="10" aria-hidden="true" focusable="false">
          <line x1="0" x2="28" y1="5" y2="5" stroke={BOROUGH_COLOUR} strokeWidth={2} strokeDasharray="6 4" />
        </svg>{' '}
        Borough
      </li>
      <li>
        <svg width="20" height="10" aria-hidden="true" focusable="false">
          <rect width="20" height="10" fill={GAP_COLOUR} fillOpacity={0.25} />
        </svg>{' '}
        Gap between them
      </li>
      <li>
        <svg width="10" height="12" aria-hidden="true" focusable="false">
          <line x1="5" x2="5" y1="0" y2="12" stroke={AREA_COLOUR} strokeWidth={1.5} />
          <line x1="1" x2="9" y1="0.75" y2="0.75" stroke={AREA_COLOUR} strokeWidth={1.5} />
          <line x1="1" x2="9" y1="11.25" y2="11.25" stroke={AREA_COLOUR} strokeWidth={1.5} />
        </svg>{' '}
        The area’s 95% interval (cut at the top of the chart when it runs above)
      </li>
    </ul>
  );
}
