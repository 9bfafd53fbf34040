// The register of imported reference files (IoD, lookups, boundaries): one row per file, keyed
// by kind + sha256 so the same file imported twice is skipped, and one transaction per file.
import type { Db } from '../store/database.js';

export type GeoImportKind = 'imd' | 'lookup' | 'boundaries';

export interface GeoImportRow {
  id: number;
  kind: GeoImportKind;
  file_name: string;
  sha256: string;
  layout: string;
  releases: string | null;
  vintage: number | null;
  rows: number;
  lsoas: number;
  details_json: string;
  imported_at: string;
}

export function findImport(db: Db, kind: GeoImportKind, sha256: string): GeoImportRow | undefined {
  return db.prepare('SELECT * FROM geo_import WHERE kind = ? AND sha256 = ?').get(kind, sha256) as GeoImportRow | undefined;
}

/** Registers the file first (so rows can reference it); the caller fills in counts at the end. */
export function registerImport(db: Db, kind: GeoImportKind, fileName: string, sha256: string, size: number, layout: string, user: string): number {
  const info = db
    .prepare('INSERT INTO geo_import(kind, file_name, sha256, size, layout, rows, lsoas, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)')
    .run(kind, fileName, sha256, size, layout, new Date().toISOString(), user);
  return Number(info.lastInsertRowid);
}

export function finishImport(
  db: Db,
  id: number,
  values: { releases?: string | null; vintage?: number | null; rows: number; lsoas: number; details: Record<string, unknown> },
): void {
  db.prepare('UPDATE geo_import SET releases = ?, vintage = ?, rows = ?, lsoas = ?, details_json = ? WHERE id = ?').run(
    values.releases ?? null,
    values.vintage ?? null,
    values.rows,
    values.lsoas,
    JSON.stringify(values.details),
    id,
  );
}

/**
 * One transaction across an async job (batches yield to the event loop between them). The
 * writer connection belongs to one job at a time, so nothing else writes in between.
 */
export async function inTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Up to `limit` problems kept for the report, with the total counted. */
export class ProblemList {
  readonly items: string[] = [];
  count = 0;
  constructor(private readonly limit = 20) {}
  add(message: string): void {
    this.count++;
    if (this.items.length < this.limit) this.items.push(message);
  }
}
