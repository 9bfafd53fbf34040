// The pack as an A4 PDF that reads like a council paper: a title page with the pack's record,
// contents with page numbers, numbered sections, key figures, tables that break across pages
// with their header repeated, charts and maps as vectors, notes, and a footer on every page.
// Fonts: Noto Sans, embedded (fonts.ts). Dated by the store state, never the clock, so the same
// state gives the same bytes.
import PDFDocument from 'pdfkit';
import type { Block, PackDocument, ShownTable } from '../../../shared/ipc/channels/packs.js';
import { SUPPRESSED_SYMBOL } from '../../../shared/ipc/channels/packs.js';
import { formatCell, isNumericKind, longDate } from '../../../shared/util/pack-format.js';
import { PACK_FONTS, registerPackFonts } from './fonts.js';
import { drawSvg as drawSvgMarkup } from './pdf-svg.js';

const A4: [number, number] = [595.28, 841.89];
const M = { top: 64, bottom: 72, left: 62, right: 62 };
const CONTENT_W = A4[0] - M.left - M.right;
const BOTTOM = A4[1] - M.bottom;
const INK = '#0b0c0c';
const GREY = '#505a5f';
const RULE = '#b1b4b6';
const BLUE = '#1d70b8';
const RED = '#d4351c';
const FONT = PACK_FONTS.regular;
const BOLD = PACK_FONTS.bold;

/** The embedded Latin subset lacks a few characters our text may hold: swap them, and mark any other. */
export const safe = (text: string): string => text.replace(/≥/g, 'at least ').replace(/≤/g, 'at most ').replace(/→/g, 'to').replace(/[^\u0009\u000a\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');

class Writer {
  readonly doc: PDFKit.PDFDocument;
  y = M.top;
  /** The page (0-based) each section starts on, for the contents. */
  readonly sectionPages: number[] = [];
  private pageIndex = -1;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  newPage(): void {
    this.doc.addPage({ size: A4, margins: M });
    this.pageIndex++;
    this.y = M.top;
  }

  get page(): number {
    return this.pageIndex;
  }

  /** Starts a new page unless `height` still fits. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  text(text: string, options: { font?: string; size?: number; colour?: string; gap?: number; indent?: number; width?: number; align?: 'left' | 'right' | 'center' } = {}): void {
    const { doc } = this;
    const size = options.size ?? 10.5;
    const width = options.width ?? CONTENT_W - (options.indent ?? 0);
    doc.font(options.font ?? FONT).fontSize(size);
    const t = safe(text);
    const h = doc.heightOfString(t, { width, lineGap: 2 });
    if (this.y + h > BOTTOM && h < BOTTOM - M.top) this.newPage();
    doc.fillColor(options.colour ?? INK).text(t, M.left + (options.indent ?? 0), this.y, { width, lineGap: 2, align: options.align ?? 'left' });
    this.y += h + (options.gap ?? 8);
  }

  rule(colour = RULE, weight = 0.75): void {
    this.doc.moveTo(M.left, this.y).lineTo(M.left + CONTENT_W, this.y).lineWidth(weight).strokeColor(colour).stroke();
  }
}

function columnWidths(doc: PDFKit.PDFDocument, table: ShownTable): number[] {
  doc.font(BOLD).fontSize(8.5);
  const numeric = table.columns.map((c) => isNumericKind(c.kind));
  const natural = table.columns.map((c, i) => {
    const header = Math.min(doc.widthOfString(safe(c.label)), 90);
    doc.font(FONT);
    const cells = table.rows.map((r) => doc.widthOfString(safe(formatCell(r.cells[i] ?? { v: null }, c.kind))));
    doc.font(BOLD);
    return Math.max(header, ...cells) + 10;
  });
  const numericW = natural.map((w, i) => (numeric[i] ? Math.max(48, Math.min(w, 96)) : 0));
  const left = CONTENT_W - numericW.reduce((a, b) => a + b, 0);
  const textCols = numeric.filter((n) => !n).length;
  const textNatural = natural.reduce((n, w, i) => n + (numeric[i] ? 0 : w), 0);
  return natural.map((w, i) => (numeric[i] ? (numericW[i] as number) : textCols === 0 ? 0 : Math.max(60, (left * w) / Math.max(textNatural, 1))));
}

function drawTable(w: Writer, table: ShownTable): void {
  const { doc } = w;
  const widths = columnWidths(doc, table);
  const scale = Math.min(1, CONTENT_W / widths.reduce((a, b) => a + b, 0));
  const cols = widths.map((x) => x * scale);
  const pad = 4;
  const rowHeight = (cells: string[], font: string): number => {
    doc.font(font).fontSize(8.5);
    return Math.max(...cells.map((c, i) => doc.heightOfString(safe(c), { width: (cols[i] as number) - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, options: { header?: boolean; total?: boolean }): void => {
    const h = rowHeight(cells, font);
    let x = M.left;
    if (options.header) doc.rect(M.left, w.y, CONTENT_W, h).fill('#f3f2f1');
    doc.font(font).fontSize(8.5).fillColor(INK);
    cells.forEach((c, i) => {
      const kind = table.columns[i]?.kind ?? 'text';
      doc.fillColor(INK).text(safe(c), x + pad, w.y + pad, { width: (cols[i] as number) - 2 * pad, align: isNumericKind(kind) ? 'right' : 'left' });
      x += cols[i] as number;
    });
    w.y += h;
    const strong = options.header || options.total;
    doc.moveTo(M.left, w.y).lineTo(M.left + CONTENT_W, w.y).lineWidth(strong ? 1 : 0.5).strokeColor(strong ? INK : RULE).stroke();
  };
  const header = table.columns.map((c) => c.label);
  const caption = (continued: boolean): void => w.text(`${table.caption}${continued ? ' (continued)' : ''}`, { font: BOLD, size: 10, gap: 4 });
  // Caption, header and the first row stay together.
  const first = table.rows[0];
  const firstH = first ? rowHeight(first.cells.map((c, i) => formatCell(c, table.columns[i]?.kind ?? 'text')), FONT) : 0;
  w.ensure(24 + rowHeight(header, BOLD) + firstH);
  caption(false);
  drawRow(header, BOLD, { header: true });
  for (const row of table.rows) {
    const cells = row.cells.map((c, i) => formatCell(c, table.columns[i]?.kind ?? 'text'));
    const font = row.total ? BOLD : FONT;
    if (w.y + rowHeight(cells, font) > BOTTOM) {
      w.newPage();
      caption(true);
      drawRow(header, BOLD, { header: true });
    }
    drawRow(cells, font, { total: row.total });
  }
  w.y += 4;
  const withheld = table.rows.some((r) => r.cells.some((c) => c.c));
  const notes = [...(withheld ? [`${SUPPRESSED_SYMBOL} withheld to protect small numbers (see Notes).`] : []), ...table.notes];
  for (const n of notes) w.text(n, { size: 8, colour: GREY, gap: 2 });
  w.y += 10;
}

function drawFigures(w: Writer, block: Extract<Block, { type: 'figures' }>): void {
  const { doc } = w;
  const perRow = 2;
  const gap = 12;
  const boxW = (CONTENT_W - gap * (perRow - 1)) / perRow;
  const boxH = 58;
  for (let i = 0; i < block.items.length; i += perRow) {
    w.ensure(boxH + gap);
    block.items.slice(i, i + perRow).forEach((item, j) => {
      const x = M.left + j * (boxW + gap);
      doc.rect(x, w.y, 4, boxH).fill(BLUE);
      doc.font(BOLD).fontSize(20).fillColor(INK).text(safe(formatCell(item.value, item.kind)), x + 14, w.y + 8, { width: boxW - 20 });
      doc.font(FONT).fontSize(9).fillColor(GREY).text(safe(item.label), x + 14, w.y + 36, { width: boxW - 20 });
    });
    w.y += boxH + gap;
  }
  w.y += 4;
}

function drawSvg(w: Writer, block: Extract<Block, { type: 'svg' }>): void {
  const scale = Math.min(1, CONTENT_W / block.width);
  const width = block.width * scale;
  const height = block.height * scale;
  w.ensure(height + 40);
  w.text(block.caption, { font: BOLD, size: 10, gap: 6 });
  drawSvgMarkup(w.doc, block.svg, M.left, w.y, scale, block.width, block.height, { regular: FONT, bold: BOLD });
  w.y += height + 14;
}

function drawBlock(w: Writer, block: Block): void {
  switch (block.type) {
    case 'heading':
      w.ensure(80);
      w.y += 4;
      w.text(block.text, { font: BOLD, size: 13, gap: 6 });
      return;
    case 'paragraph':
      w.text(block.text);
      return;
    case 'bullets':
      for (const item of block.items) {
        const y = w.y;
        w.text(item, { indent: 14, gap: 4 });
        w.doc.circle(M.left + 4, y + 6, 1.8).fill(INK);
      }
      w.y += 4;
      return;
    case 'no-data':
      w.ensure(40);
      w.doc.rect(M.left, w.y, 4, 28).fill(RULE);
      w.y += 8;
      w.text(block.text, { indent: 14, colour: GREY, gap: 16 });
      return;
    case 'figures':
      drawFigures(w, block);
      return;
    case 'table':
      drawTable(w, block);
      return;
    case 'svg':
      drawSvg(w, block);
      return;
  }
}

function titlePage(w: Writer, pack: PackDocument, council: string): void {
  const { doc } = w;
  const r = pack.record;
  doc.rect(0, 0, A4[0], 14).fill(BLUE);
  w.y = 120;
  w.text(council, { font: BOLD, size: 14, colour: GREY, gap: 24 });
  w.text(r.title, { font: BOLD, size: 30, gap: 14 });
  w.text(`Data as of ${longDate(r.stateDate)}`, { size: 16, colour: GREY, gap: 40 });
  if (r.synthetic) {
    doc.rect(M.left, w.y, CONTENT_W, 46).fill(RED);
    doc.font(BOLD).fontSize(13).fillColor('#ffffff').text('Synthetic demonstration data', M.left + 14, w.y + 9, { width: CONTENT_W - 28 });
    doc.font(FONT).fontSize(9.5).text('None of the people or households counted in this pack exist.', M.left + 14, w.y + 27, { width: CONTENT_W - 28 });
    w.y += 64;
  }
  w.y = Math.max(w.y, 470);
  w.rule(INK, 1);
  w.y += 10;
  w.text('About this pack', { font: BOLD, size: 11, gap: 6 });
  const lines: Array<[string, string]> = [
    ['Template', r.template],
    ['Sections', `${r.sections.length}`],
    ['Matching run', r.linkRun === null ? 'none yet' : String(r.linkRun)],
    ['Small numbers', `counts under ${r.disclosure.threshold} withheld${r.disclosure.roundTo ? `, others rounded to the nearest ${r.disclosure.roundTo}` : ''}`],
    ['Built by', `Baseline Workbench ${r.programmeVersion}`],
    ['Data fingerprint', r.fingerprint.slice(0, 32)],
  ];
  for (const [k, v] of lines) {
    doc.font(BOLD).fontSize(9).fillColor(INK).text(k, M.left, w.y, { width: 120 });
    doc.font(FONT).fontSize(9).fillColor(INK).text(safe(v), M.left + 120, w.y, { width: CONTENT_W - 120 });
    w.y += 15;
  }
  w.y += 8;
  w.text('Rebuilding this pack from the same data gives the same figures and the same fingerprint.', { size: 8.5, colour: GREY });
}

function contents(doc: PDFKit.PDFDocument, pack: PackDocument, pages: number[]): void {
  let y = M.top;
  doc.font(BOLD).fontSize(20).fillColor(INK).text('Contents', M.left, y);
  y += 40;
  pack.sections.forEach((s, i) => {
    const label = `${i + 1}   ${safe(s.title)}`;
    const page = String((pages[i] ?? 0) + 1);
    doc.font(FONT).fontSize(11).fillColor(INK).text(label, M.left, y, { width: CONTENT_W - 40 });
    doc.text(page, M.left + CONTENT_W - 40, y, { width: 40, align: 'right' });
    doc.moveTo(M.left, y + 17).lineTo(M.left + CONTENT_W, y + 17).lineWidth(0.5).strokeColor(RULE).stroke();
    y += 26;
  });
  doc.font(FONT).fontSize(11).fillColor(INK).text('Notes on the figures', M.left, y, { width: CONTENT_W - 40 });
  doc.text(String((pages[pack.sections.length] ?? 0) + 1), M.left + CONTENT_W - 40, y, { width: 40, align: 'right' });
}

function footers(doc: PDFKit.PDFDocument, pack: PackDocument): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    // Writing in the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4[1] - 44;
    doc.moveTo(M.left, y - 8).lineTo(M.left + CONTENT_W, y - 8).lineWidth(0.5).strokeColor(RULE).stroke();
    const left = `OFFICIAL${pack.record.synthetic ? ' – synthetic demonstration data' : ''}`;
    doc.font(FONT).fontSize(8).fillColor(GREY).text(left, M.left, y, { width: CONTENT_W / 2, lineBreak: false });
    doc.text(`Page ${i + 1} of ${total}`, M.left + CONTENT_W / 2, y, { width: CONTENT_W / 2, align: 'right', lineBreak: false });
    if (i > 0) doc.text(safe(pack.record.title), M.left, 30, { width: CONTENT_W, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** The PDF's bytes. */
export function renderPdf(pack: PackDocument, options: { council?: string } = {}): Promise<{ bytes: Buffer; pages: number }> {
  const date = new Date(`${pack.record.stateDate}T00:00:00Z`);
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: A4,
    margins: M,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: pack.record.title, Author: 'Baseline Workbench', Subject: 'Board pack', Keywords: `fingerprint ${pack.record.fingerprint}`, CreationDate: date, ModDate: date, Creator: `Baseline Workbench ${pack.record.programmeVersion}`, Producer: 'Baseline Workbench (pdfkit)' },
  });
  registerPackFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  w.newPage();
  titlePage(w, pack, options.council ?? 'Programme board');
  w.newPage(); // contents, written once the section pages are known
  w.newPage();
  pack.sections.forEach((section, i) => {
    if (i > 0) w.ensure(160);
    w.sectionPages.push(w.page);
    w.text(`${i + 1}  ${section.title}`, { font: BOLD, size: 20, gap: 4 });
    w.rule(BLUE, 2);
    w.y += 14;
    for (const block of section.blocks) drawBlock(w, block);
    w.y += 12;
  });
  w.ensure(140);
  w.sectionPages.push(w.page);
  w.text('Notes on the figures', { font: BOLD, size: 20, gap: 4 });
  w.rule(BLUE, 2);
  w.y += 14;
  for (const note of pack.footnotes) w.text(note, { size: 9.5, gap: 6 });
  w.text(`Definition: template "${pack.record.template}", sections ${pack.record.sections.join(', ')}. Data as of: ${pack.record.asOf.map((a) => `${a.source} ${longDate(a.asOf)}`).join('; ') || 'no extracts'}. Store fingerprint ${pack.record.fingerprint}.`, { size: 8.5, colour: GREY });
  doc.switchToPage(1);
  contents(doc, pack, w.sectionPages);
  footers(doc, pack);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return done.then(() => ({ bytes: Buffer.concat(chunks), pages }));
}
