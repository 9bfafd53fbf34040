// The pack as a styled workbook: an "About" sheet with the pack's record, a sheet per section
// (tables with frozen headers and number formats, charts' data as tables), and a Notes sheet.
// Every text cell is formula-neutralised. Dated by the store state and re-zipped with a fixed
// timestamp, so the same state gives the same bytes.
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Block, PackDocument, ShownCell, ShownTable } from '../../../shared/ipc/channels/packs.js';
import { SUPPRESSED_SYMBOL } from '../../../shared/ipc/channels/packs.js';
import { longDate } from '../../../shared/util/pack-format.js';
import { neutraliseFormula } from '../governance/report-xlsx.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB1B4B6' } };
const THICK: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: 'FF0B0C0C' } };

const text = (s: string): string => neutraliseFormula(s);

function sheetName(index: number, title: string, used: Set<string>): string {
  const base = `${index} ${title}`.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 28)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

const NUMBER_FORMATS: Record<string, string> = { count: '#,##0', number: '#,##0.##', rank: '#,##0', decile: '0', rate: '0.0' };

function writeCell(cell: ExcelJS.Cell, shown: ShownCell, kind: string): void {
  if (shown.c) {
    cell.value = SUPPRESSED_SYMBOL;
    cell.alignment = { horizontal: 'right' };
    return;
  }
  const v = shown.v;
  if (v === null) return;
  if (typeof v === 'number' && kind === 'percent') {
    // Kept in percentage points (100 = all), shown with a % sign: a fraction would store 100% as
    // the number 1, which reads like a small count to anyone scanning the cells.
    cell.value = v;
    cell.numFmt = '0.0"%"';
    return;
  }
  if (typeof v === 'number') {
    cell.value = v;
    cell.numFmt = NUMBER_FORMATS[kind] ?? 'General';
    return;
  }
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    cell.value = new Date(`${v.slice(0, 10)}T00:00:00Z`);
    cell.numFmt = 'd mmmm yyyy';
    return;
  }
  cell.value = text(v);
}

class SheetWriter {
  row = 1;
  frozen = false;
  constructor(readonly ws: ExcelJS.Worksheet) {}

  line(value: string, style: { bold?: boolean; size?: number; colour?: string; wrap?: boolean } = {}): void {
    const cell = this.ws.getCell(this.row, 1);
    cell.value = text(value);
    cell.font = { name: 'Arial', bold: style.bold ?? false, size: style.size ?? 11, color: { argb: style.colour ?? 'FF0B0C0C' } };
    if (style.wrap) {
      this.ws.mergeCells(this.row, 1, this.row, 8);
      cell.alignment = { wrapText: true, vertical: 'top' };
      this.ws.getRow(this.row).height = Math.max(15, Math.ceil(value.length / 110) * 15);
    }
    this.row++;
  }

  table(t: ShownTable): void {
    this.line(t.caption, { bold: true, size: 12 });
    const header = this.ws.getRow(this.row);
    t.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = text(c.label);
      cell.font = { name: 'Arial', bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: THICK };
      cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: c.kind === 'text' || c.kind === 'date' ? 'left' : 'right' };
    });
    // Freeze the sheet at its first table's header, so the column names stay in view.
    if (!this.frozen) {
      this.ws.views = [{ state: 'frozen', ySplit: this.row, xSplit: 0 }];
      this.frozen = true;
    }
    this.row++;
    for (const r of t.rows) {
      const row = this.ws.getRow(this.row);
      r.cells.forEach((shown, i) => {
        const cell = row.getCell(i + 1);
        writeCell(cell, shown, t.columns[i]?.kind ?? 'text');
        cell.font = { name: 'Arial', bold: r.total };
        cell.border = r.total ? { top: THICK, bottom: THIN } : { bottom: THIN };
      });
      this.row++;
    }
    if (t.rows.some((r) => r.cells.some((c) => c.c))) this.line(`${SUPPRESSED_SYMBOL} withheld to protect small numbers (see the Notes sheet).`, { size: 9, colour: 'FF505A5F' });
    for (const n of t.notes) this.line(n, { size: 9, colour: 'FF505A5F' });
    this.row++;
  }

  block(b: Block): void {
    switch (b.type) {
      case 'heading':
        this.line(b.text, { bold: true, size: 13 });
        return;
      case 'paragraph':
        this.line(b.text, { wrap: true });
        this.row++;
        return;
      case 'bullets':
        for (const item of b.items) this.line(`• ${item}`, { wrap: true });
        this.row++;
        return;
      case 'no-data':
        this.line(b.text, { colour: 'FF505A5F' });
        this.row++;
        return;
      case 'figures':
        this.table({
          type: 'table',
          id: 'figures',
          caption: 'Key figures',
          columns: [
            { key: 'label', label: 'Measure', kind: 'text' },
            { key: 'value', label: 'Value', kind: 'count' },
          ],
          rows: b.items.map((item) => ({ total: false, cells: [{ v: item.label }, item.value] })),
          notes: [],
        });
        return;
      case 'table':
        this.table(b);
        return;
      case 'svg':
        // The chart's figures are in the table beside it in the pack; the picture is in the PDF.
        this.line(`${b.caption} (chart in the PDF). ${b.alt}`, { size: 9, colour: 'FF505A5F', wrap: true });
        this.row++;
        return;
    }
  }
}

/** The workbook's bytes. */
export async function renderXlsx(pack: PackDocument): Promise<Buffer> {
  const date = new Date(`${pack.record.stateDate}T00:00:00Z`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Baseline Workbench';
  wb.lastModifiedBy = 'Baseline Workbench';
  wb.created = date;
  wb.modified = date;
  wb.title = pack.record.title;
  // How a later export knows this file for an earlier board pack it may replace.
  wb.subject = 'Board pack';
  const r = pack.record;
  const used = new Set<string>(['about', 'notes']);
  const about = wb.addWorksheet('About');
  about.getColumn(1).width = 26;
  about.getColumn(2).width = 90;
  const put = (row: number, k: string, v: string, bold = false): void => {
    about.getCell(row, 1).value = text(k);
    about.getCell(row, 1).font = { name: 'Arial', bold: true };
    about.getCell(row, 2).value = text(v);
    about.getCell(row, 2).font = { name: 'Arial', bold };
  };
  about.getCell(1, 1).value = text(r.title);
  about.getCell(1, 1).font = { name: 'Arial', bold: true, size: 16 };
  const facts: Array<[string, string]> = [
    ['Data as of', longDate(r.stateDate)],
    ['Synthetic data', r.synthetic ? 'Yes: none of the people or households counted exist' : 'No'],
    ['Template', r.template],
    ['Sections', r.sections.join(', ')],
    ['Matching run', r.linkRun === null ? 'none yet' : String(r.linkRun)],
    ['Small numbers', `counts under ${r.disclosure.threshold} withheld as ${SUPPRESSED_SYMBOL}; rounding to ${r.disclosure.roundTo || 'none'}; rates over denominators of at least ${r.disclosure.minDenominator}`],
    ['Programme version', r.programmeVersion],
    ['Store fingerprint', r.fingerprint],
    ...r.asOf.map((a): [string, string] => [`Extract: ${a.source}`, `as of ${longDate(a.asOf)}`]),
  ];
  facts.forEach(([k, v], i) => put(3 + i, k, v, k === 'Synthetic data' && r.synthetic));
  const sheetNames = pack.sections.map((s, i) => sheetName(i + 1, s.title, used));
  const listAt = 4 + facts.length;
  about.getCell(listAt, 1).value = 'Sheets';
  about.getCell(listAt, 1).font = { name: 'Arial', bold: true };
  sheetNames.forEach((n, i) => (about.getCell(listAt + 1 + i, 2).value = text(n)));
  about.getCell(listAt + 1 + sheetNames.length, 2).value = 'Notes';

  pack.sections.forEach((section, i) => {
    const ws = wb.addWorksheet(sheetNames[i] as string);
    ws.getColumn(1).width = 34;
    for (let c = 2; c <= 8; c++) ws.getColumn(c).width = 16;
    const w = new SheetWriter(ws);
    w.line(`${i + 1} ${section.title}`, { bold: true, size: 16 });
    w.row++;
    for (const b of section.blocks) w.block(b);
  });

  const notes = wb.addWorksheet('Notes');
  notes.getColumn(1).width = 120;
  const nw = new SheetWriter(notes);
  nw.line('Notes on the figures', { bold: true, size: 16 });
  nw.row++;
  for (const n of pack.footnotes) nw.line(n, { wrap: true });

  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  // exceljs stamps each zip entry with the clock; re-zip with the state date instead.
  const entries = unzipSync(new Uint8Array(raw));
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [data, { mtime: date.getTime() < Date.UTC(1980, 0, 2) ? new Date(Date.UTC(1980, 0, 2)) : date }];
  return Buffer.from(zipSync(files, { level: 6 }));
}
