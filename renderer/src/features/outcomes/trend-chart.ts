// The trend chart's geometry, worked out once and used both by the page's SVG and by the file
// people download: the area's rate and the borough's rate over the periods, the gap between them
// shaded, breaks where a period has no figure (missing data is a gap in the line, never a zero).
import type { SeriesPoint } from '../../../../shared/ipc/channels/outcomes.js';

export const AREA_COLOUR = '#1d70b8';
export const BOROUGH_COLOUR = '#0b0c0c';
export const GAP_COLOUR = '#f47738';

export interface TrendGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Polylines, one per run of consecutive periods with a figure. */
  areaLines: string[];
  boroughLines: string[];
  /** Shaded polygons between the two lines, per run where both have figures. */
  gaps: string[];
  areaPoints: Array<{ x: number; y: number; label: string }>;
  /**
   * The area rate's 95% interval at each point: a whisker from lower to upper. The scale fits the
   * lines, so an interval running above the plot is cut at its top edge (`clipped`: drawn open).
   */
  areaIntervals: Array<{ x: number; y1: number; y2: number; clipped: boolean; label: string }>;
  boroughPoints: Array<{ x: number; y: number; label: string }>;
  xTicks: Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }>;
  yTicks: Array<{ y: number; label: string }>;
}

const niceMax = (v: number): number => {
  if (v <= 0) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
};

const fmt = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export function trendGeometry(series: readonly SeriesPoint[], labels: ReadonlyMap<string, string>, width = 640, height = 280, compact = false): TrendGeometry {
  const plot = { left: compact ? 36 : 56, top: 12, right: width - 12, bottom: height - (compact ? 24 : 40) };
  // The scale fits the two lines (intervals are in the table: a wide one would flatten the lines).
  const values = series.flatMap((s) => [s.rate, s.boroughRate].filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...values));
  const n = series.length;
  const xOf = (i: number): number => (n <= 1 ? (plot.left + plot.right) / 2 : plot.left + ((plot.right - plot.left) * i) / (n - 1));
  const yOf = (v: number): number => plot.bottom - ((plot.bottom - plot.top) * v) / max;
  const runs = (pick: (s: SeriesPoint) => number | null): Array<Array<{ i: number; v: number }>> => {
    const out: Array<Array<{ i: number; v: number }>> = [];
    let run: Array<{ i: number; v: number }> = [];
    series.forEach((s, i) => {
      const v = pick(s);
      if (v === null) {
        if (run.length) out.push(run);
        run = [];
      } else run.push({ i, v });
    });
    if (run.length) out.push(run);
    return out;
  };
  const line = (run: Array<{ i: number; v: number }>): string => run.map((p) => `${xOf(p.i).toFixed(1)},${yOf(p.v).toFixed(1)}`).join(' ');
  const both = runs((s) => (s.rate !== null && s.boroughRate !== null ? s.rate : null));
  const gaps = both
    .filter((r) => r.length > 1)
    .map((r) => {
      const top = r.map((p) => `${xOf(p.i).toFixed(1)},${yOf(p.v).toFixed(1)}`);
      const bottom = [...r].reverse().map((p) => `${xOf(p.i).toFixed(1)},${yOf(series[p.i]?.boroughRate ?? 0).toFixed(1)}`);
      return [...top, ...bottom].join(' ');
    });
  const step = Math.max(1, Math.ceil(n / (compact ? 4 : 8)));
  return {
    width,
    height,
    plot,
    areaLines: runs((s) => s.rate).map(line),
    boroughLines: runs((s) => s.boroughRate).map(line),
    gaps,
    areaPoints: series.flatMap((s, i) => (s.rate === null ? [] : [{ x: xOf(i), y: yOf(s.rate), label: `${labels.get(s.period) ?? s.period}: ${fmt(s.rate)}` }])),
    areaIntervals: series.flatMap((s, i) =>
      s.rate === null || s.ci === null
        ? []
        : [
            {
              x: xOf(i),
              y1: yOf(Math.max(0, s.ci.lower)),
              y2: yOf(Math.min(max, s.ci.upper)),
              clipped: s.ci.upper > max,
              label: `${labels.get(s.period) ?? s.period}: 95% interval ${fmt(s.ci.lower)} to ${fmt(s.ci.upper)}`,
            },
          ],
    ),
    boroughPoints: series.flatMap((s, i) => (s.boroughRate === null ? [] : [{ x: xOf(i), y: yOf(s.boroughRate), label: `${labels.get(s.period) ?? s.period}: ${fmt(s.boroughRate)}` }])),
    // The first and last labels sit inside the plot so they are not cut at the edges.
    xTicks: series.flatMap((s, i) => (i % step === 0 || i === n - 1 ? [{ x: xOf(i), label: labels.get(s.period) ?? s.period, anchor: n > 1 && i === 0 ? ('start' as const) : n > 1 && i === n - 1 ? ('end' as const) : ('middle' as const) }] : [])),
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: yOf(max * f), label: fmt(max * f) })),
  };
}

/** Plain-English description of the chart (its text alternative, and the download's <desc>). */
export function describeTrend(area: string, indicator: string, series: readonly SeriesPoint[], direction: string, labels: ReadonlyMap<string, string>): string {
  const shown = series.filter((s) => s.rate !== null && s.boroughRate !== null);
  const first = shown[0];
  const last = shown[shown.length - 1];
  const missing = series.filter((s) => s.status === 'missing').length;
  const withheld = series.filter((s) => s.withheld).length;
  const parts = [`${indicator} per 1,000 in ${area} against the borough, ${series.length} periods.`];
  if (first && last && first !== last) {
    parts.push(
      `From ${labels.get(first.period) ?? first.period} to ${labels.get(last.period) ?? last.period} the area's rate went from ${fmt(first.rate as number)} to ${fmt(last.rate as number)} and the borough's from ${fmt(first.boroughRate as number)} to ${fmt(last.boroughRate as number)}.`,
    );
  } else if (first) parts.push(`In ${labels.get(first.period) ?? first.period} the area's rate was ${fmt(first.rate as number)} against the borough's ${fmt(first.boroughRate as number)}.`);
  else parts.push('No period has both figures to show.');
  parts.push(direction === 'insufficient-data' ? 'There are too few periods to say whether the gap is widening or closing.' : `The gap is ${direction}.`);
  if (missing) parts.push(`${missing} period${missing === 1 ? ' has' : 's have'} no data.`);
  if (withheld) parts.push(`${withheld} figure${withheld === 1 ? ' is' : 's are'} withheld because the numbers are small.`);
  return parts.join(' ');
}

/** A whisker: the interval's line with a cap at each end (none at a clipped top). */
export function intervalSvg(w: { x: number; y1: number; y2: number; clipped: boolean }): string {
  const x = w.x.toFixed(1);
  const cap = (y: number): string => `<line x1="${(w.x - 4).toFixed(1)}" x2="${(w.x + 4).toFixed(1)}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${AREA_COLOUR}" stroke-width="1.5"/>`;
  return `<line x1="${x}" x2="${x}" y1="${w.y1.toFixed(1)}" y2="${w.y2.toFixed(1)}" stroke="${AREA_COLOUR}" stroke-width="1.5" stroke-opacity="0.7"/>${cap(w.y1)}${w.clipped ? '' : cap(w.y2)}`;
}

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone SVG file of the chart, with its title, description, key and notes. */
export function trendSvgFile(g: TrendGeometry, title: string, description: string, notes: readonly string[]): string {
  const font = 'Helvetica, Arial, sans-serif';
  const head = 40;
  const footLines = notes.length + 2;
  const height = head + g.height + footLines * 16 + 16;
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${height}" viewBox="0 0 ${g.width} ${height}" role="img" aria-labelledby="t d">`);
  o.push(`<title id="t">${esc(title)}</title><desc id="d">${esc(description)}</desc>`);
  o.push(`<rect width="${g.width}" height="${height}" fill="#ffffff"/>`);
  o.push(`<text x="8" y="26" font-family="${font}" font-size="16" font-weight="bold" fill="#0b0c0c">${esc(title)}</text>`);
  o.push(`<g transform="translate(0 ${head})">`);
  for (const t of g.yTicks) o.push(`<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#b1b4b6" stroke-width="0.5"/><text x="${g.plot.left - 6}" y="${(t.y + 4).toFixed(1)}" text-anchor="end" font-family="${font}" font-size="11" fill="#505a5f">${esc(t.label)}</text>`);
  for (const t of g.xTicks) o.push(`<text x="${t.x.toFixed(1)}" y="${g.plot.bottom + 18}" text-anchor="${t.anchor}" font-family="${font}" font-size="11" fill="#505a5f">${esc(t.label)}</text>`);
  for (const p of g.gaps) o.push(`<polygon points="${p}" fill="${GAP_COLOUR}" fill-opacity="0.25"/>`);
  for (const l of g.boroughLines) o.push(`<polyline points="${l}" fill="none" stroke="${BOROUGH_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>`);
  for (const l of g.areaLines) o.push(`<polyline points="${l}" fill="none" stroke="${AREA_COLOUR}" stroke-width="3"/>`);
  for (const w of g.areaIntervals) o.push(intervalSvg(w));
  for (const p of g.areaPoints) o.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3.5" fill="${AREA_COLOUR}"/>`);
  o.push('</g>');
  let y = head + g.height + 16;
  o.push(`<line x1="8" x2="36" y1="${y - 4}" y2="${y - 4}" stroke="${AREA_COLOUR}" stroke-width="3"/><text x="42" y="${y}" font-family="${font}" font-size="12" fill="#0b0c0c">Area</text>`);
  o.push(`<line x1="90" x2="118" y1="${y - 4}" y2="${y - 4}" stroke="${BOROUGH_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/><text x="124" y="${y}" font-family="${font}" font-size="12" fill="#0b0c0c">Borough</text>`);
  o.push(`<rect x="190" y="${y - 10}" width="20" height="10" fill="${GAP_COLOUR}" fill-opacity="0.25"/><text x="216" y="${y}" font-family="${font}" font-size="12" fill="#0b0c0c">Gap</text>`);
  o.push(`${intervalSvg({ x: 262, y1: y + 1, y2: y - 11, clipped: false })}<text x="272" y="${y}" font-family="${font}" font-size="12" fill="#0b0c0c">Area's 95% interval</text>`);
  for (const note of notes) {
    y += 16;
    o.push(`<text x="8" y="${y}" font-family="${font}" font-size="11" fill="#505a5f">${esc(note)}</text>`);
  }
  o.push('</svg>');
  return o.join('\n');
}
