import { ROLE_LABELS } from '../../../../shared/domain/record-fields.js';
import type { SheetDrift } from '../../../../shared/ipc/contract.js';
import { sheetTitle } from './mapping.js';

/** Plain-English lines for what changed in a sheet's columns since the preset was saved. */
export function driftLines(drift: SheetDrift): string[] {
  if (drift.presetSheet === null) return ['No sheet of the preset matches this sheet, so its columns were suggested afresh.'];
  return [
    ...drift.renamed.map((r) => `“${r.from}” is now called “${r.to}”: still used as ${ROLE_LABELS[r.role].toLowerCase()}.`),
    ...drift.moved.map((m) => `“${m.header}” has moved from column ${m.from + 1} to column ${m.to + 1}.`),
    ...drift.added.map((a) => `“${a.header}” is new: suggested as ${ROLE_LABELS[a.role].toLowerCase()}.`),
    ...drift.removed.map((r) => `“${r.header}” (${ROLE_LABELS[r.role].toLowerCase()}) is no longer in the file.`),
  ];
}

interface PresetDriftProps {
  name: string;
  drift: readonly SheetDrift[];
  fileName: string;
}

/** Which preset was applied and what changed in the columns since it was saved. */
export function PresetDrift({ name, drift, fileName }: PresetDriftProps) {
  const changed = drift.map((d) => ({ sheet: d.sheet, lines: driftLines(d) })).filter((d) => d.lines.length > 0);
  return (
    <div className="inset-text" data-testid="preset-drift">
      <p className="body">
        The saved mapping <strong>{name}</strong> has been applied.
        {changed.length === 0 ? ' The columns are the same as when it was saved.' : ' The columns have changed since it was saved:'}
      </p>
      {changed.map((d) => (
        <div key={d.sheet}>
          {drift.length > 1 || d.sheet !== '' ? <p className="body">{sheetTitle(d.sheet, fileName)}</p> : null}
          <ul className="list list--bullet">
            {d.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
