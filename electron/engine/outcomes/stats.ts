// The statistics behind an outcome rate and its trend, as Public Health England's Fingertips
// tools compute them: Wilson score intervals for a proportion of people, Byar's approximation
// for a count of events (Poisson), and a least-squares slope with a t-based interval for the
// trend of the gap.

const Z95 = 1.959964;

/** Per 1,000: a rate with its 95% interval (per 1,000 as well). */
export interface RateCi {
  rate: number;
  lower: number;
  upper: number;
}

export const CI_METHODS = {
  people: 'Wilson score interval (95%) for a proportion of people',
  events: "Byar's approximation to the Poisson interval (95%) for a count of events",
} as const;

/** Wilson score interval for x people out of n, per 1,000. */
export function wilson(x: number, n: number): RateCi {
  if (n <= 0) return { rate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const p = Math.min(1, x / n);
  const z2 = Z95 * Z95;
  const centre = p + z2 / (2 * n);
  const half = Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { rate: p * 1000, lower: Math.max(0, ((centre - half) / denom) * 1000), upper: Math.min(1000, ((centre + half) / denom) * 1000) };
}

/** Byar's interval for a count of o events over a population n, per 1,000. */
export function byar(o: number, n: number): RateCi {
  if (n <= 0) return { rate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const lowerCount = o === 0 ? 0 : o * Math.pow(1 - 1 / (9 * o) - Z95 / (3 * Math.sqrt(o)), 3);
  const u = o + 1;
  const upperCount = u * Math.pow(1 - 1 / (9 * u) + Z95 / (3 * Math.sqrt(u)), 3);
  return { rate: (o / n) * 1000, lower: (Math.max(0, lowerCount) / n) * 1000, upper: (upperCount / n) * 1000 };
}

// Two-sided 95% quantiles of Student's t for 1–30 degrees of freedom.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  // Beyond the table 1.96 + 2.4/df is within 0.002 of the exact value (40: 2.021, 120: 1.980).
  return df <= 30 ? (T975[df - 1] as number) : Z95 + 2.4 / df;
}

export interface Slope {
  slope: number;
  lower: number;
  upper: number;
  points: number;
}

/** Ordinary least-squares slope of y on x with its 95% interval (t with n − 2 df); null under 3 points. */
export function slopeWithCi(points: ReadonlyArray<{ x: number; y: number }>): Slope | null {
  const n = points.length;
  if (n < 3) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  const a = my - b * mx;
  const sse = points.reduce((s, p) => s + (p.y - (a + b * p.x)) ** 2, 0);
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const t = tQuantile975(n - 2);
  return { slope: b, lower: b - t * se, upper: b + t * se, points: n };
}

export const TREND_TEST =
  'Least-squares slope of the gap (area rate minus borough rate, per 1,000) per period since the baseline period, with its 95% interval (t distribution, n − 2 degrees of freedom). Widening: the whole interval moves the gap further from zero; closing: the whole interval moves it towards zero; otherwise stable.';

export type TrendDirection = 'widening' | 'stable' | 'closing' | 'insufficient-data';

/** The gap's direction of travel: judged against the sign of the gap in the baseline period. */
export function trendDirection(slope: Slope | null, baselineGap: number | null): TrendDirection {
  if (!slope || baselineGap === null) return 'insufficient-data';
  const sign = baselineGap < 0 ? -1 : 1;
  const lo = sign > 0 ? slope.lower : -slope.upper;
  const hi = sign > 0 ? slope.upper : -slope.lower;
  if (lo > 0) return 'widening';
  if (hi < 0) return 'closing';
  return 'stable';
}
