// A source's quarantine as a workbook to send back to the partner: for every row that could not
// become a record, where it was (file, sheet, row as their spreadsheet shows it), why, and the
// cells exactly as they sent them. Cells are the partner's own text, so every one goes through
// the formula neutraliser of the report writer: the file must never run what it holds.
import type { Store } from '../store/store.js';
import { quarantinePage, sourceSheets } from '../queries/records.js';
import { writeReportXlsx, type ReportCell, type ReportSheet } from '../governance/report-xlsx.js';

const PAGE = 1000;

/**
 * Excel's sheet-name rules: 31 characters, none of []:*?/\ , unique in the workbook. A partner's
 * sheet name that starts like a formula loses those characters (a sheet name cannot begin with
 * the apostrophe that keeps cells as text).
 */
export function sheetNameFor(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, ' ').replace(/^[\s=+\-@\uFF1D\uFF0B\uFF0D\uFF20]+/, '').trim() || 'Quarantine').slice(0, 31);
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function exportQuarantine(store: Store, sourceId: number, outPath: string): { rows: number } {
  const db = store.reader;
  const source = db.prepare('SELECT file_name FROM source WHERE id = ?').get(sourceId) as { file_name: string };
  const sheets = sourceSheets(db, sourceId);
  const bySheet = new Map<string, ReportCell[][]>();
  let rows = 0;
  for (let start = 0; ; start += PAGE) {
    const page = quarantinePage(db, sourceId, start, start + PAGE);
    for (const r of page.rows) {
      const list = bySheet.get(r.sheet) ?? [];
      list.push([source.file_name, r.sheet || null, r.rowNumber, r.reason, ...r.cells]);
      bySheet.set(r.sheet, list);
    }
    rows += page.rows.length;
    if (page.rows.length < PAGE) break;
  }
  const taken = new Set<string>();
  const about: ReportSheet = {
    name: sheetNameFor('About', taken),
    rows: [
      ['Rows that could not be read as records'],
      ['File', source.file_name],
      ['Rows', rows],
      [],
      ['Each row is shown as it was sent, with the row number your spreadsheet shows and the reason it could not be read.'],
      ['Please correct these rows and send them again.'],
    ],
    widths: [24, 60],
  };
  const out: ReportSheet[] = [about];
  for (const s of sheets) {
    const list = bySheet.get(s.sheet);
    if (!list) continue;
    out.push({
      name: sheetNameFor(s.sheet || 'Quarantine', taken),
      rows: [['File', 'Sheet', 'Row', 'Reason', ...s.headers.map((h, i) => h || `Column ${i + 1}`)], ...list],
      widths: [24, 16, 8, 40, ...s.headers.map(() => 16)],
    });
  }
  writeReportXlsx(outPath, `Quarantine of ${source.file_name}`, out);
  return { rows };
}
