import { describe, expect, it } from 'vitest';
import { planSheet } from '../../electron/engine/import/table.js';
import type { SheetRow } from '../../electron/engine/import/sheet.js';

describe('table planning at scale', () => {
  it('plans a 300,000-row sheet (no argument-spreading over every row)', () => {
    const rows: SheetRow[] = [{ rowNumber: 1, cells: ['Forename', 'Surname', 'DOB'] }];
    for (let i = 2; i <= 300_001; i++) rows.push({ rowNumber: i, cells: ['Ann', 'Lee', '01/02/2003'] });
    const { rows: planned, result } = planSheet({ name: '', rows }, 'the file');
    expect(result.plan?.headerRow).toBe(1);
    expect(planned.filter((r) => r.status === 'data')).toHaveLength(300_000);
    expect(result.plan?.headers).toEqual(['Forename', 'Surname', 'DOB']);
  });
});
