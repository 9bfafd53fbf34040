import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatIsoDate } from '../../renderer/src/components/format.js';
import { parseHouseholds } from '../../renderer/src/features/sources/demo-options.js';
import { columnLetter } from '../../renderer/src/features/sources/column-letter.js';
import {
  CONFIRM_FIELD,
  PASSPHRASE_FIELD,
  checkNewPassphrase,
} from '../../renderer/src/features/setup/passphrase-rules.js';
import { CHANNELS } from '../../shared/ipc/contract.js';

describe('new passphrase', () => {
  it.each([
    { passphrase: '', confirm: '', fields: [PASSPHRASE_FIELD] },
    { passphrase: 'short', confirm: 'short', fields: [PASSPHRASE_FIELD] },
    { passphrase: 'long enough phrase', confirm: '', fields: [CONFIRM_FIELD] },
    { passphrase: 'long enough phrase', confirm: 'long enough phrasf', fields: [CONFIRM_FIELD] },
    { passphrase: 'long enough phrase', confirm: 'long enough phrase', fields: [] },
  ])('$passphrase / $confirm', ({ passphrase, confirm, fields }) => {
    expect(checkNewPassphrase(passphrase, confirm).map((error) => error.fieldId)).toEqual(fields);
  });

  it('agrees with the engine on the minimum length', () => {
    const schema = CHANNELS['store:create'].request;
    expect(checkNewPassphrase('123456789', '123456789')).not.toEqual([]);
    expect(schema.safeParse({ passphrase: '123456789' }).success).toBe(false);
    expect(checkNewPassphrase('1234567890', '1234567890')).toEqual([]);
    expect(schema.safeParse({ passphrase: '1234567890' }).success).toBe(true);
  });
});

describe('demo households', () => {
  it.each([
    { text: '', households: undefined, ok: true },
    { text: ' 250 ', households: 250, ok: true },
    { text: '1,000', households: 1000, ok: true },
    { text: '0', households: undefined, ok: false },
    { text: '2.5', households: undefined, ok: false },
    { text: '200001', households: undefined, ok: false },
    { text: 'lots', households: undefined, ok: false },
  ])('"$text"', ({ text, households, ok }) => {
    const parsed = parseHouseholds(text);
    expect(parsed.households).toBe(households);
    expect(parsed.errors.length === 0).toBe(ok);
  });
});

describe('column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (index, letters) => expect(columnLetter(index)).toBe(letters));
});

describe('formatting', () => {
  it('writes dates the GOV.UK way', () => {
    expect(formatIsoDate('2024-03-07')).toBe('7 March 2024');
    expect(formatIsoDate('not a date')).toBe('not a date');
  });
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
  it.each([
    [0, '0 bytes'],
    [999, '999 bytes'],
    [1000, '1 kB'],
    [1550, '1.6 kB'],
    [61_234_567, '61 MB'],
    [2_400_000_000, '2.4 GB'],
    [9_999_000_000_000, '9,999 GB'],
  ])('sizes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
