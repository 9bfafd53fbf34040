// A saved mapping laid over next month's headers: renamed, moved, added and removed columns are
// placed by header text and reported.
import { describe, expect, it } from 'vitest';
import type { ColumnRole } from '../../shared/domain/record-fields.js';
import { describeDrift, driftIsEmpty, matchPreset, presetSheetFor, type PresetSheet } from '../../electron/engine/import/preset-match.js';

const preset: PresetSheet = {
  sheet: 'Pupils',
  columns: [
    { header: 'Pupil Ref', role: 'agency_ref' },
    { header: 'Surname', role: 'surname' },
    { header: 'Forename', role: 'forename' },
    { header: 'Date of Birth', role: 'dob' },
    { header: 'Postcode', role: 'postcode' },
    { header: 'Notes', role: 'drop' },
  ],
};

const suggested = (n: number): ColumnRole[] => Array.from({ length: n }, () => 'event');

describe('matchPreset', () => {
  it('same headers: the preset roles, no drift', () => {
    const headers = preset.columns.map((c) => c.header);
    const { roles, drift } = matchPreset(preset, 'Pupils', headers, suggested(headers.length));
    expect(roles).toEqual(preset.columns.map((c) => c.role));
    expect(driftIsEmpty(drift)).toBe(true);
    expect(describeDrift(drift)).toEqual([]);
  });

  it('tolerates case and punctuation: headers match by their normalised text', () => {
    const { roles, drift } = matchPreset(preset, 'Pupils', ['PUPIL REF', 'surname', 'FORENAME', 'date_of_birth', 'Post-code', 'notes'], suggested(6));
    expect(roles).toEqual(['agency_ref', 'surname', 'forename', 'dob', 'postcode', 'drop']);
    expect(drift.renamed).toEqual([{ from: 'Postcode', to: 'Post-code', role: 'postcode' }]);
  });

  it('renamed within the fuzzy distance, moved, added and removed: placed and reported', () => {
    // "Date of Birth" → "Date of Brith" (renamed), Forename before Surname (moved), "Email" added, Notes removed.
    const headers = ['Pupil Ref', 'Forename', 'Surname', 'Date of Brith', 'Email', 'Postcode'];
    const { roles, drift } = matchPreset(preset, 'Pupils', headers, ['event', 'event', 'event', 'event', 'ignore', 'event']);
    expect(roles).toEqual(['agency_ref', 'forename', 'surname', 'dob', 'ignore', 'postcode']);
    expect(drift.renamed).toEqual([{ from: 'Date of Birth', to: 'Date of Brith', role: 'dob' }]);
    expect(drift.moved.map((m) => m.header)).toEqual(['Forename']);
    expect(drift.added).toEqual([{ header: 'Email', role: 'ignore' }]);
    expect(drift.removed).toEqual([{ header: 'Notes', role: 'drop' }]);
    const lines = describeDrift(drift);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/"Date of Birth" is now "Date of Brith"/);
  });

  it('an inserted column shifts the others without calling them moved', () => {
    const headers = ['New Col', ...preset.columns.map((c) => c.header)];
    const { drift } = matchPreset(preset, 'Pupils', headers, suggested(headers.length));
    expect(drift.moved).toEqual([]);
    expect(drift.added.map((a) => a.header)).toEqual(['New Col']);
  });

  it('a header too far from any in the preset is added, not forced onto one', () => {
    const { roles, drift } = matchPreset(preset, 'Pupils', ['Pupil Ref', 'Family Name', 'Forename', 'Date of Birth', 'Postcode', 'Notes'], ['agency_ref', 'surname', 'event', 'event', 'event', 'event']);
    expect(roles[1]).toBe('surname');
    expect(drift.added.map((a) => a.header)).toEqual(['Family Name']);
    expect(drift.removed.map((r) => r.header)).toEqual(['Surname']);
  });

  it('finds the preset sheet by name, by normalised name, or the only one', () => {
    const two: PresetSheet[] = [preset, { sheet: 'Exclusions', columns: [{ header: 'Exclusion Type', role: 'event_category' }] }];
    expect(presetSheetFor(two, 'pupils', [])?.sheet).toBe('Pupils');
    expect(presetSheetFor(two, 'Sheet1', ['Pupil Ref', 'Surname', 'Forename'])?.sheet).toBe('Pupils');
    expect(presetSheetFor(two, 'Other', ['x'])).toBeNull();
    expect(presetSheetFor([preset], '', ['anything'])?.sheet).toBe('Pupils');
    const { drift } = matchPreset(null, 'Other', ['x'], ['event']);
    expect(describeDrift(drift)[0]).toMatch(/no sheet of the preset/);
  });
});
