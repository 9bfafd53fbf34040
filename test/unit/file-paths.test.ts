// Paths the user names: reference files to read and exports to write are refused with a message
// naming what is wrong, before anything is read or written.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typedExportPath } from '../../electron/engine/governance/export-path.js';
import { importBoundaries } from '../../electron/engine/geo/boundaries.js';
import { referenceFileSize } from '../../electron/engine/geo/table-reader.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('reference files', () => {
  it('gives the size of a file, and names a missing one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lookup.csv'), 'abc');
    expect(referenceFileSize(join(dir, 'lookup.csv'))).toBe(3);
    expect(() => referenceFileSize(join(dir, 'gone.csv'))).toThrow('gone.csv: the file cannot be read (missing or not allowed).');
  });

  it('boundaries: a missing file is refused and the store is untouched', async () => {
    const dir = tempDir();
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    try {
      await expect(importBoundaries(store, join(dir, 'lsoa21.geojson'), { user: 't' })).rejects.toMatchObject({
        kind: 'bad-input',
        message: 'lsoa21.geojson: the file cannot be read (missing or not allowed).',
      });
      expect((store.reader.prepare('SELECT count(*) AS n FROM geo_import').get() as { n: number }).n).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('export paths typed by the user', () => {
  it('accepts a new file in an existing folder', () => {
    const dir = tempDir();
    expect(typedExportPath(join(dir, 'record.xlsx'), '.xlsx')).toBe(join(dir, 'record.xlsx'));
    expect(typedExportPath(join(dir, 'RECORD.XLSX'), '.xlsx')).toBe(join(dir, 'RECORD.XLSX'));
  });

  it.each([
    ['the wrong kind of file', (dir: string) => join(dir, 'record.csv'), 'The file name must end in .xlsx'],
    ['a folder', (dir: string) => {
      mkdirSync(join(dir, 'out.xlsx'));
      return join(dir, 'out.xlsx');
    }, 'is a folder: give a file name'],
    ['a folder that does not exist', (dir: string) => join(dir, 'nowhere', 'record.xlsx'), 'does not exist'],
  ])('refuses %s', (_what, pathIn, message) => {
    const path = pathIn(tempDir());
    expect(() => typedExportPath(path, '.xlsx')).toThrow(message);
  });
});
