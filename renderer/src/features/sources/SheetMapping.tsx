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

export function SheetMapping({ sheet, sheetIndex, fileName, roles, onRoleChange, disabled, presetName, stored = false }: SheetMappingProps) {
  const title = sheetTitle(sheet.sheet, fileName);
  const headingId = `sheet-${sheetIndex}-heading`;
  return (
    <section className="sheet" aria-labelledby={headingId}>
      <h4 className="heading-s" id={headingId}>
        {sheet.sheet === '' ? title : `Sheet: ${title}`}
      </h4>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt className="summary-list__key">Header row</dt>
          <dd className="summary-list__value">
            {sheet.headerRow === null ? 'Not found' : `Row ${formatCount(sheet.headerRow)}`}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Data rows</dt>
          <dd className="summary-list__value">{formatCount(sheet.dataRows)}</dd>
        </div>
      </dl>
      {sheet.problem ? <WarningText>{sheet.problem}</WarningText> : null}
      {sheet.columns.length === 0 ? (
        <p className="body">There are no columns to check in this sheet.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--mapping">
            <caption className="table__caption">Columns in {title}</caption>
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
              {sheet.columns.map((column, position) => {
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
