import { describe, expect, it } from 'vitest';
import { planTable } from '../../electron/engine/import/table.js';
import type { SheetRow } from '../../electron/engine/import/sheet.js';

describe('table planning at scale', () => {
  it('plans a 300,000-row sheet (no argument-spreading over every row)', () => {
    const rows: SheetRow[] = [{ rowNumber: 1, cells: ['Forename', 'Surname', 'DOB'] }];
    for (let i = 2; i <= 300_001; i++) rows.push({ rowNumber: i, cells: ['Ann', 'Lee', '01/02/2003'] });
    const plan = planTable({ name: '', rows });
    expect(plan?.headerRow.rowNumber).toBe(1);
    expect(plan?.rows).toHaveLength(300_000);
    expect(plan?.headers).toEqual(['Forename', 'Surname', 'DOB']);
  });
});
