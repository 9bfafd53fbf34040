// Charts and maps as SVG strings, drawn from figures that carry no disclosure risk (LSOA counts
// by decile, deciles on a map) or from already-controlled numbers. The same markup goes into the
// PDF as vectors (svg-to-pdfkit) and into the preview as an image. Fonts: the PDF writer draws
// the text in its embedded Noto Sans; the preview uses Noto Sans where installed, else a sans serif.
import type { MapDataView } from '../geo/map-data.js';
import type { PolygonGeometry } from '../geo/simplify.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();
const FONT = `font-family="'Noto Sans', Helvetica, Arial, sans-serif" fill="#0b0c0c"`;

/** Most deprived (1) dark to least deprived (10) light: ColorBrewer's sequential blues, reversed. */
export const DECILE_COLOURS = ['#08306b', '#08519c', '#2171b5', '#4292c6', '#6baed6', '#9ecae1', '#c6dbef', '#deebf7', '#eef4fb', '#f7fbff'];

export interface BarSeries {
  label: string;
  colour: string;
  values: Array<number | null>;
}

/** Grouped horizontal bars: one group per category, one bar per series, value labels at the bar ends. */
export function groupedBarChart(categories: readonly string[], series: readonly BarSeries[], options: { width?: number; unit?: string } = {}): { svg: string; width: number; height: number } {
  const width = options.width ?? 480;
  const labelW = 90;
  const bar = 12;
  const gap = 10;
  const legendH = 22;
  const groupH = series.length * bar + gap;
  const height = legendH + categories.length * groupH + 24;
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const plotW = width - labelW - 40;
  const parts: string[] = [];
  series.forEach((s, i) => {
    const x = labelW + i * 150;
    parts.push(`<rect x="${x}" y="4" width="12" height="12" fill="${s.colour}"/>`, `<text x="${x + 16}" y="14" font-size="9" ${FONT}>${esc(s.label)}</text>`);
  });
  categories.forEach((cat, c) => {
    const y0 = legendH + c * groupH;
    parts.push(`<text x="${labelW - 6}" y="${r1(y0 + (series.length * bar) / 2 + 3)}" font-size="9" text-anchor="end" ${FONT}>${esc(cat)}</text>`);
    series.forEach((s, i) => {
      const v = s.values[c] ?? null;
      const w = v === null ? 0 : (v / max) * plotW;
      const y = y0 + i * bar;
      if (v !== null) parts.push(`<rect x="${labelW}" y="${r1(y)}" width="${r1(Math.max(w, 0.5))}" height="${bar - 2}" fill="${s.colour}"/>`);
      parts.push(`<text x="${r1(labelW + w + 4)}" y="${r1(y + bar - 4)}" font-size="8" ${FONT}>${v === null ? 'no data' : esc(v.toLocaleString('en-GB'))}</text>`);
    });
  });
  parts.push(`<line x1="${labelW}" y1="${legendH - 2}" x2="${labelW}" y2="${height - 20}" stroke="#0b0c0c" stroke-width="1"/>`);
  if (options.unit) parts.push(`<text x="${labelW}" y="${height - 6}" font-size="8" ${FONT}>${esc(options.unit)}</text>`);
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`, width, height };
}

type Ring = Array<[number, number]>;
const polygonsOf = (g: PolygonGeometry): Ring[][] => (g.type === 'Polygon' ? [g.coordinates as unknown as Ring[]] : (g.coordinates as unknown as Ring[][]));

function boundsOf(features: ReadonlyArray<{ geometry: PolygonGeometry }>): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) for (const poly of polygonsOf(f.geometry)) for (const ring of poly) for (const [x, y] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/**
 * A choropleth of IMD deciles around an area, the area's LSOAs outlined, with a legend. The view
 * is the area's extent plus a margin of neighbouring LSOAs for context (clipped to the frame).
 */
export function decileMapSvg(map: MapDataView, outline: ReadonlySet<string>, options: { width?: number } = {}): { svg: string; width: number; height: number } | null {
  const inArea = map.features.filter((f) => outline.has(f.lsoa));
  if (inArea.length === 0) return null;
  const [ax0, ay0, ax1, ay1] = boundsOf(inArea);
  const padX = Math.max((ax1 - ax0) * 0.6, 0.006);
  const padY = Math.max((ay1 - ay0) * 0.6, 0.004);
  const [vx0, vy0, vx1, vy1] = [ax0 - padX, ay0 - padY, ax1 + padX, ay1 + padY];
  const kx = Math.cos((((vy0 + vy1) / 2) * Math.PI) / 180);
  const width = options.width ?? 480;
  const mapW = width - 110;
  const maxH = 320;
  // Fit the view in the frame both ways, then widen the view to the frame's shape (more context, no cut-off).
  const scale = Math.min(mapW / ((vx1 - vx0) * kx), maxH / (vy1 - vy0));
  const height = Math.round(Math.max(160, (vy1 - vy0) * scale));
  const extraX = (mapW / scale / kx - (vx1 - vx0)) / 2;
  const extraY = (height / scale - (vy1 - vy0)) / 2;
  const [fx0, fy1] = [vx0 - extraX, vy1 + extraY];
  const px = (x: number): number => (x - fx0) * kx * scale;
  const py = (y: number): number => (fy1 - y) * scale;
  const path = (g: PolygonGeometry): string =>
    polygonsOf(g)
      .map((poly) => poly.map((ring) => `M${ring.map(([x, y]) => `${r1(px(x))},${r1(py(y))}`).join('L')}Z`).join(''))
      .join('');
  const visible = map.features.filter((f) => {
    const [x0, y0, x1, y1] = boundsOf([f]);
    return x1 >= vx0 - extraX && x0 <= vx1 + extraX && y1 >= vy0 - extraY && y0 <= vy1 + extraY;
  });
  const parts: string[] = [`<defs><clipPath id="frame"><rect x="0" y="0" width="${mapW}" height="${height}"/></clipPath></defs>`, '<g clip-path="url(#frame)">'];
  for (const f of visible) {
    const fill = typeof f.value === 'number' ? (DECILE_COLOURS[f.value - 1] ?? '#ffffff') : '#ffffff';
    parts.push(`<path d="${path(f.geometry)}" fill="${fill}" stroke="#ffffff" stroke-width="0.4"/>`);
  }
  for (const f of inArea) parts.push(`<path d="${path(f.geometry)}" fill="none" stroke="#d4351c" stroke-width="1.6"/>`);
  parts.push('</g>', `<rect x="0" y="0" width="${mapW}" height="${height}" fill="none" stroke="#b1b4b6" stroke-width="0.8"/>`);
  const lx = mapW + 12;
  parts.push(`<text x="${lx}" y="10" font-size="8" font-weight="bold" ${FONT}>IMD decile</text>`);
  DECILE_COLOURS.forEach((colour, i) => {
    const y = 16 + i * 14;
    parts.push(`<rect x="${lx}" y="${y}" width="12" height="10" fill="${colour}" stroke="#b1b4b6" stroke-width="0.4"/>`);
    parts.push(`<text x="${lx + 16}" y="${y + 8}" font-size="8" ${FONT}>${i + 1}${i === 0 ? ' most deprived' : i === 9 ? ' least deprived' : ''}</text>`);
  });
  const ly = 16 + 10 * 14 + 6;
  parts.push(`<rect x="${lx}" y="${ly}" width="12" height="10" fill="none" stroke="#d4351c" stroke-width="1.6"/>`, `<text x="${lx + 16}" y="${ly + 8}" font-size="8" ${FONT}>this area</text>`);
  const fullH = Math.max(height, ly + 14);
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${fullH}" viewBox="0 0 ${width} ${fullH}">${parts.join('')}</svg>`, width, height: fullH };
}

/** The axis top: the smallest 1, 2, 2.5 or 5 times a power of ten at or above `x`. */
function niceCeiling(x: number): number {
  const pow = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 2.5, 5, 10].find((m) => m * pow >= x) ?? 10) * pow;
}

export interface LinePanel {
  label: string;
  values: ReadonlyArray<number | null>;
}

/**
 * Small multiples of a rate over periods: one panel per area, the area's line solid against the
 * borough's dashed, on a shared scale so panels compare. A withheld or missing period breaks the
 * line rather than joining across it.
 */
export function smallMultiplesChart(
  periods: readonly string[],
  reference: { label: string; values: ReadonlyArray<number | null> },
  panels: readonly LinePanel[],
  options: { width?: number; unit?: string } = {},
): { svg: string; width: number; height: number } {
  const width = options.width ?? 480;
  const cols = 2;
  const panelW = width / cols;
  const panelH = 110;
  const legendH = 22;
  const pad = { left: 34, right: 10, top: 24, bottom: 20 };
  const rows = Math.max(1, Math.ceil(panels.length / cols));
  const height = legendH + rows * panelH + (options.unit ? 14 : 0);
  const all = [...reference.values, ...panels.flatMap((p) => p.values)].filter((v): v is number => v !== null);
  const max = niceCeiling(Math.max(1, ...all) * 1.05);
  const plotW = panelW - pad.left - pad.right;
  const plotH = panelH - pad.top - pad.bottom;
  const xAt = (i: number): number => (periods.length <= 1 ? plotW / 2 : (i / (periods.length - 1)) * plotW);
  const yAt = (v: number): number => plotH - (v / max) * plotH;
  const path = (values: ReadonlyArray<number | null>, x0: number, y0: number): string => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${r1(x0 + xAt(i))} ${r1(y0 + yAt(v))}`;
      pen = true;
    });
    return d;
  };
  const dots = (values: ReadonlyArray<number | null>, x0: number, y0: number, colour: string): string =>
    values.map((v, i) => (v === null ? '' : `<circle cx="${r1(x0 + xAt(i))}" cy="${r1(y0 + yAt(v))}" r="1.6" fill="${colour}"/>`)).join('');
  const parts: string[] = [
    `<line x1="4" y1="10" x2="24" y2="10" stroke="#1d70b8" stroke-width="2"/>`,
    `<text x="28" y="13" font-size="9" ${FONT}>Area</text>`,
    `<line x1="70" y1="10" x2="90" y2="10" stroke="#505a5f" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="94" y="13" font-size="9" ${FONT}>${esc(reference.label)}</text>`,
  ];
  panels.forEach((p, k) => {
    const x0 = (k % cols) * panelW + pad.left;
    const y0 = legendH + Math.floor(k / cols) * panelH + pad.top;
    parts.push(`<text x="${r1(x0)}" y="${r1(y0 - 10)}" font-size="9" font-weight="bold" ${FONT}>${esc(p.label)}</text>`);
    parts.push(`<line x1="${r1(x0)}" y1="${r1(y0)}" x2="${r1(x0)}" y2="${r1(y0 + plotH)}" stroke="#b1b4b6" stroke-width="0.5"/>`);
    parts.push(`<line x1="${r1(x0)}" y1="${r1(y0 + plotH)}" x2="${r1(x0 + plotW)}" y2="${r1(y0 + plotH)}" stroke="#b1b4b6" stroke-width="0.5"/>`);
    parts.push(`<text x="${r1(x0 - 3)}" y="${r1(y0 + 3)}" font-size="7" text-anchor="end" ${FONT}>${esc(max.toLocaleString('en-GB', { maximumFractionDigits: 1 }))}</text>`);
    parts.push(`<text x="${r1(x0 - 3)}" y="${r1(y0 + plotH)}" font-size="7" text-anchor="end" ${FONT}>0</text>`);
    if (periods.length > 0) {
      parts.push(`<text x="${r1(x0)}" y="${r1(y0 + plotH + 10)}" font-size="7" ${FONT}>${esc(periods[0] as string)}</text>`);
      if (periods.length > 1) parts.push(`<text x="${r1(x0 + plotW)}" y="${r1(y0 + plotH + 10)}" font-size="7" text-anchor="end" ${FONT}>${esc(periods[periods.length - 1] as string)}</text>`);
    }
    const ref = path(reference.values, x0, y0);
    if (ref) parts.push(`<path d="${ref}" fill="none" stroke="#505a5f" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    const own = path(p.values, x0, y0);
    if (own) parts.push(`<path d="${own}" fill="none" stroke="#1d70b8" stroke-width="2"/>`, dots(p.values, x0, y0, '#1d70b8'));
    else parts.push(`<text x="${r1(x0 + plotW / 2)}" y="${r1(y0 + plotH / 2)}" font-size="8" text-anchor="middle" ${FONT}>All withheld or no data</text>`);
  });
  if (options.unit) parts.push(`<text x="4" y="${height - 4}" font-size="8" ${FONT}>${esc(options.unit)}</text>`);
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`, width, height };
}
