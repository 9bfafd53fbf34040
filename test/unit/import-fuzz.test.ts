// Hostile input (issue 6 §6): a thousand malformed and hostile files through the importer's
// parse side. Every one either imports or is refused with a clear `bad-input`; nothing else may
// escape, and no file can pollute Object.prototype.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { rng } from '../../electron/engine/link/train.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();


function goodXlsx(): Buffer {
  const wb = XLSX.utils.book_new();
  const rows = [['Forename', 'Surname', 'DOB', '__proto__', 'constructor'], ...Array.from({ length: 30 }, (_, i) => [`Ann${i}`, 'Lee', '01/02/2003', '{"polluted":1}', `=HYPERLINK("x${i}")`])];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '__proto__');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

const CSV_PIECES = ['"', '""', ',', ';', '\t', '\n', '\r\n', '\r', '\u0000', '\uFEFF', 'Forename', 'Surname', 'DOB', '__proto__', 'constructor', '=1+1', '@SUM(A1)', '01/02/2003', 'Zoë', '\uD800', 'é', ' ', 'x'.repeat(300)];

function hostileCase(rand: () => number, xlsx: Buffer, i: number): { name: string; bytes: Buffer } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  switch (i % 6) {
    case 0: {
      // a valid workbook with random bytes flipped
      const b = Buffer.from(xlsx);
      for (let k = 0; k < 1 + Math.floor(rand() * 20); k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return { name: `flip${i}.xlsx`, bytes: b };
    }
    case 1:
      return { name: `cut${i}.xlsx`, bytes: xlsx.subarray(0, Math.floor(rand() * xlsx.length)) };
    case 2: {
      // csv soup: quotes, delimiters, line breaks, NULs, BOMs, lone surrogates
      let text = 'Forename,Surname,DOB\n';
      for (let k = 0; k < 200; k++) text += pick(CSV_PIECES);
      return { name: `soup${i}.csv`, bytes: Buffer.from(text, rand() < 0.5 ? 'utf8' : 'latin1') };
    }
    case 3:
      return { name: `junk${i}.csv`, bytes: Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 4000) }, () => Math.floor(rand() * 256))) };
    case 4: {
      // a zip whose sheet is deeply nested or enormous XML
      const depth = 1000 + Math.floor(rand() * 20_000);
      const sheet = `<?xml version="1.0"?><worksheet><sheetData>${'<row><c>'.repeat(depth)}</sheetData></worksheet>`;
      const wb = XLSX.read(xlsx, { type: 'buffer' });
      const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
      const zip = XLSX.CFB.read(out, { type: 'buffer' });
      XLSX.CFB.utils.cfb_add(zip, '/xl/worksheets/sheet1.xml', Buffer.from(sheet));
      return { name: `deep${i}.xlsx`, bytes: XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer };
    }
    default: {
      // header soup: hostile and repeated header names over a few rows
      const headers = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pick(['__proto__', 'constructor', 'prototype', 'Forename', 'Surname', 'toString', 'hasOwnProperty', '', 'DOB']));
      const lines = [headers.join(','), ...Array.from({ length: 5 }, () => headers.map(() => pick(CSV_PIECES).replace(/[\n\r",]/g, '')).join(','))];
      return { name: `heads${i}.csv`, bytes: Buffer.from(lines.join('\n')) };
    }
  }
}

describe('hostile input fuzz', () => {
  it('1,000 malformed and hostile files: each imports or is refused as bad input', () => {
    const dir = tempDir();
    const rand = rng(20261123);
    const xlsx = goodXlsx();
    const outcomes = { imported: 0, refused: 0 };
    for (let i = 0; i < 1000; i++) {
      const { name, bytes } = hostileCase(rand, xlsx, i);
      const path = join(dir, name);
      writeFileSync(path, bytes);
      try {
        runPipeline({ path, fileName: name, mode: 'import', pivotYear: 2025, today: '2025-03-31', limits: { maxUncompressedBytes: 50 * 2 ** 20, maxCompressionRatio: 200, ratioFloorBytes: 1 << 20 } }, () => {});
        outcomes.imported++;
      } catch (error) {
        if (!(error instanceof WorkbenchError) || error.kind !== 'bad-input') {
          throw new Error(`case ${i} (${name}) escaped as ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error)}`);
        }
        expect(error.message, name).toContain(name);
        outcomes.refused++;
      }
      expect(({} as Record<string, unknown>).polluted, name).toBeUndefined();
    }
    // Both paths were exercised: plenty of files are refused, and plenty still import.
    expect(outcomes.imported).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  }, 180_000);
});
