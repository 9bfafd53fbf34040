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
  KIND_FIELD,
  PARTNER_FIELD,
  withRole,
  type ImportOptions,
  type RoleChoices,
} from './mapping.js';
import { SheetMapping } from './SheetMapping.js';

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

      {preview.sheets.map((sheet, index) => (
        <SheetMapping
          key={sheet.sheet}
          sheet={sheet}
          sheetIndex={index}
          fileName={preview.fileName}
          roles={choices[sheet.sheet] ?? []}
          onRoleChange={setRole(sheet.sheet)}
          disabled={false}
        />
      ))}

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
