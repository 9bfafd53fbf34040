// Event columns under a heading no list knows are read from their cells, as columns with no
// heading are; a person's or an address's column with such a heading ("Ttl", "Twn") is not
// taken for the event's type.
import { describe, expect, it } from 'vitest';
import { unknownHeading, unnamedEventRoles } from '../../electron/engine/import/event-cells.js';
import { roleFromHeader, type RoleSuggestion } from '../../electron/engine/import/roles.js';
import type { ColumnRole } from '../../shared/domain/record-fields.js';

const s = (role: ColumnRole): RoleSuggestion => ({ role, confidence: 0.9 });
const TOWNS = ['Wexthorpe', 'Thrawmoor', 'Askerby'];
const TITLES = ['Mr', 'Mrs', 'Miss'];
const TYPES = ['Universal Credit', 'ESA', 'JSA'];
const rows = Array.from({ length: 12 }, (_, k) => [TYPES[k % 3]!, 'Ann', 'Lee', `${k + 1} Mill Row`, TOWNS[(k + 1) % 3]!, 'S60 1AA', TITLES[(k + 2) % 3]!, `2024-0${(k % 9) + 1}-01`, `2024-1${k % 3}-15`]);
const samples = rows[0]!.map((_, c) => rows.map((r) => r[c]!));

describe('a heading no list knows', () => {
  it('is told from a heading the importer can read', () => {
    for (const h of ['F14', 'Fld 7', 'Column C', '', 'X_09']) expect(unknownHeading(h), h).toBe(true);
    for (const h of ['Claim End Date', 'Benefit Type', 'Outcome', 'Postcode', 'Surname', 'Arrears (£)']) expect(unknownHeading(h), h).toBe(false);
  });

  it("reads the event's type and end from the cells, and leaves the town and the title between the person's columns alone", () => {
    // the type is the farthest column from the event's date; the town and the title are nearer
    const headers = ['F1', 'Forename', 'Surname', 'AdrLn', 'Twn', 'Pcd', 'Ttl', 'Claim Start Date', 'F9'];
    const suggestions = [s('event'), s('forename'), s('surname'), s('address_line'), s('event'), s('postcode'), s('event'), s('event_date'), s('event_date')];
    const roles = unnamedEventRoles(headers, suggestions, samples, rows, []).map((r) => r.role);
    expect(roles).toEqual(['event_category', 'forename', 'surname', 'address_line', 'event', 'postcode', 'event', 'event_date', 'event_end_date']);
  });
});

describe('a heading read again', () => {
  it('gets the same role, misspelt or run together, and a caller changing its answer changes nothing for the next', () => {
    for (const h of ['Date of Brith', 'dateofbrith', 'Surname', 'Occurrence Ref', 'Smith']) {
      const first = roleFromHeader(h);
      if (first) first.confidence = -1;
      const again = roleFromHeader(h);
      expect(again?.confidence ?? 1, h).toBeGreaterThan(0);
    }
    expect(roleFromHeader('Date of Brith')?.role).toBe('dob');
    expect(roleFromHeader('dateofbrith')?.role).toBe('dob');
    expect(roleFromHeader('Smith')).toBeNull();
  });
});
