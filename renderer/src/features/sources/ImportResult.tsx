import type { ImportSummary } from '../../../../shared/ipc/contract.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { formatCount } from '../../components/format.js';
import { DiffSummary } from './DiffSummary.js';
import { sheetTitle } from './mapping.js';
import { PresetDrift } from './PresetDrift.js';
import { RowCountCells, RowCountHeaders } from './RowCounts.js';

/** Counts for each sheet of one imported file. */
export function SheetCounts({ summary }: { summary: ImportSummary }) {
  if (summary.sheets.length === 0) return null;
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="table__caption">What was imported from {summary.fileName}</caption>
        <thead>
          <tr>
            <th scope="col">Sheet</th>
            <RowCountHeaders />
          </tr>
        </thead>
        <tbody>
          {summary.sheets.map((sheet) => (
            <tr key={sheet.sheet}>
              <th scope="row">{sheetTitle(sheet.sheet, summary.fileName)}</th>
              <RowCountCells counts={sheet} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function total(summary: ImportSummary, key: 'records' | 'structure' | 'quarantined'): number {
  return summary.sheets.reduce((sum, sheet) => sum + sheet[key], 0);
}

export function ImportResult({ summary }: { summary: ImportSummary }) {
  if (summary.skipped) {
    return (
      <NotificationBanner title="Important" heading={`${summary.fileName} was not imported again`} variant="important">
        <p className="body">{summary.message}</p>
      </NotificationBanner>
    );
  }
  const quarantined = total(summary, 'quarantined');
  return (
    <>
      <NotificationBanner title="Success" heading={`${summary.fileName} has been imported`}>
        <p className="body">
          {formatCount(total(summary, 'records'))} records, {formatCount(total(summary, 'structure'))} structure rows
          (titles, notes, totals), {formatCount(quarantined)} quarantined, {formatCount(summary.events)} dated events.
        </p>
        {summary.message ? <p className="body">{summary.message}</p> : null}
        {summary.savedPreset ? (
          <p className="body" data-testid="preset-saved">
            The mapping has been saved as &lsquo;{summary.savedPreset}&rsquo;. The next file from this partner will be
            mapped the same way.
          </p>
        ) : null}
      </NotificationBanner>
      {summary.preset ? <PresetDrift name={summary.preset.name} drift={summary.preset.drift} fileName={summary.fileName} /> : null}
      {summary.diff ? <DiffSummary diff={summary.diff} fileName={summary.fileName} /> : null}
      {quarantined > 0 ? (
        <p className="body">
          Quarantined rows could not be read as records. They are kept with the reasons, and nothing has been thrown
          away.
        </p>
      ) : null}
      <SheetCounts summary={summary} />
    </>
  );
}
