import { useState } from 'react';
import { COLUMN_ROLES, ROLE_LABELS, type ColumnRole } from '../../../../shared/domain/record-fields.js';
import type { SheetPreview } from '../../../../shared/ipc/contract.js';
import { WarningText } from '../../components/WarningText.js';
import { formatCount } from '../../components/format.js';
import { checkColumn } from './column-check.js';
import { columnLetter } from './column-letter.js';
import { sheetTitle } from './mapping.js';

const ROLE_OPTIONS = COLUMN_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface SheetMappingProps {
  sheet: SheetPreview;
  /** Position of the sheet in the preview; keeps control ids unique. */
  sheetIndex: number;
  fileName: string;
  roles: readonly ColumnRole[];
  onRoleChange(position: number, role: ColumnRole): void;
  disabled: boolean;
  /** The name of the mapping preset laid over the suggestions, if any. */
  presetName?: string | null | undefined;
  /**
   * Mapping a stored source again: the column shows the role used now (not a suggestion), and a
   * column not stored at import cannot be given a role (its cells were never kept).
   */
  stored?: boolean | undefined;
  /** Read the sheet again with this row as its header (0: it has none). Absent: the header row is fixed. */
  onHeaderRowChange?: ((row: number) => void) | undefined;
}

/** The analyst's own choice of header row, whatever detection found. */
function HeaderRowChoice({ sheetIndex, headerRow, disabled, onChange }: { sheetIndex: number; headerRow: number | null; disabled: boolean; onChange(row: number): void }) {
  const [value, setValue] = useState(headerRow === null ? '' : String(headerRow));
  const [problem, setProblem] = useState<string | null>(null);
  const id = `header-row-${sheetIndex}`;
  const apply = () => {
    const row = Number(value);
    if (value.trim() === '' || !Number.isInteger(row) || row < 0) {
      setProblem('Enter a row number, or 0 if the sheet has no header row');
      return;
    }
    setProblem(null);
    onChange(row);
  };
  return (
    <div className={`form-group${problem ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        Header row
      </label>
      <div className="hint" id={`${id}-hint`}>
        The row that names the columns, as your spreadsheet program numbers it. Enter 0 if the sheet has no header row: the columns are then named Column A, Column B and so on.
      </div>
      {problem ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {problem}
        </p>
      ) : null}
      <input
        className={`input input--short${problem ? " input--error" : ""}`}
        id={id}
        inputMode="numeric"
        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
        value={value}
        disabled={disabled}
        onChange={(event) => setValue(event.target.value)}
      />{' '}
      <button type="button" className="button button--secondary" disabled={disabled} onClick={apply}>
        Read the sheet again from this row
      </button>
    </div>
  );
}

function suggestion(role: ColumnRole, confidence: number): string {
  if (confidence <= 0) return 'No suggestion';
  return `${ROLE_LABELS[role]} (${Math.round(confidence * 100)}% sure)`;
}

/** One sheet of the preview: where its data starts, and what each column holds. */
/** What the importer will read from the column under its chosen role, checked live. */
function ReadCheck({ role, values }: { role: ColumnRole; values: readonly string[] }) {
  if (role === 'drop') return <span className="table__detail">Not stored</span>;
  const check = checkColumn(role, values);
  if (check.parsed.length === 0) return <span className="table__detail">Kept as written</span>;
  return (
    <>
      <ul className="samples">
        {check.parsed.map((p, i) => (
          <li key={i}>{p.value ?? <span className="mapping-unreadable">cannot read &ldquo;{p.raw.slice(0, 30)}&rdquo;</span>}</li>
        ))}
      </ul>
      {check.problem ? (
        <strong className="mapping-problem" data-testid="column-problem">
          {check.problem}
        </strong>
      ) : (
        <span className="table__detail">All {formatCount(check.filled)} values read</span>
      )}
    </>
  );
}

export function SheetMapping({ sheet, sheetIndex, fileName, roles, onRoleChange, disabled, presetName, stored = false, onHeaderRowChange }: SheetMappingProps) {
  const title = sheetTitle(sheet.sheet, fileName);
  const headingId = `sheet-${sheetIndex}-heading`;
  // The columns the importer is least sure of come first: those are the ones to check.
  const order = sheet.columns.map((_, i) => i);
  if (!stored) order.sort((a, b) => (sheet.columns[a]?.confidence ?? 0) - (sheet.columns[b]?.confidence ?? 0) || a - b);
  return (
    <section className="sheet" aria-labelledby={headingId}>
      <h4 className="heading-s" id={headingId}>
        {sheet.sheet === '' ? title : `Sheet: ${title}`}
      </h4>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt className="summary-list__key">Header row</dt>
          <dd className="summary-list__value">
            {sheet.headerRow === null ? 'Not found' : sheet.headerRow === 0 ? 'None: the columns are named from their cells' : `Row ${formatCount(sheet.headerRow)}`}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Data rows</dt>
          <dd className="summary-list__value">{formatCount(sheet.dataRows)}</dd>
        </div>
      </dl>
      {sheet.problem ? <WarningText>{sheet.problem}</WarningText> : null}
      {onHeaderRowChange ? <HeaderRowChoice key={sheet.headerRow ?? -1} sheetIndex={sheetIndex} headerRow={sheet.headerRow} disabled={disabled} onChange={onHeaderRowChange} /> : null}
      {sheet.columns.length === 0 ? (
        <p className="body">There are no columns to check in this sheet.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--mapping">
            <caption className="table__caption">
              Columns in {title}
              {stored ? null : <span className="table__detail">The columns the workbench is least sure of are listed first.</span>}
            </caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Sample values</th>
                <th scope="col">{stored ? 'Used now' : 'Suggested'}</th>
                <th scope="col">Use as</th>
                <th scope="col">What will be read</th>
              </tr>
            </thead>
            <tbody>
              {order.map((position) => {
                const column = sheet.columns[position];
                if (!column) return null;
                const selectId = `map-${sheetIndex}-${position}`;
                const header = column.header.trim() === '' ? '(no heading)' : column.header;
                const role = roles[position] ?? column.role;
                return (
                  <tr key={column.index}>
                    <th scope="row">
                      {header}
                      <span className="table__detail">Column {columnLetter(column.index)}</span>
                    </th>
                    <td>
                      {column.samples.length === 0 ? (
                        <span className="table__detail">All empty in the first rows</span>
                      ) : (
                        <ul className="samples">
                          {column.samples.map((sample, i) => (
                            <li key={i}>{sample}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {stored ? ROLE_LABELS[column.role] : suggestion(column.suggestedRole, column.confidence)}
                      {!stored && column.reason ? <span className="table__detail" data-testid="role-reason">Why: {column.reason}</span> : null}
                      {presetName && column.role !== column.suggestedRole ? (
                        <span className="table__detail">
                          Preset &lsquo;{presetName}&rsquo;: {ROLE_LABELS[column.role]}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {stored && column.role === 'drop' ? (
                        <span className="table__detail">Not stored at import, so it cannot be used</span>
                      ) : (
                        <>
                          <label className="visually-hidden" htmlFor={selectId}>
                            Use column {header} as
                          </label>
                          <select
                            className={`select${role !== column.role ? ' select--changed' : ''}`}
                            id={selectId}
                            value={role}
                            disabled={disabled}
                            onChange={(event) => onRoleChange(position, event.target.value as ColumnRole)}
                          >
                            {ROLE_OPTIONS.map((option) => (
                              <option key={option.value} value={option.value}>
                                {option.label}
                              </option>
                            ))}
                          </select>
                        </>
                      )}
                    </td>
                    <td>
                      <ReadCheck role={role} values={column.values} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
