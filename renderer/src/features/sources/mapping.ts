// Pure helpers for the "check the columns" step: the user's choices, and the import:start
// request they become.
import type { ColumnRole, SourceKind } from '../../../../shared/domain/record-fields.js';
import type { ImportMapping, ImportPreview, RequestOf } from '../../../../shared/ipc/contract.js';
import type { FormError } from '../../components/form-error.js';

/** Per sheet, the chosen role of each previewed column, in the preview's column order. */
export type RoleChoices = Readonly<Record<string, readonly ColumnRole[]>>;

export interface ImportOptions {
  partner: string;
  kind: SourceKind;
  /** YYYY-MM-DD, or empty to let the engine take the latest date in the file. */
  asOf: string;
  /** The data-sharing agreement's reference (empty: none recorded). */
  dsaRef: string;
  lawfulBasis: string;
  /** YYYY-MM-DD after which the source should be purged, or empty. */
  retentionUntil: string;
  /** Save the confirmed mapping as a preset of this name (empty: do not save). */
  saveAs: string;
}

export const PARTNER_FIELD = 'import-partner';
export const KIND_FIELD = 'import-kind';
export const AS_OF_FIELD = 'import-as-of';
export const DSA_FIELD = 'import-dsa';
export const LAWFUL_BASIS_FIELD = 'import-lawful-basis';
export const RETENTION_FIELD = 'import-retention';
export const SAVE_AS_FIELD = 'import-save-preset';
export const MAX_PARTNER_LENGTH = 200;
export const MAX_DSA_LENGTH = 200;
export const MAX_LAWFUL_BASIS_LENGTH = 500;
export const MAX_PRESET_NAME_LENGTH = 100;

/** Roles a column gets when the preview says nothing about it (kept raw, used for nothing). */
const UNLISTED_ROLE: ColumnRole = 'ignore';

export function initialChoices(preview: ImportPreview): RoleChoices {
  return Object.fromEntries(preview.sheets.map((sheet) => [sheet.sheet, sheet.columns.map((column) => column.role)]));
}

export function initialOptions(preview: ImportPreview): ImportOptions {
  return { partner: preview.suggestedPartner, kind: preview.suggestedKind, asOf: '', dsaRef: '', lawfulBasis: '', retentionUntil: '', saveAs: '' };
}

export function withRole(choices: RoleChoices, sheet: string, position: number, role: ColumnRole): RoleChoices {
  const roles = [...(choices[sheet] ?? [])];
  roles[position] = role;
  return { ...choices, [sheet]: roles };
}

/**
 * The engine wants roles by column index. Sheets with no columns (no header found) are left
 * out, which tells the engine to use its own detection for them.
 */
export function toImportMapping(preview: ImportPreview, choices: RoleChoices): ImportMapping {
  const mapping: Record<string, ColumnRole[]> = {};
  for (const sheet of preview.sheets) {
    if (sheet.columns.length === 0) continue;
    const width = Math.max(...sheet.columns.map((column) => column.index)) + 1;
    const roles: ColumnRole[] = Array.from({ length: width }, () => UNLISTED_ROLE);
    const chosen = choices[sheet.sheet] ?? [];
    sheet.columns.forEach((column, position) => {
      roles[column.index] = chosen[position] ?? column.role;
    });
    mapping[sheet.sheet] = roles;
  }
  return mapping;
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function checkImportOptions(options: ImportOptions): FormError[] {
  const errors: FormError[] = [];
  if (options.partner.trim().length > MAX_PARTNER_LENGTH) {
    errors.push({ fieldId: PARTNER_FIELD, message: `Partner must be ${MAX_PARTNER_LENGTH} characters or fewer` });
  }
  if (options.asOf !== '' && !isRealDate(options.asOf)) {
    errors.push({ fieldId: AS_OF_FIELD, message: 'As-of date must be a real date, for example 31 March 2024' });
  }
  if (options.dsaRef.trim().length > MAX_DSA_LENGTH) {
    errors.push({ fieldId: DSA_FIELD, message: `Agreement reference must be ${MAX_DSA_LENGTH} characters or fewer` });
  }
  if (options.lawfulBasis.trim().length > MAX_LAWFUL_BASIS_LENGTH) {
    errors.push({ fieldId: LAWFUL_BASIS_FIELD, message: `Lawful basis must be ${MAX_LAWFUL_BASIS_LENGTH} characters or fewer` });
  }
  if (options.retentionUntil !== '' && !isRealDate(options.retentionUntil)) {
    errors.push({ fieldId: RETENTION_FIELD, message: 'Keep until must be a real date, for example 31 March 2027' });
  }
  if (options.saveAs.trim().length > MAX_PRESET_NAME_LENGTH) {
    errors.push({ fieldId: SAVE_AS_FIELD, message: `Preset name must be ${MAX_PRESET_NAME_LENGTH} characters or fewer` });
  }
  return errors;
}

export function toImportRequest(
  token: string,
  preview: ImportPreview,
  choices: RoleChoices,
  options: ImportOptions,
): RequestOf<'import:start'> {
  const request: RequestOf<'import:start'> = {
    token,
    mapping: toImportMapping(preview, choices),
    kind: options.kind,
  };
  const partner = options.partner.trim();
  if (partner !== '') request.partner = partner;
  if (options.asOf !== '') request.asOf = options.asOf;
  const dsaRef = options.dsaRef.trim();
  if (dsaRef !== '') request.dsaRef = dsaRef;
  const lawfulBasis = options.lawfulBasis.trim();
  if (lawfulBasis !== '') request.lawfulBasis = lawfulBasis;
  if (options.retentionUntil !== '') request.retentionUntil = options.retentionUntil;
  // The preset the preview laid over: the engine reports its drift in the summary.
  if (preview.preset) request.preset = preview.preset.name;
  const saveAs = options.saveAs.trim();
  if (saveAs !== '') request.savePresetAs = saveAs;
  return request;
}

/** What to call a sheet in headings: a CSV has one unnamed sheet. */
export function sheetTitle(sheet: string, fileName: string): string {
  return sheet === '' ? fileName : sheet;
}
