// The import's store side writes batches packed by the parse worker, many rows to a statement,
// with ids given up front. It must store exactly what writing the parse side's rows one by one
// stores: every column of every raw row, record and event, ids included. The reference here is
// that one-by-one writer (SQLite choosing each id, the record pointing at the raw row's
// lastInsertRowid), fed by the same parse side run in-process, over real csv and xlsx files:
// partner layouts of every agency, a workbook with titles, totals, notes, formulas, quarantined
// rows and attendance terms (several events a row), and a csv long enough for several batches.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLayoutCorpus } from '../../electron/engine/demo/layouts.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { packRows, rowsOf, unpackRows, type OutRow } from '../../electron/engine/import/row-batch.js';
import { RECORD_COLUMNS } from '../../electron/engine/import/row-builder.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { writePatternsWorkbook } from '../fixtures/import/build.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const TODAY = '2025-03-31';
const KIND = 'school';

/** Every row of the three tables, in id order, every column, with each value's storage class (0 and 0.0 read back alike). */
function dump(store: Store): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['raw_row', 'record', 'event']) {
    const columns = (store.reader.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name);
    out[table] = store.reader.prepare(`SELECT *, ${columns.map((c) => `typeof(${c})`).join(', ')} FROM ${table} ORDER BY id`).raw().all();
  }
  return out;
}

/** The reference: the parse side's rows written one statement per row, ids chosen by SQLite. */
function writeOneByOne(store: Store, sourceId: number, path: string): void {
  const db = store.writer;
  const insertRaw = db.prepare('INSERT INTO raw_row (source_id, sheet_ordinal, row_number, cells_json, status, reason, formulas_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertRecord = db.prepare(`INSERT INTO record (raw_row_id, source_id, ${RECORD_COLUMNS.join(', ')}) VALUES (?, ?, ${RECORD_COLUMNS.map(() => '?').join(', ')})`);
  const insertEvent = db.prepare('INSERT INTO event (record_id, source_id, kind, category, start_date, end_date, value, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    runPipeline({ path, fileName: basename(path), mode: 'import', pivotYear: Number(TODAY.slice(0, 4)), today: TODAY, sourceKind: KIND }, (m) => {
      if (m.type !== 'rows') return;
      for (const [rowNumber, cellsJson, status, reason, formulasJson, record, events] of rowsOf(unpackRows(m.data))) {
        const rawId = insertRaw.run(sourceId, m.ordinal, rowNumber, cellsJson, status, reason, formulasJson).lastInsertRowid;
        if (!record) continue;
        const recordId = insertRecord.run(rawId, sourceId, ...record).lastInsertRowid;
        for (const e of events ?? []) insertEvent.run(recordId, sourceId, ...e);
      }
    });
  })();
}

/** Every index's SQL (SQLite's own constraint indexes by name). */
const indexesOf = (store: Store): string[] =>
  (store.reader.prepare("SELECT coalesce(sql, name) AS sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all() as Array<{ sql: string }>).map((r) => r.sql);

function newStore(dir: string, name: string): Store {
  return Store.openWithKey(join(dir, name), randomBytes(32), true);
}

/** A csv of `rows` people with an event each: long enough for several 2,000-row batches. */
function writeLongCsv(path: string, rows: number): void {
  const lines = ['Ref,Forename,Surname,Date of Birth,Gender,Address Line 1,Town,Post Code,Event Date,Event Type'];
  for (let i = 0; i < rows; i++) {
    lines.push(`R${i},Ann${i % 7},Smith${i % 11},${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/${1950 + (i % 60)},${i % 2 ? 'M' : 'F'},${1 + (i % 90)} Mill Road,Rotherham,S6${i % 6} ${1 + (i % 9)}AB,2024-0${1 + (i % 9)}-1${i % 10},Exclusion`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('the import writes packed batches exactly as row by row', () => {
  it('stores the same raw rows, records and events, ids included, for csv and xlsx files', async () => {
    const dir = tempDir();
    // Two agencies' extracts (attendance terms, incidents) in a reworded layout, as csv and as xlsx.
    const files = writeLayoutCorpus({ households: 40, seed: 3, outDir: join(dir, 'corpus'), layouts: ['reworded'] })
      .filter((f) => /school|police/i.test(basename(f.path)))
      .map((f) => f.path);
    const patterns = join(dir, 'patterns.xlsx');
    writePatternsWorkbook(patterns);
    const long = join(dir, 'long.csv');
    writeLongCsv(long, 4_500);
    files.push(patterns, long);
    expect(files.some((f) => f.endsWith('.csv')) && files.some((f) => f.endsWith('.xlsx'))).toBe(true);

    // Every file into one store each way: later files land on ids the earlier ones left.
    const packed = newStore(dir, 'packed.db');
    const reference = newStore(dir, 'reference.db');
    try {
      for (const [i, file] of files.entries()) {
        const summary = await importFile(packed, file, { user: 'test', partner: `Partner ${i}`, kind: KIND, today: TODAY }, silentJob());
        expect(summary.skipped).toBe(false);
        const sourceId = Number(reference.writer.prepare(`INSERT INTO source (file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json, dropped_columns_json) VALUES (?, ?, 0, 'csv', 'p', 'school', ?, ?, 'test', '{}', '[]')`).run(basename(file), String(i), TODAY, TODAY).lastInsertRowid);
        expect(sourceId).toBe(summary.sourceId);
        writeOneByOne(reference, sourceId, file);
      }
      const mine = dump(packed);
      const theirs = dump(reference);
      // Not trivially equal: every table has rows, records carry events, and some rows are not records.
      expect(mine.record!.length).toBeGreaterThan(4_500);
      expect(mine.event!.length).toBeGreaterThan(mine.record!.length / 2);
      expect(mine.raw_row!.length).toBeGreaterThan(mine.record!.length);
      for (const table of ['raw_row', 'record', 'event']) {
        expect(mine[table]!.length, table).toBe(theirs[table]!.length);
        expect(mine[table], table).toEqual(theirs[table]);
      }
      // The first files were big for their stores, so their indexes were dropped and built after
      // their rows committed: every one is back, as the reference kept them, and none is pending.
      expect(indexesOf(packed)).toEqual(indexesOf(reference));
      expect(indexesOf(packed).some((sql) => sql.includes('record_dob'))).toBe(true);
      expect(packed.reader.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'import.%'").get()).toEqual({ n: 0 });
    } finally {
      packed.close();
      reference.close();
    }
  }, 60_000);

  it('a batch unpacks to the rows it was packed from, awkward text included', () => {
    const rows: OutRow[] = [
      [1, JSON.stringify(['Ref', 'Name']), 'header', null, null, null, null],
      [2, JSON.stringify(['line\nbreak', 'quote " and \\ and \u2028 and \ud800']), 'quarantine', 'no name', '{"1":"=A1"}', null, null],
      [3, JSON.stringify(['R1', 'Siân']), 'record', null, null, ['Siân', null, 'Ó Briain', null, '2001-02-03', 23, 'F', 'a\nb', 'S60 1AB', null, null, 0, null, 0, null, 0, 'R1', '2024-01-02', 'SIAN', 'OBRIAIN', '[]', null, null, '1', null, 'MILL ROAD', null, 'ROTHERHAM', null, null, null, 1999, 'Ag. Lab.', null, 'S', 'Begum', 'Mother', 'N0120'], [['exclusion', 'Fixed', '2024-01-02', null, 1.5, '{"Reason":"x"}'], ['asb-case', null, null, null, null, '{}']]],
      [4, '[]', 'structure', 'total', null, null, null],
    ];
    expect(rowsOf(unpackRows(packRows(rows)))).toEqual(rows);
    expect(rowsOf(unpackRows(packRows([])))).toEqual([]);
  });
});
