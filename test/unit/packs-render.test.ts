// The pack writers on a hand-made document: a long table breaks across pages with its caption
// and header repeated, charts drawn from our SVG subset come out as vectors (text and all), and
// the same document gives the same PDF and workbook bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackDocument } from '../../shared/ipc/channels/packs.js';
import { groupedBarChart } from '../../electron/engine/packs/charts.js';
import { DEFAULT_DISCLOSURE } from '../../electron/engine/packs/disclosure.js';
import { renderPdf } from '../../electron/engine/packs/pdf.js';
import { renderXlsx } from '../../electron/engine/packs/xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-pack-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chart = groupedBarChart(['IoD2019', 'IoD2025'], [{ label: 'Most deprived 10%', colour: '#08306b', values: [40, 55] }], { unit: 'Percentage of LSOAs' });
const doc: PackDocument = {
  record: {
    template: 'default',
    title: 'Test pack',
    sections: ['summary', 'data-sources'],
    disclosure: DEFAULT_DISCLOSURE,
    programmeVersion: '1.2.3',
    fingerprint: 'a'.repeat(64),
    stateDate: '2026-03-31',
    linkRun: 4,
    asOf: [{ source: 'Schools (school)', asOf: '2026-02-01' }],
    synthetic: false,
    suppressedCells: 1,
  },
  sections: [
    { id: 'summary', title: 'Summary', blocks: [{ type: 'paragraph', text: 'A paragraph.' }, { type: 'svg', id: 'c', caption: 'A chart', alt: 'alt', ...chart }] },
    {
      id: 'data-sources',
      title: 'Data sources',
      blocks: [
        {
          type: 'table',
          id: 'long',
          caption: 'A long table',
          columns: [
            { key: 'area', label: 'Area', kind: 'text' },
            { key: 'n', label: 'Households', kind: 'count' },
          ],
          rows: Array.from({ length: 120 }, (_, i) => ({ total: false, cells: [{ v: `Row ${i + 1}` }, i === 3 ? { v: '[c]', c: true } : { v: 10 + i * 5 }] })),
          notes: [],
        },
      ],
    },
  ],
  footnotes: ['A footnote.'],
};

describe('the PDF writer', () => {
  it('breaks a long table across pages, repeating its caption and header', async () => {
    const pdf = await renderPdf(doc);
    const path = join(dir, 'long.pdf');
    writeFileSync(path, pdf.bytes);
    const pages = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f');
    const withRows = pages.filter((p) => /Row \d+/.test(p));
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows.slice(1)) {
      expect(page).toContain('A long table (continued)');
      expect(page).toMatch(/Area\s+Households/);
    }
    expect(pages.join('')).toContain('Row 120');
    expect(pages[0]).toContain('Data as of 31 March 2026');
  });

  it('draws the chart as vectors: its labels are text in the PDF', async () => {
    const pdf = await renderPdf(doc);
    const path = join(dir, 'chart.pdf');
    writeFileSync(path, pdf.bytes);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    for (const label of ['Most deprived 10%', 'IoD2019', 'IoD2025', 'Percentage of LSOAs', '55']) expect(text).toContain(label);
  });

  it('gives the same bytes for the same document (dated by the data, not the clock)', async () => {
    const a = await renderPdf(doc);
    const b = await renderPdf(doc);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.toString('latin1')).toContain('D:20260331');
    const x = await renderXlsx(doc);
    const y = await renderXlsx(doc);
    expect(x.equals(y)).toBe(true);
    // Every zip entry is stamped with the state date (DOS date in each local header), not today.
    const dosDate = ((2026 - 1980) << 9) | (3 << 5) | 31;
    let entries = 0;
    for (let i = x.indexOf('PK\x03\x04', 0, 'latin1'); i >= 0; i = x.indexOf('PK\x03\x04', i + 4, 'latin1')) {
      expect(x.readUInt16LE(i + 12)).toBe(dosDate);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
  });
});
