// Imports one reference file of a kind the user names or, by default, the kind its contents
// show: GeoJSON boundaries, an IoD file (by its header), or an ONS lookup. Reports what was
// recognised in one shape for every kind (the UI's import summary and the job result).
import { extname } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { importBoundaries } from './boundaries.js';
import { importIodFile } from './iod-import.js';
import { isIodHeader, recogniseIod } from './iod-recognise.js';
import { importLookupFile } from './lookup-import.js';
import { isLookupHeader } from './lookup-layouts.js';
import { openTable } from './table-in-worker.js';

export type ReferenceKind = 'imd' | 'lookup' | 'boundaries';

export interface ReferenceImportResult {
  kind: ReferenceKind;
  file: string;
  status: 'imported' | 'skipped';
  layout: string;
  releases: string[];
  vintages: number[];
  lsoas: number;
  rows: number;
  problems: string[];
  problemCount: number;
  message: string;
  /** Everything the importer reported, as the command line's --json prints it. */
  detail: Record<string, unknown>;
}

export interface ReferenceImportOptions {
  kind: ReferenceKind | 'auto';
  release?: string;
  vintage?: number;
  user: string;
}

/** The kind a file holds: by extension for GeoJSON, else by its header row. */
export async function recogniseKind(path: string): Promise<ReferenceKind> {
  if (['.geojson', '.json'].includes(extname(path).toLowerCase())) return 'boundaries';
  const table = await openTable(path, 'reference');
  table.close();
  if (isIodHeader(table.header)) return 'imd';
  if (isLookupHeader(table.header)) return 'lookup';
  try {
    // Throws with every IoD layout tried and the headers each lacked.
    recogniseIod(table.header, table.fileName);
  } catch (error) {
    if (error instanceof WorkbenchError) {
      throw new WorkbenchError('bad-input', `${error.message} It is not an ONS lookup either (no LSOA01CD, LSOA11CD or LSOA21CD column), nor GeoJSON boundaries (.geojson).`);
    }
    throw error;
  }
  return 'imd';
}

export async function importReference(store: Store, path: string, options: ReferenceImportOptions, ctx: JobContext): Promise<ReferenceImportResult> {
  ctx.progress('Recognising the file', 0, 0); // no total yet: the bar shows it is working
  const kind = options.kind === 'auto' ? await recogniseKind(path) : options.kind;
  ctx.throwIfCancelled();
  if (kind === 'imd') {
    const r = await importIodFile(store, path, { user: options.user, ...(options.release ? { release: options.release } : {}) }, ctx);
    return { kind, file: r.file, status: r.status, layout: r.layout, releases: r.releases, vintages: r.vintage === null ? [] : [r.vintage], lsoas: r.lsoas, rows: r.rows, problems: r.problems, problemCount: r.problemCount, message: r.message, detail: { ...r } };
  }
  if (kind === 'lookup') {
    const r = await importLookupFile(store, path, { user: options.user }, ctx);
    return { kind, file: r.file, status: r.status, layout: r.layout, releases: [], vintages: r.vintages, lsoas: r.lsoas, rows: r.rows, problems: r.problems, problemCount: r.problemCount, message: r.message, detail: { ...r } };
  }
  const r = await importBoundaries(store, path, { user: options.user, ...(options.vintage ? { vintage: String(options.vintage) } : {}) }, ctx);
  return { kind, file: r.file, status: r.status, layout: r.layout, releases: [], vintages: [r.vintage], lsoas: r.lsoas, rows: r.features, problems: r.problems, problemCount: r.skipped, message: r.message, detail: { ...r } };
}
