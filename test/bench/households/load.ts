// Bench-only loading: LinkRecords exactly as `link` loads them (load-records.ts), each with the
// demo truth of its row (truth.csv: person and household at the latest as-of date). Either from a
// store made by `demo --db … --out …`, or from a borough generated and imported here.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoBorough } from '../../../electron/engine/demo/write.js';
import { loadRecords } from '../../../electron/engine/link/load-records.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';
import type { Db } from '../../../electron/engine/store/database.js';
import { Store } from '../../../electron/engine/store/store.js';
import { importAll, readCsv, rowKey } from '../link/harness.js';

/** truth.csv (file,sheet,row_number,person_id,household_id) keyed like export rows. */
function demoTruth(truthCsv: string): { person: Map<string, string>; household: Map<string, string> } {
  const person = new Map<string, string>();
  const household = new Map<string, string>();
  for (const [file = '', sheet = '', row = '', p = '', h = ''] of readCsv(truthCsv).slice(1)) {
    const key = rowKey(file, sheet, Number(row));
    person.set(key, p);
    household.set(key, h.replace(/\r$/, ''));
  }
  return { person, household };
}

/** Record id → its row key (file, sheet, row number), as export clusters writes it. */
function recordRowKeys(db: Db): Map<number, { key: string }> {
  const rows = db
    .prepare(
      `SELECT r.id, s.file_name AS file, sh.sheet, w.row_number AS row FROM record r JOIN raw_row w ON w.id = r.raw_row_id
       JOIN source s ON s.id = r.source_id JOIN source_sheet sh ON sh.source_id = w.source_id AND sh.ordinal = w.sheet_ordinal`,
    )
    .all() as Array<{ id: number; file: string; sheet: string; row: number }>;
  return new Map(rows.map((r) => [r.id, { key: rowKey(r.file, r.sheet, r.row) }]));
}

export interface TruthRecords {
  records: LinkRecord[];
  /** truth person id per record */
  personIds: string[];
  /** truth household id per record */
  householdIds: string[];
  /** row key (file, sheet, row number) per record, as `export clusters` and link.bench.ts write it */
  rowKeys?: string[];
}

export function withTruth(db: Db, truthCsv: string): TruthRecords {
  const truth = demoTruth(truthCsv);
  const rowOf = recordRowKeys(db);
  const out: TruthRecords = { records: [], personIds: [], householdIds: [], rowKeys: [] };
  let missing = 0;
  for (const r of loadRecords(db)) {
    const key = rowOf.get(r.id)?.key;
    const person = key === undefined ? undefined : truth.person.get(key);
    if (key === undefined || person === undefined) {
      missing++;
      continue;
    }
    out.records.push(r);
    out.personIds.push(person);
    out.householdIds.push(truth.household.get(key) ?? '');
    out.rowKeys?.push(key);
  }
  if (missing) process.stderr.write(`warning: ${missing} records had no truth row\n`);
  return out;
}

/**
 * TruthRecords read back from a JSON cache, with their address parts shared again the way
 * load-records.ts shares them (one object per distinct stored address): the household stage keys
 * its address work on that object, and a copy per record made a cache's placements differ from
 * `link`'s where partial addresses meet (layout v12: 4,700 households against 4,686).
 */
export function readTruthRecords(path: string): TruthRecords {
  const out = JSON.parse(readFileSync(path, 'utf8')) as TruthRecords;
  const shared = new Map<string, NonNullable<LinkRecord['addressParts']>>();
  for (const r of out.records) {
    if (!r.addressParts) continue;
    const key = JSON.stringify(r.addressParts);
    const kept = shared.get(key);
    if (kept) r.addressParts = kept;
    else shared.set(key, r.addressParts);
  }
  return out;
}

/** From a store written by `demo --db DB --out DIR` (DIR holds truth.csv), cached as JSON if asked. */
export function loadFromStore(dbPath: string, truthDir: string, passphrase: string, cachePath?: string): TruthRecords {
  if (cachePath && existsSync(cachePath)) return readTruthRecords(cachePath);
  const store = Store.unlock(dbPath, passphrase);
  try {
    const out = withTruth(store.reader, join(truthDir, 'truth.csv'));
    if (cachePath) writeFileSync(cachePath, JSON.stringify(out));
    return out;
  } finally {
    store.close();
  }
}

/** From a case kept by `link.bench.ts --cache DIR` (DIR/CASE holds case.json, bench.db, input/truth.csv). */
export function loadFromBenchCache(caseDir: string, cachePath?: string): TruthRecords {
  if (cachePath && existsSync(cachePath)) return readTruthRecords(cachePath);
  const made = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as { key: string; truth: { path?: string } };
  const store = Store.openWithKey(join(caseDir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
  try {
    const out = withTruth(store.reader, made.truth.path ?? join(caseDir, 'input', 'truth.csv'));
    if (cachePath) writeFileSync(cachePath, JSON.stringify(out));
    return out;
  } finally {
    store.close();
  }
}

/** Generates a demo borough, imports it into a throwaway store and loads it. */
export async function generateAndLoad(households: number, seed: number): Promise<TruthRecords> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-households-bench-'));
  try {
    const { files } = writeDemoBorough({ households, seed, outDir: join(dir, 'input') });
    const store = Store.openWithKey(join(dir, 'bench.db'), randomBytes(32), true);
    try {
      await importAll(store, files);
      return withTruth(store.reader, join(dir, 'input', 'truth.csv'));
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
