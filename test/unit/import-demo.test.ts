// `--mapping auto` on the demo borough: every person column gets the role its generator meant
// (EXTRACT_SPECS), no other column is taken for a person field, and every data row of every
// extract becomes a record (truth.csv lists them), every other row structure or header.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSON_FIELDS, type ColumnRole } from '../../shared/domain/record-fields.js';
import { EXTRACT_IDS, EXTRACT_SPECS } from '../../electron/engine/demo/extracts.js';
import { writeDemoBorough } from '../../electron/engine/demo/index.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { runPipeline, type SheetSummary } from '../../electron/engine/import/pipeline.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const personField = (role: ColumnRole): boolean => (PERSON_FIELDS as readonly string[]).includes(role);

describe('the demo borough through --mapping auto', () => {
  it('maps every person column as its generator meant, and nothing else to a person field', () => {
    const out = tempDir();
    const demo = writeDemoBorough({ households: 150, seed: 7, outDir: out });
    for (const id of EXTRACT_IDS) {
      const spec = EXTRACT_SPECS[id];
      const file = demo.files.find((f) => basename(f) === spec.fileName) ?? '';
      const sheets: SheetSummary[] = [];
      runPipeline({ path: file, fileName: spec.fileName, mode: 'preview', pivotYear: 2025, today: '2025-03-31' }, (m) => {
        if (m.type === 'sheet') sheets.push(m.sheet);
      });
      for (const sheetSpec of spec.sheets) {
        const got = sheets.find((s) => s.name === sheetSpec.name);
        expect(got?.headerRow, `${spec.fileName} ${sheetSpec.name}`).not.toBeNull();
        sheetSpec.columns.forEach(([header, role], i) => {
          const where = `${spec.fileName} [${sheetSpec.name}] ${header}`;
          expect(got?.headers[i], where).toBe(header);
          const suggested = got?.roles[i] ?? 'ignore';
          // a reference whose sharing rows are one person (a case number kept per young person) may read as the person's number
          if (role === 'agency_ref' && suggested === 'person_ref') return;
          if (personField(role)) expect(suggested, where).toBe(role);
          else expect(personField(suggested) ? suggested : 'not a person field', where).toBe('not a person field');
        });
      }
    }
  });

  it('every data row is a record; titles, notes and totals are structure', async () => {
    const out = tempDir();
    const demo = writeDemoBorough({ households: 120, seed: 3, outDir: out });
    const store = Store.openWithKey(join(tempDir(), 'demo.db'), randomBytes(32), true);
    for (const file of demo.files) await importFile(store, file, { user: 't', today: '2025-03-31' }, silentJob());
    const truth = new Set(
      readFileSync(demo.truthPath, 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(',').slice(0, 3).join(',')),
    );
    const rows = store.reader
      .prepare('SELECT s.file_name, sh.sheet, w.row_number, w.status, w.reason FROM raw_row w JOIN source s ON s.id = w.source_id JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal')
      .all() as Array<{ file_name: string; sheet: string; row_number: number; status: string; reason: string | null }>;
    const records = new Set<string>();
    for (const r of rows) {
      const key = `${r.file_name},${r.sheet},${r.row_number}`;
      if (truth.has(key)) {
        expect(r.status, key).toBe('record');
        records.add(key);
      } else {
        expect(['header', 'structure'], `${key}: ${r.status} ${r.reason ?? ''}`).toContain(r.status);
        if (r.status === 'structure') expect(r.reason, key).toBeTruthy();
      }
    }
    expect(records.size).toBe(truth.size);
    expect(demo.rows).toBe(truth.size);
    store.close();
  });
});
