// The partner guessed from a file name (the start for a file no earlier extract's headers fit,
// such as one without a header): next month's file of one partner must get the same guess.
import { describe, expect, it } from 'vitest';
import { guessPartner } from '../../electron/engine/import/source-guess.js';

describe('guessPartner', () => {
  it('drops dates however the file name writes them', () => {
    expect(guessPartner('demo-police_asb-2024-03.xlsx')).toBe('Police asb');
    expect(guessPartner('yot_cases_20250514.csv')).toBe('Yot cases');
    expect(guessPartner('ASB 2025.05.14.csv')).toBe('Asb');
  });

  it("gives next month's file, its month added after a financial year, the same partner", () => {
    expect(guessPartner('ED_attendances_FY2425_2025-05.csv')).toBe(guessPartner('ED_attendances_FY2425.csv'));
    expect(guessPartner('ED_attendances_FY2425_2025-05.csv')).toBe('Ed attendances fy');
  });
});
