// The zip-bomb ratio is checked as bytes are inflated, against the compressed bytes read so far:
// a small stream that expands a thousandfold in front of a large incompressible tail (so the
// entry's overall ratio looks ordinary) is refused after a few megabytes, not hundreds.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipFile } from '../../electron/engine/import/zip.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('zip bomb refusal', () => {
  it('trips on the ratio while inflating, before the bomb is out', () => {
    const path = join(tempDir(), 'bomb.xlsx');
    const sheet = new Uint8Array(64 * 1024 ** 2 + 8 * 1024 ** 2);
    sheet.set(randomBytes(8 * 1024 ** 2), 64 * 1024 ** 2);
    writeFileSync(path, zipSync({ 'xl/worksheets/sheet1.xml': sheet }, { level: 6 }));
    const zip = ZipFile.open(path, 'bomb.xlsx', { maxUncompressedBytes: 2 * 1024 ** 3, maxCompressionRatio: 250, ratioFloorBytes: 4 * 1024 ** 2 });
    let out = 0;
    try {
      const entry = zip.entry('xl/worksheets/sheet1.xml');
      // The entry as a whole compresses only ~9×: a whole-entry ratio check would never trip.
      expect((entry?.uncompressedSize ?? 0) / (entry?.compressedSize ?? 1)).toBeLessThan(20);
      expect(() => zip.inflate('xl/worksheets/sheet1.xml', (chunk) => (out += chunk.length))).toThrow(/zip bomb/);
    } finally {
      zip.close();
    }
    expect(out).toBeLessThan(32 * 1024 ** 2);
  });
});
