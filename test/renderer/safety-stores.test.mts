import { describe, expect, it } from 'vitest';
import { isPastDate } from '../../renderer/src/features/stores/past-date.js';
import { storeFileName } from '../../renderer/src/features/stores/StoreReminders.js';

describe('a keep-until date in the past is questioned', () => {
  const today = new Date(2026, 11, 6);
  it.each([
    ['2026-12-05', true],
    ['2020-01-01', true],
    ['2026-12-06', false],
    ['2027-01-01', false],
    ['', false],
    ['not a date', false],
  ])('%s → %s', (date, past) => {
    expect(isPastDate(date, today)).toBe(past);
  });
});

describe('the open store is named by its file', () => {
  it.each([
    ['/home/ann/.config/Baseline Workbench/baseline.db', 'baseline.db'],
    ['C:\\Users\\ann\\AppData\\Roaming\\Baseline Workbench\\demo.db', 'demo.db'],
  ])('%s', (path, name) => {
    expect(storeFileName(path)).toBe(name);
  });
});
