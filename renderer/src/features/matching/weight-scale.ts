// Match weights and probabilities as the engine defines them (bits: probability = 1 / (1 + 2^−w)),
// and the numbers people read off the charts.

export const probabilityOf = (weight: number): number => 1 / (1 + 2 ** -weight);
export const weightOf = (probability: number): number => Math.log2(probability / (1 - probability));

/** "90%", "99.5%", "99.99%", "0.3%": enough figures that nearby thresholds read differently. */
export function formatProbability(p: number): string {
  const percent = p * 100;
  if (percent >= 99.995) return '>99.99%';
  if (percent < 0.01) return '<0.01%';
  const digits = percent >= 99 || percent < 1 ? 2 : percent >= 10 && percent <= 90 ? 0 : 1;
  return `${Number(percent.toFixed(digits))}%`;
}

/** "+3.2" or "−1.5" (a true minus sign): the sign matters more than the size. */
export function formatWeight(w: number): string {
  const rounded = Math.round(w * 10) / 10;
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}`;
}

/**
 * A probability the engine accepts (strictly between 0 and 1), from a weight on the slider; to
 * 12 significant figures, so a saved threshold reads back as it was shown and weights far above
 * +20 bits (probabilities within a millionth of 1) stay apart.
 */
export function thresholdFromWeight(weight: number): number {
  const p = Number(probabilityOf(weight).toPrecision(12));
  return Math.min(1 - 1e-12, Math.max(1e-12, p));
}

/** Evenly spaced round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

/** The slider's range: the histogram's span, rounded out to whole bits. */
export function sliderRange(bins: ReadonlyArray<{ from: number }>, width: number, floorWeight: number): { min: number; max: number } {
  if (bins.length === 0) return { min: Math.floor(floorWeight), max: 20 };
  const lo = Math.max(bins[0]!.from, floorWeight);
  const hi = bins[bins.length - 1]!.from + width;
  return { min: Math.floor(lo), max: Math.max(Math.ceil(hi), Math.floor(lo) + 1) };
}

export type Band = 'link' | 'review' | 'apart';

/** Which band a bin falls in, by its middle. */
export function bandOf(from: number, width: number, linkWeight: number, reviewWeight: number): Band {
  const middle = from + width / 2;
  return middle >= linkWeight ? 'link' : middle >= reviewWeight ? 'review' : 'apart';
}
