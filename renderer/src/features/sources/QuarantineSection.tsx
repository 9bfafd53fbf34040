import { useEffect, useState, type FormEvent } from 'react';
import type { AppInfo, QuarantineRow, SourceRow } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Pagination } from '../../components/Pagination.js';
import { ReplaceQuestion } from '../../components/ReplaceQuestion.js';
import { TextField } from '../../components/TextField.js';
import { formatCount } from '../../components/format.js';
import { useSaveTarget } from '../../components/save-target.js';
import { sheetTitle } from './mapping.js';

const PAGE_SIZE = 20;

type Loaded = { rows: QuarantineRow[]; total: number; sheets: Array<{ sheet: string; headers: string[] }> };

/** The cells of a quarantined row, labelled by their headers, the empty ones left out. */
function cellsText(row: QuarantineRow, headers: readonly string[]): string {
  return row.cells
    .flatMap((cell, i) => (cell !== null && cell.trim() !== '' ? [`${headers[i] || `Column ${i + 1}`}: ${cell}`] : []))
    .join('; ');
}

interface QuarantineSectionProps {
  source: SourceRow;
  info: AppInfo;
}

/** A source's quarantined rows with their reasons, and the export to send back to the partner. */
export function QuarantineSection({ source, info }: QuarantineSectionProps) {
  const [page, setPage] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const typesPath = info.fileChooser === 'path';
  const target = useSaveTarget('quarantine');
  const pathField = `quarantine-path-${source.id}`;

  useEffect(() => {
    let live = true;
    workbench.call('quarantine:page', { sourceId: source.id, startRow: page * PAGE_SIZE, endRow: (page + 1) * PAGE_SIZE }).then(
      (result) => {
        if (live) {
          setLoaded(result);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (live) setError(toWorkbenchError(failure).message);
      },
    );
    return () => {
      live = false;
    };
  }, [source.id, page]);

  const exportRows = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    setExportError(null);
    if (typesPath && !path.trim().toLowerCase().endsWith('.xlsx')) {
      setExportError('Enter where to save the file, ending in .xlsx');
      return;
    }
    const send = async (replace: boolean) => {
      setExporting(true);
      try {
        const result = await workbench.call('quarantine:export', typesPath ? { sourceId: source.id, path: path.trim(), replace } : { sourceId: source.id });
        setSaved(result);
      } catch (failure) {
        setExportError(toWorkbenchError(failure).message);
      } finally {
        setExporting(false);
      }
    };
    try {
      await (typesPath ? target.save(path.trim(), send) : send(false));
    } catch (failure) {
      setExportError(toWorkbenchError(failure).message);
    }
  };

  const headersOf = (sheet: string): string[] => loaded?.sheets.find((s) => s.sheet === sheet)?.headers ?? [];
  const headingId = `quarantine-${source.id}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 className="heading-m" id={headingId}>
        Quarantined rows
      </h2>
      {error ? <ErrorSummary title="The quarantined rows could not be loaded" errors={[{ message: error }]} /> : null}
      {loaded === null && !error ? (
        <p className="body" role="status">
          Loading quarantined rows…
        </p>
      ) : null}
      {loaded && loaded.total === 0 ? <p className="body">Every data row of this file became a record: nothing is in quarantine.</p> : null}
      {loaded && loaded.total > 0 ? (
        <>
          <p className="body">
            {formatCount(loaded.total)} {loaded.total === 1 ? 'row' : 'rows'} could not be read as records. They are kept
            exactly as sent, with the reason. Send them back to the partner to correct.
          </p>
          <div className="table-wrapper">
            <table className="table" data-testid="quarantine-table">
              <caption className="visually-hidden">Quarantined rows of {source.fileName}</caption>
              <thead>
                <tr>
                  <th scope="col">Sheet</th>
                  <th scope="col" className="numeric">
                    Row
                  </th>
                  <th scope="col">Reason</th>
                  <th scope="col">Cells as sent</th>
                </tr>
              </thead>
              <tbody>
                {loaded.rows.map((row) => (
                  <tr key={row.id}>
                    <td>{sheetTitle(row.sheet, source.fileName)}</td>
                    <td className="numeric">{row.rowNumber}</td>
                    <td>{row.reason}</td>
                    <td>{cellsText(row, headersOf(row.sheet)) || <span className="table__detail">All empty</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label="Quarantined rows pages" page={page} pageCount={Math.ceil(loaded.total / PAGE_SIZE)} onPage={setPage} />
          <form noValidate onSubmit={(event) => void exportRows(event)} aria-label="Export the quarantined rows">
            {exportError ? <ErrorSummary errors={[{ message: exportError, ...(typesPath ? { fieldId: pathField } : {}) }]} /> : null}
            {typesPath ? (
              <TextField
                id={pathField}
                label="Save the quarantined rows as"
                hint="The full path of a new Excel file, for example /home/you/quarantine.xlsx. Anything that looks like a formula is saved as text."
                value={path}
                onChange={setPath}
                error={exportError ?? undefined}
              />
            ) : (
              <p className="body">The file is saved in the exports folder beside the store. Anything that looks like a formula is saved as text.</p>
            )}
            <ReplaceQuestion target={target} what="quarantine export" />
            {target.asking ? null : (
              <button type="submit" className="button button--secondary" disabled={exporting}>
                {exporting ? 'Exporting…' : 'Export quarantined rows to Excel'}
              </button>
            )}
          </form>
          {saved ? (
            <p className="body" role="status" data-testid="quarantine-saved">
              Saved {formatCount(saved.rows)} rows to {saved.path}.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
