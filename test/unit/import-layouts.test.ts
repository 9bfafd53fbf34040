// The demo's rows in layouts other partners use (reworded, UPPER_SNAKE, abbreviated, reordered,
// no header, one name column in several orders, a meaningless name heading), as CSV and xlsx:
// with automatic mapping at least 99.5% of the person rows of every file become records, and no
// title, total or note row ever does. Run in-process through the import's parse side (the same
// pipeline the worker runs) to keep the suite quick.
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYOUTS, writeLayoutCorpus } from '../../electron/engine/demo/layouts.js';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('a corpus of partner layouts', () => {
  it('every layout, csv and xlsx: ≥ 99.5% of person rows become records, structure rows never do', () => {
    const files = writeLayoutCorpus({ households: 60, seed: 7, outDir: join(tempDir(), 'corpus') });
    expect(new Set(files.map((f) => f.layout))).toEqual(new Set(LAYOUTS));
    expect(new Set(files.map((f) => f.format))).toEqual(new Set(['csv', 'xlsx']));
    const short: string[] = [];
    for (const file of files) {
      let records = 0;
      runPipeline({ path: file.path, fileName: basename(file.path), mode: 'import', pivotYear: 2025, today: '2025-03-31' }, (m) => {
        if (m.type === 'rows') records += m.data.records.rows;
      });
      // More records than person rows would mean a title, total or note row became one.
      expect(records, basename(file.path)).toBeLessThanOrEqual(file.personRows);
      if (records < file.personRows * 0.995) short.push(`${basename(file.path)}: ${records} of ${file.personRows}`);
    }
    expect(short).toEqual([]);
  }, 120_000);
});
