// Colours for the choropleth. Deciles run from dark (1 = most deprived 10% in England) to pale
// (10 = least deprived), so the order survives greyscale printing and colour-blind viewing:
// lightness rises strictly with the decile. Counts use five classes of one hue, darker = more.

export type Rgb = [number, number, number];

const hex = (c: Rgb): string => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const parse = (h: string): Rgb => [Number.parseInt(h.slice(1, 3), 16), Number.parseInt(h.slice(3, 5), 16), Number.parseInt(h.slice(5, 7), 16)];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** Three stops the deciles are interpolated through (dark purple, crimson, pale sand). */
const DECILE_STOPS: readonly Rgb[] = [parse('#2a0b4f'), parse('#b8325e'), parse('#fbeec9')];
const COUNT_STOPS: readonly Rgb[] = [parse('#e8f1f8'), parse('#0b3d6b')];

export const NO_VALUE_COLOUR = '#f3f2f1';
export const WITHHELD_COLOUR = '#b1b4b6';

function along(stops: readonly Rgb[], t: number): Rgb {
  const scaled = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(scaled));
  return mix(stops[i] as Rgb, stops[i + 1] as Rgb, scaled - i);
}

/** Fill for a national decile 1–10. */
export function decileColour(decile: number): string {
  const d = Math.max(1, Math.min(10, Math.round(decile)));
  return hex(along(DECILE_STOPS, (d - 1) / 9));
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(colour: string): number {
  const [r, g, b] = parse(colour).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the fill (for labels on swatches). */
export const textOn = (fill: string): string => (contrast(fill, '#0b0c0c') >= contrast(fill, '#ffffff') ? '#0b0c0c' : '#ffffff');

export interface CountClass {
  from: number;
  to: number;
  colour: string;
}

/**
 * Up to `classes` equal-count (quantile) classes over the values, each a range of whole
 * numbers; fewer when there are few distinct values. Empty when there are no values.
 */
export function countClasses(values: readonly number[], classes = 5): CountClass[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const bounds: number[] = [];
  for (let i = 1; i < classes; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))] as number;
    if (v > (bounds[bounds.length - 1] ?? sorted[0] as number)) bounds.push(v);
  }
  const edges = [sorted[0] as number, ...bounds, (sorted[sorted.length - 1] as number) + 1];
  const n = edges.length - 1;
  return Array.from({ length: n }, (_, i) => ({
    from: edges[i] as number,
    to: (edges[i + 1] as number) - 1,
    colour: hex(along(COUNT_STOPS, n === 1 ? 1 : i / (n - 1))),
  })).filter((c) => c.to >= c.from);
}

export function countColour(value: number, classes: readonly CountClass[]): string {
  return classes.find((c) => value >= c.from && value <= c.to)?.colour ?? classes[classes.length - 1]?.colour ?? NO_VALUE_COLOUR;
}

export interface Fillable {
  value: number | null;
  withheld: boolean;
}

export function fillFor(feature: Fillable, scale: 'decile' | 'count', classes: readonly CountClass[]): string {
  if (feature.withheld) return WITHHELD_COLOUR;
  if (feature.value === null) return NO_VALUE_COLOUR;
  return scale === 'decile' ? decileColour(feature.value) : countColour(feature.value, classes);
}
