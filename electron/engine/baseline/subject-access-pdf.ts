// The subject access file as a PDF a person can read on paper: the same sheets as the workbook
// (one model, two writers), each as a titled section of label–value lines, with the pack's
// embedded fonts (packs/fonts.ts). Characters outside the embedded Latin subset are shown as "?"
// here, and the note on the first page says the workbook holds every value exactly.
import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ReportSheet } from '../governance/report-xlsx.js';
import { registerPackFonts } from '../packs/fonts.js';
import { safe } from '../packs/pdf.js';

const A4: [number, number] = [595.28, 841.89];
const MARGINS = { top: 56, bottom: 56, left: 56, right: 56 };
const WIDTH = A4[0] - MARGINS.left - MARGINS.right;

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : safe(String(v)));

export async function writeSubjectAccessPdf(out: string, title: string, sheets: readonly ReportSheet[]): Promise<void> {
  const doc = new PDFDocument({ size: A4, margins: MARGINS, lang: 'en-GB', displayTitle: true, info: { Title: title, Author: 'Baseline Workbench', Subject: 'Subject access' } });
  const fonts = registerPackFonts(doc);
  // owner-only, as every export of personal data
  const stream = createWriteStream(out, { mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(stream);
  doc.font(fonts.bold).fontSize(18).text(safe(title), { width: WIDTH });
  doc.moveDown(0.5);
  doc.font(fonts.regular).fontSize(9).fillColor('#505a5f').text('The workbook export (xlsx) of the same request holds every value exactly as sent, including any character this PDF cannot show.', { width: WIDTH });
  doc.fillColor('#0b0c0c');
  for (const sheet of sheets) {
    doc.moveDown(1);
    doc.font(fonts.bold).fontSize(13).text(safe(sheet.name), { width: WIDTH });
    doc.moveDown(0.3);
    // the summary is label–value pairs already; other sheets are tables, read one row at a time
    if (sheet.name === 'Summary') {
      for (const row of sheet.rows) if (row[0]) line(doc, fonts, String(row[0]), show(row[1]));
      continue;
    }
    const [header, ...rows] = sheet.rows;
    if (!header || rows.length === 0) {
      doc.font(fonts.regular).fontSize(9.5).text('None held.', { width: WIDTH });
      continue;
    }
    for (const row of rows) {
      doc.moveDown(0.25);
      header.forEach((h, i) => line(doc, fonts, String(h), show(row[i])));
    }
  }
  doc.end();
  await done;
}

function line(doc: PDFKit.PDFDocument, fonts: { regular: string; bold: string }, label: string, value: string): void {
  doc.font(fonts.bold).fontSize(9.5).text(`${safe(label)}: `, { continued: true, width: WIDTH });
  doc.font(fonts.regular).text(value, { width: WIDTH });
}
