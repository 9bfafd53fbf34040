// The importer's "other national identifier" role: foreign social security and identity numbers
// that have no check this app knows, kept apart from agency references so the linker can use them.
import { describe, expect, it } from 'vitest';
import { normaliseOtherId } from '../../electron/engine/import/build-record.js';
import { suggestRole } from '../../electron/engine/import/roles.js';

const NUMBERS = ['5304218', '4066625', '1551941', '8859999', '7364009'];

describe('other national identifier role', () => {
  it.each([
    ['soc_sec_id'],
    [' soc_sec_id'],
    ['SSN'],
    ['Social Security Number'],
    ['Social Security No.'],
    ['National ID'],
    ['National Identity Number'],
    ['Client SSN'],
    ['PPS Number'],
  ])('%s → other_id', (header) => {
    expect(suggestRole(header, NUMBERS).role).toBe('other_id');
  });

  it.each([
    ['NI Number', 'nino'],
    ['National Insurance Number', 'nino'],
    ['rec_id', 'agency_ref'],
    ['Client Ref', 'agency_ref'],
    ['Case Number', 'agency_ref'],
    ['Parent SSN', 'ignore'],
    ['Previous SSN', 'ignore'],
  ])('%s stays %s', (header, role) => {
    expect(suggestRole(header, NUMBERS).role).toBe(role);
  });

  it('is never guessed from bare numbers under a vague header', () => {
    expect(suggestRole('ID', NUMBERS).role).toBe('agency_ref');
    expect(suggestRole(null, NUMBERS).role).not.toBe('other_id');
  });

  it.each([
    ['123-45-6789', '123456789'],
    [' 5304218 ', '5304218'],
    ['ab 12.34/56', 'AB123456'],
    ['-', null],
    ['', null],
    [undefined, null],
  ])('normalises %j → %j', (raw, want) => {
    expect(normaliseOtherId(raw)).toBe(want);
  });
});
