// The streaming xlsx reader: cell types, styles, shared strings and formulas as Excel writes
// them, side by side with SheetJS; and the bad files issue 3 lists, each refused with a clear
// message naming the file (and sheet and row where there is one) and the store left unchanged.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { readWorkbook } from '../../electron/engine/import/read-file.js';
import { DEFAULT_ZIP_LIMITS } from '../../electron/engine/import/zip.js';
import { isDateFormat, shiftFormula } from '../../electron/engine/import/xlsx-stream.js';
import { XmlScanner } from '../../electron/engine/import/xml-scan.js';
import { createJobContext, silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';
import { writePatternsWorkbook, writeRawXlsx } from '../fixtures/import/build.js';

const tempDir = useTempDirs();

function newStore(): Store {
  return Store.openWithKey(join(tempDir(), 'baseline.db'), randomBytes(32), true);
}

const counts = (store: Store): { sources: number; rows: number; records: number } => ({
  sources: (store.reader.prepare('SELECT count(*) AS n FROM source').get() as { n: number }).n,
  rows: (store.reader.prepare('SELECT count(*) AS n FROM raw_row').get() as { n: number }).n,
  records: (store.reader.prepare('SELECT count(*) AS n FROM record').get() as { n: number }).n,
});

async function importError(path: string, options: Parameters<typeof importFile>[2] = { user: 't' }): Promise<WorkbenchError> {
  const store = newStore();
  const before = counts(store);
  try {
    await importFile(store, path, options, silentJob());
  } catch (error) {
    expect(counts(store)).toEqual(before);
    store.close();
    if (error instanceof WorkbenchError) return error;
    throw error;
  }
  store.close();
  throw new Error('expected the import to fail');
}

/** Rows as [sheet, row number, cells without trailing empties, formulas]. */
const rowsOf = (path: string, sheetJs = false): Array<[string, number, Array<string | null>, Array<[number, string]> | undefined]> =>
  readWorkbook(path, { sheetJs }).sheets.flatMap((s) =>
    s.rows.map((r) => {
      const cells = r.cells.slice();
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      return [s.name, r.rowNumber, cells, r.formulas] as [string, number, Array<string | null>, Array<[number, string]> | undefined];
    }),
  );

const STYLES =
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>' +
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="11"/></cellXfs>';

const SST =
  '<si><t>Forename</t></si><si><t>Surname</t></si><si><t>DOB</t></si>' +
  '<si><r><t>Zo</t></r><r><rPr><b/></rPr><t>ë</t></r></si>' + // rich text runs
  '<si><t>Lee</t><rPh sb="0" eb="1"><t>リー</t></rPh></si>' + // phonetic run left out
  '<si><t xml:space="preserve"> O&apos;Neil &amp; Co </t></si>';

describe('streaming xlsx reader', () => {
  it('reads shared and inline strings, numbers, booleans, errors, dates by style, gaps, and formulas', () => {
    const path = join(tempDir(), 'hand.xlsx');
    writeRawXlsx(
      path,
      [
        {
          name: 'Data & more',
          xml:
            '<dimension ref="A1:F6"/><sheetData>' +
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>Score</t></is></c></row>' +
            '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" s="1"><v>40271</v></c><c r="D3"><f>1+2</f><v>3</v></c><c r="F3" t="b"><v>1</v></c></row>' +
            '<row r="4"><c r="A4" t="inlineStr"><is><r><t>Jo</t></r><r><t>hn</t></r></is></c><c r="B4" t="s"><v>5</v></c><c r="C4" s="2"><v>36526.75</v></c><c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E4" s="3"><v>0.30000000000000004</v></c></row>' +
            '<row r="5"><c r="A5" t="str"><f t="shared" ref="A5:A7" si="0">B5&amp;"-"&amp;$C$1</f><v>x-DOB</v></c><c r="B5"><v>9434765919</v></c><c r="C5" s="4"><v>1.5E-3</v></c></row>' +
            '<row r="6"><c r="A6" t="str"><f t="shared" si="0"/><v>y-DOB</v></c><c r="B6" t="inlineStr"><is><t>&lt;tag&gt;</t></is></c></row>' +
            '<row r="7" spans="1:3"><c t="str"><f t="shared" si="0"/><v>z-DOB</v></c><c><v>7</v></c><c t="s"><v></v></c></row>' +
            '<row r="9"/>' +
            '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
        },
      ],
      { sst: SST, styles: STYLES },
    );
    const rows = rowsOf(path);
    expect(rows).toEqual([
      ['Data & more', 1, ['Forename', 'Surname', 'DOB', 'Score'], undefined],
      ['Data & more', 3, ['Zoë', 'Lee', '2010-04-03', '3', null, 'TRUE'], [[3, '=1+2']]],
      ['Data & more', 4, ['John', " O'Neil & Co ", '2000-01-01', '#DIV/0!', '0.3'], [[3, '=1/0']]],
      ['Data & more', 5, ['x-DOB', '9434765919', '0.0015'], [[0, '=B5&"-"&$C$1']]],
      ['Data & more', 6, ['y-DOB', '<tag>'], [[0, '=B6&"-"&$C$1']]],
      ['Data & more', 7, ['z-DOB', '7'], [[0, '=B7&"-"&$C$1']]],
    ]);
  });

  it('honours the 1904 date system and a prefixed namespace', () => {
    const path = join(tempDir(), 'mac.xlsx');
    writeRawXlsx(path, [{ name: 'S', xml: '<x:sheetData><x:row r="2"><x:c r="B2" s="1"><x:v>38809</x:v></x:c></x:row></x:sheetData>' }], { styles: STYLES, date1904: true, prefix: true });
    expect(rowsOf(path)).toEqual([['S', 2, [null, '2010-04-03'], undefined]]);
  });

  it('gives the same rows as SheetJS for a SheetJS-written workbook', () => {
    const path = join(tempDir(), 'patterns.xlsx');
    writePatternsWorkbook(path);
    expect(rowsOf(path)).toEqual(rowsOf(path, true));
  });

  it('date formats: custom codes with dates or times are dates; numbers, text and literals are not', () => {
    for (const code of ['dd/mm/yyyy', 'd-mmm-yy', 'yyyy-mm-dd;@', '[$-809]dd mmmm yyyy', 'h:mm', '[h]:mm:ss', 'dd/mm/yyyy hh:mm']) expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0', '0.00E+00', '"days"0', '@', '[Red]0.00', '£#,##0.00']) expect(isDateFormat(code), code).toBe(false);
  });

  it('shifts shared formulas: relative references move, $-anchored ones and quoted text stay', () => {
    expect(shiftFormula('SUM(A1:B2)*$C$1+D$1+$E2', 2, 1)).toBe('SUM(B3:C4)*$C$1+E$1+$E4');
    expect(shiftFormula('IF(A1="A1",LOG10(A1),Sheet2!B1)', 1, 0)).toBe('IF(A2="A1",LOG10(A2),Sheet2!B2)');
  });

  it('reads ods and xls through SheetJS', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Forename', 'Surname'], ['Ann', 'Lee']]), 'People');
    for (const bookType of ['ods', 'xls'] as const) {
      const path = join(tempDir(), `people.${bookType}`);
      writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
      const read = readWorkbook(path);
      expect(read.format).toBe(bookType);
      expect(read.sheets[0]?.rows.map((r) => r.cells)).toEqual([['Forename', 'Surname'], ['Ann', 'Lee']]);
    }
  });
});

describe('bad input is refused clearly and the store is unchanged', () => {
  it('a zip bomb past the configured uncompressed size', async () => {
    const path = join(tempDir(), 'bomb.xlsx');
    const row = '<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>';
    writeRawXlsx(path, [{ name: 'Boom', xml: `<sheetData>${row.repeat(200_000)}</sheetData>` }]);
    const error = await importError(path, { user: 't', limits: { maxUncompressedBytes: 4 * 1024 ** 2 } });
    expect(error.kind).toBe('bad-input');
    expect(error.message).toMatch(/^bomb\.xlsx: refused — .*(expands to more than 4 MB|zip bomb)/);
  });

  it('a zip bomb by ratio, even under the size limit', async () => {
    const path = join(tempDir(), 'ratio.xlsx');
    const body = `<sheetData>${'<row><c><v>0</v></c></row>'.repeat(1_000_000)}</sheetData>`;
    writeRawXlsx(path, [{ name: 'Boom', xml: body }]);
    const error = await importError(path, { user: 't', limits: { ratioFloorBytes: 1024 ** 2, maxCompressionRatio: 100 } });
    expect(error.message).toMatch(/ratio\.xlsx: refused — xl\/worksheets\/sheet1\.xml expands more than 100 times its compressed size; this looks like a zip bomb/);
  });

  it('a zip whose directory declares a huge size is refused before inflating', async () => {
    const path = join(tempDir(), 'declared.xlsx');
    writeRawXlsx(path, [{ name: 'S', xml: '<sheetData><row r="1"><c t="inlineStr"><is><t>Forename</t></is></c></row></sheetData>' }]);
    const bytes = readFileSync(path);
    // Set every central-directory entry's uncompressed size to 3 GB.
    for (let p = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) bytes.writeUInt32LE(3 * 1024 ** 3, p + 24);
    writeFileSync(path, bytes);
    const error = await importError(path);
    expect(error.message).toMatch(/^declared\.xlsx: refused — xl\/worksheets\/sheet1\.xml expands to more than 2,048 MB \(at least 3,072 MB\)/);
  });

  it('a truncated workbook', async () => {
    const good = join(tempDir(), 'good.xlsx');
    writePatternsWorkbook(good);
    const path = join(tempDir(), 'cut.xlsx');
    const bytes = readFileSync(good);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const error = await importError(path);
    expect(error.message).toMatch(/^cut\.xlsx: the file could not be read as a spreadsheet \(it may be damaged or truncated/);
  });

  it('damaged sheet XML, naming the sheet and row', async () => {
    const path = join(tempDir(), 'broken-xml.xlsx');
    writeRawXlsx(path, [
      {
        name: 'People',
        xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Forename</t></is></c><c r="B1" t="inlineStr"><is><t>Surname</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Ann</t></is></c></row><row r="3"><c r="A3"><v>1</v></row></sheetData>',
      },
    ]);
    const error = await importError(path);
    expect(error.message).toMatch(/^broken-xml\.xlsx: sheet "People", row 3: the sheet's XML is damaged/);
  });

  it('an encrypted zip entry', async () => {
    const path = join(tempDir(), 'zipcrypto.xlsx');
    writeRawXlsx(path, [{ name: 'S', xml: '<sheetData><row r="1"><c t="inlineStr"><is><t>Forename</t></is></c></row></sheetData>' }]);
    const bytes = readFileSync(path);
    for (const sig of [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x01, 0x02]]) {
      for (let p = bytes.indexOf(Buffer.from(sig)); p >= 0; p = bytes.indexOf(Buffer.from(sig), p + 4)) {
        const at = sig[2] === 3 ? p + 6 : p + 8;
        bytes.writeUInt16LE(bytes.readUInt16LE(at) | 1, at);
      }
    }
    writeFileSync(path, bytes);
    const error = await importError(path);
    expect(error.message).toMatch(/zipcrypto\.xlsx: the workbook is password-protected/);
  });

  it('a workbook part the streaming reader cannot read falls back to SheetJS, then fails clearly', async () => {
    const good = join(tempDir(), 'w.xlsx');
    writeRawXlsx(good, [{ name: 'S', xml: '<sheetData><row r="1"><c t="inlineStr"><is><t>Forename</t></is></c></row></sheetData>' }]);
    const files = unzipSync(readFileSync(good));
    files['xl/workbook.xml'] = strToU8('<workbook><sheets><sheet name="S" r:id="rId1"></workbook>');
    const path = join(tempDir(), 'broken-workbook.xlsx');
    writeFileSync(path, zipSync(files));
    const error = await importError(path);
    expect(error.message).toBe('broken-workbook.xlsx: the file could not be read as a spreadsheet (it may be damaged or truncated).');
  });

  it('a zip that is not a workbook', async () => {
    const path = join(tempDir(), 'archive.xlsx');
    writeFileSync(path, zipSync({ 'readme.txt': strToU8('hello') }));
    const error = await importError(path);
    expect(error.message).toMatch(/^archive\.xlsx: the file could not be read as a spreadsheet/);
  });

  it('a CSV with a quote that never closes, naming the row', async () => {
    const path = join(tempDir(), 'unclosed.csv');
    writeFileSync(path, `Forename,Surname\nAnn,Lee\nBob,"Ray${'x'.repeat(1_100_000)}\n`);
    const error = await importError(path);
    expect(error.message).toMatch(/^unclosed\.csv: row 3: a quoted field runs on/);
  });

  it('deflate data that is not deflate', async () => {
    const path = join(tempDir(), 'garbled.xlsx');
    writeRawXlsx(path, [{ name: 'S', xml: `<sheetData>${'<row><c t="inlineStr"><is><t>Forename</t></is></c></row>'.repeat(50)}</sheetData>` }]);
    const bytes = readFileSync(path);
    const sheetAt = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    for (let i = sheetAt + 40; i < sheetAt + 120 && i < bytes.length; i++) bytes[i] = 0xff;
    writeFileSync(path, bytes);
    const error = await importError(path);
    expect(error.message).toMatch(/^garbled\.xlsx: (the file could not be read as a spreadsheet|sheet "S")/);
  });
});

describe('a large sheet is inflated by node:zlib in a worker', () => {
  // Past 4 KB compressed the sheet goes to the worker here (1 MB by default), so small files take that path.
  const inWorker = { ...DEFAULT_ZIP_LIMITS, inflateInWorkerFrom: 4096 };
  const people = (n: number): string =>
    `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Forename</t></is></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Note</t></is></c></row>${Array.from(
      { length: n },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>Siân ${i} &amp; Żółć</t></is></c><c r="B${i + 2}" t="s"><v>${i % 2 ? 3 : 5}</v></c><c r="D${i + 2}"><v>${i * 1.5}</v></c></row>`,
    ).join('')}</sheetData>`;
  /** The sheet entry's compressed data declared (and so read) only up to `fraction` of its length. */
  const cutShort = (path: string, fraction: number): void => {
    const bytes = readFileSync(path);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (const [sig, sizeAt] of [[0x04034b50, 18], [0x02014b50, 20]] as const) {
      for (let p = bytes.indexOf(name); p >= 0; p = bytes.indexOf(name, p + 1)) {
        const header = sig === 0x04034b50 ? p - 30 : p - 46;
        if (header >= 0 && bytes.readUInt32LE(header) === sig) bytes.writeUInt32LE(Math.floor(bytes.readUInt32LE(header + sizeAt) * fraction), header + sizeAt);
      }
    }
    writeFileSync(path, bytes);
  };

  it('reads the same rows, shared and inline strings as the in-thread inflater', () => {
    const path = join(tempDir(), 'big.xlsx');
    writeRawXlsx(path, [{ name: 'People', xml: people(3000) }, { name: 'More', xml: people(2000) }], { sst: SST });
    const here = readWorkbook(path);
    expect(here.sheets.map((sheet) => sheet.rows.length)).toEqual([3001, 2001]);
    expect(here.sheets[0]?.rows[1]?.cells).toEqual(['Siân 0 & Żółć', " O'Neil & Co ", null, '0']);
    expect(readWorkbook(path, { limits: inWorker })).toEqual(here);
  });

  it('refuses a zip bomb by size and by ratio while the worker inflates', () => {
    const path = join(tempDir(), 'bomb.xlsx');
    writeRawXlsx(path, [{ name: 'Boom', xml: `<sheetData>${'<row><c><v>0</v></c></row>'.repeat(1_000_000)}</sheetData>` }]);
    expect(() => readWorkbook(path, { limits: { ...inWorker, maxUncompressedBytes: 4 * 1024 ** 2 } })).toThrow(/^bomb\.xlsx: refused — xl\/worksheets\/sheet1\.xml expands to more than 4 MB/);
    expect(() => readWorkbook(path, { limits: { ...inWorker, ratioFloorBytes: 1024 ** 2, maxCompressionRatio: 100 } })).toThrow(
      /^bomb\.xlsx: refused — xl\/worksheets\/sheet1\.xml expands more than 100 times its compressed size; this looks like a zip bomb/,
    );
  });

  it('a sheet whose compressed data is cut short or garbled is refused naming the file and the sheet, on either inflater', async () => {
    const path = join(tempDir(), 'cut-sheet.xlsx');
    writeRawXlsx(path, [{ name: 'People', xml: people(3000) }]);
    cutShort(path, 0.5);
    const damaged = /^cut-sheet\.xlsx: sheet "People", row \d+: the sheet is damaged or cut short and could not be read \(xl\/worksheets\/sheet1\.xml (does not decompress|is cut short)\)\.$/;
    expect(() => readWorkbook(path)).toThrow(damaged);
    // Through an import: the worker is started from the parse worker, and the store is unchanged.
    expect((await importError(path, { user: 't', limits: inWorker })).message).toMatch(damaged);
    const garbled = join(tempDir(), 'garbled-sheet.xlsx');
    writeRawXlsx(garbled, [{ name: 'People', xml: people(3000) }]);
    const bytes = readFileSync(garbled);
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 200;
    bytes.fill(0xff, at, at + 64);
    writeFileSync(garbled, bytes);
    expect(() => readWorkbook(garbled, { limits: inWorker })).toThrow(/^garbled-sheet\.xlsx: sheet "People"(, row \d+)?: the sheet/);
  });
});

describe('keys such as __proto__ are data, never object keys', () => {
  it('headers and sheet names called __proto__, constructor and toString', async () => {
    const dir = tempDir();
    const csv = join(dir, 'proto.csv');
    writeFileSync(csv, '__proto__,constructor,Forename,Surname,toString,hasOwnProperty\n{"polluted":1},x,Ann,Lee,y,z\n');
    const xlsx = join(dir, 'proto.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['__proto__', 'Forename', 'Surname'], ['polluted', 'Bob', 'Ray']]), '__proto__');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['constructor', 'Forename', 'Surname'], ['x', 'Cy', 'Day']]), 'constructor');
    writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const store = newStore();
    await importFile(store, csv, { user: 't' }, silentJob());
    // A mapping keyed by a sheet called "constructor" must not reach Object.prototype.constructor.
    await importFile(store, xlsx, { user: 't', mapping: { ['__proto__']: ['ignore', 'forename', 'surname'] } }, silentJob());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(store.reader.prepare('SELECT forename, surname FROM record ORDER BY id').all()).toEqual([
      { forename: 'Ann', surname: 'Lee' },
      { forename: 'Bob', surname: 'Ray' },
      { forename: 'Cy', surname: 'Day' },
    ]);
    const sheets = store.reader.prepare('SELECT sheet, headers_json FROM source_sheet ORDER BY source_id, ordinal').all() as Array<{ sheet: string; headers_json: string }>;
    expect(sheets.map((s) => [s.sheet, JSON.parse(s.headers_json)[0]])).toEqual([
      ['', '__proto__'],
      ['__proto__', '__proto__'],
      ['constructor', 'constructor'],
    ]);
    const mapping = JSON.parse((store.reader.prepare('SELECT mapping_json FROM source WHERE id = 2').get() as { mapping_json: string }).mapping_json) as Record<string, unknown>;
    expect(Object.keys(mapping)).toEqual(['__proto__', 'constructor']);
    store.close();
  });
});

describe('progress', () => {
  it('a large file reports rows stored as it goes, ending at the total', async () => {
    const path = join(tempDir(), 'big.xlsx');
    const aoa: string[][] = [['Forename', 'Surname']];
    for (let i = 0; i < 12_000; i++) aoa.push([`N${i}`, `S${i}`]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Data');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const events: Array<[string, number, number]> = [];
    const job = createJobContext(new AbortController().signal, (phase, done, total) => events.push([phase, done, total]));
    const store = newStore();
    await importFile(store, path, { user: 't' }, job);
    const storing = events.filter(([p]) => p === 'Storing rows');
    expect(storing.length).toBeGreaterThan(1);
    expect(storing.at(-1)).toEqual(['Storing rows', 12_001, 12_001]);
    for (let i = 1; i < storing.length; i++) expect(storing[i]?.[1]).toBeGreaterThanOrEqual(storing[i - 1]?.[1] ?? 0);
    store.close();
  });
});

describe('the sheet XML scanner', () => {
  /** The scanner's events for `xml`, its UTF-8 bytes cut at each of `split` (byte offsets). */
  const events = (xml: string, split: number[]): string[] => {
    const out: string[] = [];
    const scanner = new XmlScanner({
      open: (name, attrs, self) => out.push(`<${name}${attrs.entries().map(([k, v]) => ` ${k}=${v}`).join('')}${self ? '/' : ''}>`),
      close: (name) => out.push(`</${name}>`),
      text: (t) => {
        if (out.length && out[out.length - 1]?.startsWith('#')) out[out.length - 1] += t;
        else out.push(`#${t}`);
      },
    });
    const bytes = Buffer.from(xml);
    let at = 0;
    for (const cut of [...split, bytes.length]) {
      scanner.write(bytes.subarray(at, cut));
      at = cut;
    }
    scanner.end();
    return out;
  };
  const XML =
    '<?xml version="1.0"?><!-- a comment --><x:ws xmlns:x="urn:x"><x:row r="1" spans=\'1:2\'><x:c r="A1" t="str"><x:f>IF(A2&gt;1,"a&gt;b","&amp;")</x:f><x:v>a&amp;b &#233;&#x20AC; &lt;&quot;&apos; Siân Żółć 😀</x:v></x:c>' +
    '<x:c r="B1" note="x>y"/><x:c r="C1"><x:v><![CDATA[<raw & text>]]></x:v></x:c></x:row></x:ws>';
  const whole = events(XML, []);

  it('reads names, attributes (quotes, > inside), entities, character references, CDATA; skips comments and PIs', () => {
    expect(whole).toEqual([
      '<ws xmlns:x=urn:x>',
      '<row r=1 spans=1:2>',
      '<c r=A1 t=str>',
      '<f>',
      '#IF(A2>1,"a>b","&")',
      '</f>',
      '<v>',
      '#a&b é€ <"\' Siân Żółć 😀',
      '</v>',
      '</c>',
      '<c r=B1 note=x>y/>',
      '</c>',
      '<c r=C1>',
      '<v>',
      '#<raw & text>',
      '</v>',
      '</c>',
      '</row>',
      '</ws>',
    ]);
  });

  it('gives the same events however the bytes are split into chunks, inside a character or an entity too', () => {
    const length = Buffer.byteLength(XML);
    for (let cut = 1; cut < length; cut++) expect(events(XML, [cut]), `split at ${cut}`).toEqual(whole);
    expect(events(XML, Array.from({ length: length - 1 }, (_, i) => i + 1))).toEqual(whole);
  });

  it.each([
    ['<a><b></a></b>', /where <\/b> was expected/],
    ['<a><b>', /ends inside <b>/],
    ['<a><b', /ends in the middle of a tag/],
    ['</a>', /closes nothing/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a b=c></a>', /unquoted attribute/],
  ])('refuses %j', (xml, message) => expect(() => events(xml, [])).toThrow(message));
});
