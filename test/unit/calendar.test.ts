// The one calendar the engine counts days with agrees with the JavaScript Date's, both ways, on
// every day from 1600 to 2200 (births in historical sets to tenancies decades ahead).
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../shared/domain/calendar.js';

describe('calendar arithmetic', () => {
  it('counts days as Date.UTC does and reads them back', () => {
    const from = Math.round(Date.UTC(1600, 0, 1) / 86_400_000);
    const to = Math.round(Date.UTC(2200, 11, 31) / 86_400_000);
    let wrong = 0;
    for (let day = from; day <= to; day++) {
      const date = new Date(day * 86_400_000);
      const civil: [number, number, number] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      const back = civilFromDays(day);
      if (daysFromCivil(...civil) !== day || back[0] !== civil[0] || back[1] !== civil[1] || back[2] !== civil[2]) wrong++;
    }
    expect(wrong).toBe(0);
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(-1)).toEqual([1969, 12, 31]);
  });
});
