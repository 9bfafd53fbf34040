// Reporting periods: calendar months, quarters and years, and school terms (autumn 1 Sep–31 Dec,
// spring 1 Jan–14 Apr, summer 15 Apr–31 Aug, so terms tile the year as the attendance events'
// term dates do). Dates are ISO strings throughout; a period is [start, end] inclusive.
export const PERIOD_KINDS = ['month', 'quarter', 'term', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  key: string;
  label: string;
  start: string;
  end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The period of the given kind holding an ISO date. */
export function periodOf(kind: PeriodKind, date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  switch (kind) {
    case 'month':
      return { key: `${y}-${pad(m)}`, label: `${MONTHS[m - 1]} ${y}`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      const sm = (q - 1) * 3 + 1;
      return { key: `${y}-Q${q}`, label: `${MONTHS[sm - 1]}–${MONTHS[sm + 1]} ${y}`, start: `${y}-${pad(sm)}-01`, end: `${y}-${pad(sm + 2)}-${pad(lastDay(y, sm + 2))}` };
    }
    case 'year':
      return { key: `${y}`, label: `${y}`, start: `${y}-01-01`, end: `${y}-12-31` };
    case 'term': {
      if (m >= 9) return { key: `${y}-T1`, label: `Autumn term ${y}`, start: `${y}-09-01`, end: `${y}-12-31` };
      if (m < 4 || (m === 4 && d <= 14)) return { key: `${y}-T2`, label: `Spring term ${y}`, start: `${y}-01-01`, end: `${y}-04-14` };
      return { key: `${y}-T3`, label: `Summer term ${y}`, start: `${y}-04-15`, end: `${y}-08-31` };
    }
  }
}

function dayAfter(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** Every period of the kind from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(kind: PeriodKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  if (from > to) return out;
  let p = periodOf(kind, from);
  for (;;) {
    out.push(p);
    if (p.end >= to) break;
    p = periodOf(kind, dayAfter(p.end));
  }
  return out;
}

/** Index of the period holding `date` in an ordered list, or -1 (binary search over starts). */
export function periodIndex(periods: readonly Period[], date: string): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid] as Period;
    if (date < p.start) hi = mid - 1;
    else if (date > p.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
