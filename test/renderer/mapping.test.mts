import { describe, expect, it } from 'vitest';
import {
  AS_OF_FIELD,
  PARTNER_FIELD,
  RETENTION_FIELD,
  SAVE_AS_FIELD,
  checkImportOptions,
  initialChoices,
  initialOptions,
  sheetTitle,
  toImportMapping,
  toImportRequest,
  withRole,
} from '../../renderer/src/features/sources/mapping.js';
import { actionLabel, auditDetails } from '../../renderer/src/features/audit/audit-labels.js';
import { checkColumn } from '../../renderer/src/features/sources/column-check.js';
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

const BLANK = { dsaRef: '', lawfulBasis: '', retentionUntil: '', saveAs: '' };

describe('import mapping', () => {
  it('starts from the suggested roles and options', () => {
    expect(initialChoices(preview)).toEqual({ Pupils: ['upn', 'forename', 'ignore'], 'Read me': [] });
    expect(initialOptions(preview)).toEqual({ partner: 'Oakfield Primary', kind: 'school', asOf: '', ...BLANK });
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
      ...BLANK,
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
      ...BLANK,
    });
    expect(request).not.toHaveProperty('partner');
    expect(request).not.toHaveProperty('asOf');
    expect(request).not.toHaveProperty('savePresetAs');
    expect(request).not.toHaveProperty('preset');
  });

  it('sends the data protection facts, the preset the preview applied and a name to save the mapping under', () => {
    const withPreset = { ...preview, preset: { id: 4, name: 'Oakfield monthly', partner: 'Oakfield Primary', kind: 'school' as const, drift: [] } };
    const request = toImportRequest(preview.token, withPreset, initialChoices(preview), {
      partner: 'Oakfield Primary',
      kind: 'school',
      asOf: '',
      dsaRef: ' DSA-2024-07 ',
      lawfulBasis: 'Public task',
      retentionUntil: '2027-03-31',
      saveAs: ' Oakfield monthly ',
    });
    expect(request).toMatchObject({ dsaRef: 'DSA-2024-07', lawfulBasis: 'Public task', retentionUntil: '2027-03-31', preset: 'Oakfield monthly', savePresetAs: 'Oakfield monthly' });
    expect(CHANNELS['import:start'].request.safeParse(request).success).toBe(true);
  });

  it.each([
    { asOf: '', partner: 'x', fields: [] },
    { asOf: '2024-02-29', partner: 'x', fields: [] },
    { asOf: '2023-02-29', partner: 'x', fields: [AS_OF_FIELD] },
    { asOf: '31/03/2024', partner: 'x', fields: [AS_OF_FIELD] },
    { asOf: '', partner: 'p'.repeat(201), fields: [PARTNER_FIELD] },
  ])('checks options: as-of $asOf', ({ asOf, partner, fields }) => {
    const errors = checkImportOptions({ partner, kind: 'school', asOf, ...BLANK });
    expect(errors.map((error) => error.fieldId)).toEqual(fields);
  });

  it('checks the retention date and the preset name', () => {
    expect(checkImportOptions({ partner: 'x', kind: 'school', asOf: '', ...BLANK, retentionUntil: '2027-02-30' }).map((e) => e.fieldId)).toEqual([RETENTION_FIELD]);
    expect(checkImportOptions({ partner: 'x', kind: 'school', asOf: '', ...BLANK, saveAs: 'n'.repeat(101) }).map((e) => e.fieldId)).toEqual([SAVE_AS_FIELD]);
  });

  it('checks a column live under its chosen role', () => {
    const dates = ['03/04/2010', '2011-01-02', 'not a date', '', '12-SEP-94', '31/02/2010'];
    expect(checkColumn('dob', dates)).toMatchObject({ filled: 5, unreadable: 2, problem: '2 of 5 dates could not be read' });
    expect(checkColumn('dob', dates).parsed[0]).toEqual({ raw: '03/04/2010', value: '2010-04-03' });
    expect(checkColumn('postcode', ['s601ab', 'S6O 1AB', 'nope'])).toMatchObject({ unreadable: 1, problem: '1 of 3 postcodes could not be read' });
    expect(checkColumn('ignore', dates)).toMatchObject({ parsed: [], problem: null });
    expect(checkColumn('nhs_number', ['943 476 5919'])).toMatchObject({ unreadable: 0, problem: null });
    // a year group as the importer reads it: Reception, Y7 and 07 are years; a school year is not
    expect(checkColumn('year_group', ['R', 'Y7', '07', '2024/25'])).toMatchObject({ unreadable: 1, problem: '1 of 4 year groups could not be read' });
    expect(checkColumn('year_group', ['R', 'Y7']).parsed.map((p) => p.value)).toEqual(['Reception', 'Year 7']);
  });

  it('names a CSV’s unnamed sheet after the file', () => {
    expect(sheetTitle('', 'police.csv')).toBe('police.csv');
    expect(sheetTitle('Pupils', 'school.xlsx')).toBe('Pupils');
  });
});

describe('import audit events in the trail', () => {
  it('labels preset saves and quarantine exports, and shows preset IDs as identifiers', () => {
    for (const action of ['import', 'mapping-preset-saved', 'mapping-preset-updated', 'quarantine-exported']) {
      expect(actionLabel(action), action).not.toBe(action);
    }
    expect(auditDetails({ presetId: 1234, columns: 1234 }).map((d) => [d.label, d.value])).toEqual([
      ['Mapping preset ID', '1234'],
      ['Columns', '1,234'],
    ]);
  });
});
