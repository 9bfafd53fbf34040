// Seeded randomness for the metro model: mulberry32, a generator none of the other models use, so
// no draw here lines up with theirs.
export interface Random {
  (): number;
  chance(p: number): boolean;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  /** early entries commoner, as names are */
  skewed<T>(xs: readonly T[]): T;
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T;
}

export function random(seed: number): Random {
  let a = seed >>> 0 || 0x2545f491;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = next as Random;
  r.chance = (p) => next() < p;
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  r.pick = (xs) => xs[Math.floor(next() * xs.length)] as (typeof xs)[number];
  r.skewed = (xs) => xs[Math.min(xs.length - 1, Math.floor(xs.length * next() ** 1.6))] as (typeof xs)[number];
  r.weighted = (pairs) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = next() * total;
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return (pairs.at(-1) as readonly [never, number])[0];
  };
  return r;
}

/** Days since 1970-01-01 (UTC) and back. */
export const day = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
export const isoOf = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
export const ymd = (d: number): [number, number, number] => {
  const t = new Date(d * 86_400_000);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
};
/** whole years from birth to a day */
export const ageAt = (dob: number, at: number): number => {
  const [y1, m1, d1] = ymd(dob);
  const [y2, m2, d2] = ymd(at);
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
};

/** The year of extracts: 1 November 2025 – 31 October 2026, taken 9 November 2026. */
export const YEAR_START = day('2025-11-01');
export const YEAR_END = day('2026-10-31');
export const TAKEN = day('2026-11-09');
