import { describe, expect, it } from 'vitest';
import {
  AS_OF_FIELD,
  PARTNER_FIELD,
  checkImportOptions,
  initialChoices,
  initialOptions,
  sheetTitle,
  toImportMapping,
  toImportRequest,
  withRole,
} from '../../renderer/src/features/sources/mapping.js';
import { CHANNELS, type ImportPreview } from '../../shared/ipc/contract.js';

const preview: ImportPreview = {
  token: 'f_abcdefgh1234',
  fileName: 'school.xlsx',
  sha256: 'a'.repeat(64),
  alreadyImported: false,
  suggestedKind: 'school',
  suggestedPartner: 'Oakfield Primary',
  sheets: [
    {
      sheet: 'Pupils',
      headerRow: 3,
      dataRows: 120,
      problem: null,
      columns: [
        { index: 0, header: 'UPN', role: 'upn', suggestedRole: 'upn', confidence: 0.95, samples: ['A123456789012'], values: ['A123456789012'] },
        { index: 1, header: 'Forename', role: 'forename', suggestedRole: 'forename', confidence: 0.9, samples: ['Amy'], values: ['Amy'] },
        // Column C is blank in the file, so the preview skips it.
        { index: 3, header: 'Notes', role: 'ignore', suggestedRole: 'ignore', confidence: 0.2, samples: [], values: [] },
      ],
    },
    { sheet: 'Read me', headerRow: null, dataRows: 0, problem: 'No header row found', columns: [] },
  ],
  preset: null,
  presets: [],
};

describe('import mapping', () => {
  it('starts from the suggested roles and options', () => {
    expect(initialChoices(preview)).toEqual({ Pupils: ['upn', 'forename', 'ignore'], 'Read me': [] });
    expect(initialOptions(preview)).toEqual({ partner: 'Oakfield Primary', kind: 'school', asOf: '' });
  });

  it('changes one role without touching the others', () => {
    const before = initialChoices(preview);
    const after = withRole(before, 'Pupils', 2, 'drop');
    expect(after['Pupils']).toEqual(['upn', 'forename', 'drop']);
    expect(before['Pupils']).toEqual(['upn', 'forename', 'ignore']);
  });

  it('sends roles by column index, keeps unlisted columns raw, and leaves out sheets without columns', () => {
    const choices = withRole(initialChoices(preview), 'Pupils', 1, 'full_name');
    expect(toImportMapping(preview, choices)).toEqual({ Pupils: ['upn', 'full_name', 'ignore', 'ignore'] });
  });

  it('builds an import:start request the contract accepts', () => {
    const request = toImportRequest(preview.token, preview, initialChoices(preview), {
      partner: '  Oakfield Primary ',
      kind: 'school',
      asOf: '2024-03-31',
    });
    expect(request).toEqual({
      token: preview.token,
      mapping: { Pupils: ['upn', 'forename', 'ignore', 'ignore'] },
      kind: 'school',
      partner: 'Oakfield Primary',
      asOf: '2024-03-31',
    });
    expect(CHANNELS['import:start'].request.safeParse(request).success).toBe(true);
  });

  it('leaves out a blank partner and as-of date so the engine derives them', () => {
    const request = toImportRequest(preview.token, preview, initialChoices(preview), {
      partner: '  ',
      kind: 'other',
      asOf: '',
    });
    expect(request).not.toHaveProperty('partner');
    expect(request).not.toHaveProperty('asOf');
  });

  it.each([
    { asOf: '', partner: 'x', fields: [] },
    { asOf: '2024-02-29', partner: 'x', fields: [] },
    { asOf: '2023-02-29', partner: 'x', fields: [AS_OF_FIELD] },
    { asOf: '31/03/2024', partner: 'x', fields: [AS_OF_FIELD] },
    { asOf: '', partner: 'p'.repeat(201), fields: [PARTNER_FIELD] },
  ])('checks options: as-of $asOf', ({ asOf, partner, fields }) => {
    const errors = checkImportOptions({ partner, kind: 'school', asOf });
    expect(errors.map((error) => error.fieldId)).toEqual(fields);
  });

  it('names a CSV’s unnamed sheet after the file', () => {
    expect(sheetTitle('', 'police.csv')).toBe('police.csv');
    expect(sheetTitle('Pupils', 'school.xlsx')).toBe('Pupils');
  });
});
