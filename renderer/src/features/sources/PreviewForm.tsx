import { isPastDate } from '../stores/past-date.js';
import type { FormEvent } from 'react';
import type { ColumnRole } from '../../../../shared/domain/record-fields.js';
import type { ImportPreview } from '../../../../shared/ipc/contract.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';
import { WarningText } from '../../components/WarningText.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { SOURCE_KIND_OPTIONS, isSourceKind } from './kinds.js';
import {
  AS_OF_FIELD,
  DSA_FIELD,
  KIND_FIELD,
  LAWFUL_BASIS_FIELD,
  PARTNER_FIELD,
  RETENTION_FIELD,
  SAVE_AS_FIELD,
  withRole,
  type ImportOptions,
  type RoleChoices,
} from './mapping.js';
import { PresetDrift } from './PresetDrift.js';
import { SheetMapping } from './SheetMapping.js';
import './sources.css';

/** The preset chooser's value for "the importer's own suggestions". */
export const NO_PRESET = 'none';
export const PRESET_FIELD = 'import-preset';

interface PreviewFormProps {
  preview: ImportPreview;
  choices: RoleChoices;
  options: ImportOptions;
  errors: readonly FormError[];
  /** Set for a partner: their imports are always filed under their organisation. */
  fixedPartner?: string | null | undefined;
  onChoicesChange(choices: RoleChoices): void;
  onOptionsChange(options: ImportOptions): void;
  onImport(): void;
  onStartOver(): void;
  /** Look at the file again under another preset (or NO_PRESET). */
  onPresetChange(name: string): void;
  /** Look at a sheet again with the header row the analyst chose (0: none). */
  onHeaderRowChange?(sheet: string, row: number): void;
}

/** "Check the columns": what the workbench found in the file, and what the user confirms. */
export function PreviewForm({
  preview,
  choices,
  options,
  errors,
  fixedPartner,
  onChoicesChange,
  onOptionsChange,
  onImport,
  onStartOver,
  onPresetChange,
  onHeaderRowChange,
}: PreviewFormProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onImport();
  };
  const setRole = (sheet: string) => (position: number, role: ColumnRole) =>
    onChoicesChange(withRole(choices, sheet, position, role));

  return (
    <form noValidate onSubmit={submit} aria-labelledby="preview-heading">
      <FocusHeading level={3} id="preview-heading">
        Check the columns in {preview.fileName}
      </FocusHeading>
      {preview.alreadyImported ? (
        <WarningText>
          This file has already been imported: a file with exactly the same contents is in the list of sources. If you
          import it again it will be skipped and nothing will change.
        </WarningText>
      ) : null}
      <p className="body">
        The workbench has guessed what each column holds. Check the guesses and change any that are wrong. Choose
        &lsquo;Not needed (do not store)&rsquo; for columns you do not need: those cells are never stored.
      </p>
      {preview.preset ? <PresetDrift name={preview.preset.name} drift={preview.preset.drift} fileName={preview.fileName} /> : null}
      {preview.presets.length > 0 ? (
        <SelectField
          id={PRESET_FIELD}
          label="Saved mapping"
          hint="A mapping saved from an earlier import. Choosing one checks the columns again."
          value={preview.preset?.name ?? NO_PRESET}
          options={[
            { value: NO_PRESET, label: 'None: use the suggestions' },
            ...preview.presets.map((p) => ({ value: p.name, label: `${p.name} (${p.partner})` })),
          ]}
          onChange={onPresetChange}
        />
      ) : null}

      {fixedPartner ? (
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt className="summary-list__key">Partner</dt>
            <dd className="summary-list__value">
              {fixedPartner}
              <span className="table__detail">Files you import are always filed under your organisation.</span>
            </dd>
          </div>
        </dl>
      ) : (
        <TextField
          id={PARTNER_FIELD}
          label="Partner"
          hint="The organisation that sent the file."
          value={options.partner}
          onChange={(partner) => onOptionsChange({ ...options, partner })}
          error={errorFor(errors, PARTNER_FIELD)}
        />
      )}
      <SelectField
        id={KIND_FIELD}
        label="Kind of extract"
        value={options.kind}
        options={SOURCE_KIND_OPTIONS}
        onChange={(kind) => {
          if (isSourceKind(kind)) onOptionsChange({ ...options, kind });
        }}
        error={errorFor(errors, KIND_FIELD)}
      />
      <TextField
        id={AS_OF_FIELD}
        label="As-of date (optional)"
        hint="The date the extract was taken. Leave it blank to use the latest date in the file."
        type="date"
        width="date"
        value={options.asOf}
        onChange={(asOf) => onOptionsChange({ ...options, asOf })}
        error={errorFor(errors, AS_OF_FIELD)}
      />
      <TextField
        id={DSA_FIELD}
        label="Data-sharing agreement reference (optional)"
        hint="The agreement under which the partner sent this file."
        value={options.dsaRef}
        onChange={(dsaRef) => onOptionsChange({ ...options, dsaRef })}
        error={errorFor(errors, DSA_FIELD)}
      />
      <TextField
        id={LAWFUL_BASIS_FIELD}
        label="Lawful basis (optional)"
        hint="For example: UK GDPR Article 6(1)(e) public task."
        value={options.lawfulBasis}
        onChange={(lawfulBasis) => onOptionsChange({ ...options, lawfulBasis })}
        error={errorFor(errors, LAWFUL_BASIS_FIELD)}
      />
      <TextField
        id={RETENTION_FIELD}
        label="Keep until (optional)"
        hint="The date the agreement says this data must be deleted by. The workbench flags it once that date has passed."
        type="date"
        width="date"
        value={options.retentionUntil}
        onChange={(retentionUntil) => onOptionsChange({ ...options, retentionUntil })}
        error={errorFor(errors, RETENTION_FIELD)}
      />
      {isPastDate(options.retentionUntil) ? (
        <WarningText>
          <span data-testid="retention-past">
            That keep-until date has already passed: the data would be overdue for deletion as soon as it is imported.
            Check the date in the data-sharing agreement.
          </span>
        </WarningText>
      ) : null}

      {preview.sheets.map((sheet, index) => (
        <SheetMapping
          key={sheet.sheet}
          sheet={sheet}
          sheetIndex={index}
          fileName={preview.fileName}
          roles={choices[sheet.sheet] ?? []}
          onRoleChange={setRole(sheet.sheet)}
          disabled={false}
          presetName={preview.preset?.name}
          onHeaderRowChange={onHeaderRowChange ? (row) => onHeaderRowChange(sheet.sheet, row) : undefined}
        />
      ))}

      <TextField
        id={SAVE_AS_FIELD}
        label="Save this mapping for next time (optional)"
        hint="Give it a name, for example the partner and the extract. Next month's file from this partner is then mapped the same way, even if some columns have been renamed or moved."
        value={options.saveAs}
        onChange={(saveAs) => onOptionsChange({ ...options, saveAs })}
        error={errorFor(errors, SAVE_AS_FIELD)}
      />

      <div className="button-group">
        <button type="submit" className="button">
          Import
        </button>
        <button type="button" className="button button--secondary" onClick={onStartOver}>
          Choose a different file
        </button>
      </div>
    </form>
  );
}
