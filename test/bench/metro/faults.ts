// The slips real records carry: typing errors, dates of birth with digits or day and month
// swapped, names in each other's fields.
import { YEAR_START, day, isoOf, type Random } from './random.js';

export function typo(r: Random, s: string): string {
  if (s.length < 4) return s;
  const i = r.int(1, s.length - 2);
  switch (r.int(0, 3)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + (s[i] as string) + s.slice(i);
    case 2:
      return s.slice(0, i) + (s[i + 1] as string) + (s[i] as string) + s.slice(i + 2);
    default:
      return s.slice(0, i) + r.pick([...'aeiouy']) + s.slice(i + 1);
  }
}

/** A date of birth keyed wrongly: day and month swapped, two digits of the day or year swapped. */
export function slipDob(r: Random, dob: number): number {
  const [y, m, d] = isoOf(dob).split('-') as [string, string, string];
  const tries = [`${y}-${d}-${m}`, `${y}-${m}-${d[1]}${d[0]}`, `${y.slice(0, 2)}${y[3]}${y[2]}-${m}-${d}`, `${Number(y) + r.pick([-1, 1])}-${m}-${d}`];
  for (let k = 0; k < 4; k++) {
    const t = tries[r.int(0, tries.length - 1)] as string;
    const got = day(t);
    if (Number.isFinite(got) && isoOf(got) === t && got !== dob && got < YEAR_START) return got;
  }
  return dob;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const dmy = (d: number): string => isoOf(d).split('-').reverse().join('/');
export const mdy = (d: number): string => {
  const [y, m, dd] = isoOf(d).split('-');
  return `${m}/${dd}/${y}`;
};
export const dMonYY = (d: number): string => {
  const [y, m, dd] = isoOf(d).split('-') as [string, string, string];
  return `${dd}-${MONTHS[Number(m) - 1]}-${y.slice(2)}`;
};
/** the day number Excel shows for a date (1900 date system) */
export const excelSerial = (d: number): number => d + 25_569;
export const asDate = (d: number): Date => new Date(d * 86_400_000);
