// pdfkit against Chromium's print to PDF for the same pack: builds the controlled document of a
// store (--db, passphrase from BASELINE_PASSPHRASE), then times (a) our pdfkit writer and (b) the
// same content as plain HTML printed to A4 by Debian's Chromium (page.pdf, what Electron's
// printToPDF does). Not part of `npm run bench`: it needs a built store and /usr/bin/chromium.
// Prints one JSON line.
import { chromium } from 'playwright-core';
import type { Block, PackDocument } from '../../shared/ipc/channels/packs.js';
import { formatCell } from '../../shared/util/pack-format.js';
import { buildPackDocument } from '../../electron/engine/packs/build-pack.js';
import { renderPdf } from '../../electron/engine/packs/pdf.js';
import { storeProviders } from '../../electron/engine/packs/store-providers.js';
import { DEFAULT_TEMPLATE } from '../../electron/engine/packs/templates.js';
import { Store } from '../../electron/engine/store/store.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const block = (b: Block): string => {
  switch (b.type) {
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'paragraph':
    case 'no-data':
      return `<p>${esc(b.text)}</p>`;
    case 'bullets':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'figures':
      return `<dl>${b.items.map((i) => `<dt>${esc(i.label)}</dt><dd>${esc(formatCell(i.value, i.kind))}</dd>`).join('')}</dl>`;
    case 'table':
      return `<table><caption>${esc(b.caption)}</caption><thead><tr>${b.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.cells.map((c, i) => `<td>${esc(formatCell(c, b.columns[i]?.kind ?? 'text'))}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'svg':
      return `<figure>${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
  }
};
const html = (doc: PackDocument): string =>
  `<!doctype html><html lang="en-GB"><head><style>body{font-family:Helvetica,Arial,sans-serif;font-size:10.5pt}table{border-collapse:collapse;width:100%}thead{display:table-header-group}td,th{border-bottom:1px solid #b1b4b6;padding:3pt}</style></head><body><h1>${esc(doc.record.title)}</h1>${doc.sections
    .map((s) => `<h2>${esc(s.title)}</h2>${s.blocks.map(block).join('')}`)
    .join('')}</body></html>`;

const db = process.argv[process.argv.indexOf('--db') + 1] as string;
const store = Store.unlock(db, process.env.BASELINE_PASSPHRASE ?? '');
const document = buildPackDocument(store.reader, storeProviders(store), DEFAULT_TEMPLATE, { synthetic: store.synthetic, version: 'bench' });
store.close();

const t0 = performance.now();
const pdfkit = await renderPdf(document);
const pdfkitSeconds = (performance.now() - t0) / 1000;

const t1 = performance.now();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const launchSeconds = (performance.now() - t1) / 1000;
const page = await browser.newPage();
const t2 = performance.now();
await page.setContent(html(document));
const printed = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, footerTemplate: '<div style="font-size:8pt;width:100%;text-align:right;padding-right:1cm">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>', margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
const printSeconds = (performance.now() - t2) / 1000;
await browser.close();
process.stdout.write(
  `${JSON.stringify({ pdfkitSeconds: Math.round(pdfkitSeconds * 100) / 100, pdfkitBytes: pdfkit.bytes.length, chromiumLaunchSeconds: Math.round(launchSeconds * 100) / 100, chromiumPrintSeconds: Math.round(printSeconds * 100) / 100, chromiumBytes: printed.length })}\n`,
);
