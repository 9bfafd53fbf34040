// The digit-by-digit date readers the cohort facts and the outcomes frame use for every record
// and event give what Date.UTC and the ISO text give, edge cases included.
import { describe, expect, it } from 'vitest';
import { dayOf, NO_DAY } from '../../electron/engine/cohort/facts.js';
import { dateNumber } from '../../electron/engine/outcomes/frame.js';

const byDateUtc = (iso: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return NO_DAY;
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
};

describe('dates read as numbers', () => {
  it('dayOf gives the days since 1970 that Date.UTC gives, for every day from 1890 to 2040 and odd input', () => {
    const cases = ['', 'x', '2025-1-01', '0099-02-03', '0100-02-29', '1900-02-29', '2000-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-12-00', '2025-12-31T10:00:00', '1969-12-31', '9999-12-31', '2O24-01-01'];
    for (let y = 1890; y <= 2040; y++) for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d += 1) cases.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const wrong = cases.filter((c) => dayOf(c) !== byDateUtc(c));
    expect(wrong).toEqual([]);
    expect(dayOf(null)).toBe(NO_DAY);
    expect(dayOf('1970-01-02')).toBe(1);
  });

  it('dateNumber gives YYYYMMDD as the ISO text spells it', () => {
    expect(dateNumber('2025-03-31')).toBe(20250331);
    expect(dateNumber('1999-12-01T09:00:00Z')).toBe(19991201);
    expect(dateNumber('0001-01-01')).toBe(10101);
  });
});
