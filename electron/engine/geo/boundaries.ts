// Imports LSOA boundary GeoJSON (ONS generalised clipped boundaries): one feature per LSOA
// code and vintage, geometry kept as published. Rendering comes later.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { findImport, finishImport, registerImport } from './geo-imports.js';
import { isLsoaCode, parseVintage, type Vintage } from './releases.js';
import { fileSha256, referenceFileSize } from './table-reader.js';

export interface BoundaryImportSummary {
  file: string;
  status: 'imported' | 'skipped';
  layout: string;
  vintage: number;
  codeProperty: string;
  features: number;
  lsoas: number;
  skipped: number;
  problems: string[];
  message: string;
}

interface Feature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string } | null;
}

const CODE_PROPERTY = /^lsoa(01|11|21)_?(?:cd|code)$/i;
const NAME_PROPERTY = /^lsoa(01|11|21)_?(?:nm|name)$/i;

export async function importBoundaries(store: Store, path: string, options: { vintage?: string; user: string }, ctx?: JobContext): Promise<BoundaryImportSummary> {
  const fileName = basename(path);
  const size = referenceFileSize(path);
  let doc: { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  ctx?.progress('Reading boundaries', 0, size);
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as typeof doc;
  } catch {
    throw new WorkbenchError('bad-input', `${fileName}: not a GeoJSON file (it is not valid JSON).`);
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new WorkbenchError('bad-input', `${fileName}: not a GeoJSON FeatureCollection.`);
  const props = Object.keys(doc.features[0]?.properties ?? {});
  const codeProperty = props.find((p) => CODE_PROPERTY.test(p));
  if (!codeProperty) {
    throw new WorkbenchError('bad-input', `${fileName}: no LSOA code property (looked for LSOA21CD, LSOA11CD, LSOA01CD, lsoa21_code…; found ${props.slice(0, 8).join(', ') || 'none'}). MSOA and ward boundaries are not imported here.`);
  }
  const nameProperty = props.find((p) => NAME_PROPERTY.test(p));
  const fromProperty = parseVintage(CODE_PROPERTY.exec(codeProperty)?.[1] ?? '');
  const optionVintage = options.vintage === undefined ? undefined : parseVintage(options.vintage);
  if (options.vintage !== undefined && !optionVintage) throw new WorkbenchError('bad-input', `--vintage ${options.vintage}: use 2001, 2011 or 2021.`);
  if (optionVintage && fromProperty && optionVintage !== fromProperty) {
    throw new WorkbenchError('bad-input', `${fileName}: its property "${codeProperty}" says LSOA ${fromProperty}, but --vintage says ${optionVintage}.`);
  }
  const vintage = (fromProperty ?? optionVintage) as Vintage;
  const crs = doc.crs?.properties?.name;
  if (crs && !/CRS84|4326/.test(crs)) throw new WorkbenchError('bad-input', `${fileName}: coordinates are in ${crs}; export the boundaries in WGS84 (EPSG:4326 / CRS84).`);
  const sha = await fileSha256(path, (read) => ctx?.progress('Checking the file', read, size));
  ctx?.throwIfCancelled();
  const previous = findImport(store.reader, 'boundaries', sha);
  if (previous) {
    const details = JSON.parse(previous.details_json) as BoundaryImportSummary;
    return { ...details, file: fileName, status: 'skipped', message: `${fileName}: already imported on ${previous.imported_at.slice(0, 10)} (same contents); skipped.` };
  }
  const db = store.writer;
  const problems: string[] = [];
  let skipped = 0;
  const codes = new Set<string>();
  return db.transaction(() => {
    const id = registerImport(db, 'boundaries', fileName, sha, size, `GeoJSON LSOA ${vintage} boundaries ("${codeProperty}")`, options.user);
    const insert = db.prepare('INSERT OR REPLACE INTO lsoa_boundary(vintage, lsoa, name, geometry_json, import_id) VALUES (?, ?, ?, ?, ?)');
    const insertName = db.prepare('INSERT OR IGNORE INTO lsoa_name(vintage, lsoa, name) VALUES (?, ?, ?)');
    doc.features?.forEach((f, i) => {
      const code = String(f.properties?.[codeProperty] ?? '').trim().toUpperCase();
      const geometryType = f.geometry?.type;
      if (!isLsoaCode(code) || (geometryType !== 'Polygon' && geometryType !== 'MultiPolygon')) {
        skipped++;
        if (problems.length < 20) problems.push(`feature ${i + 1}: ${!isLsoaCode(code) ? `"${code}" is not an LSOA code` : `geometry ${geometryType ?? 'missing'} is not a polygon`}; skipped`);
        return;
      }
      const name = nameProperty ? String(f.properties?.[nameProperty] ?? '') || null : null;
      insert.run(vintage, code, name, JSON.stringify(f.geometry), id);
      if (name) insertName.run(vintage, code, name);
      codes.add(code);
    });
    if (codes.size === 0) throw new WorkbenchError('bad-input', `${fileName}: no feature has an LSOA code and a polygon; nothing imported.`);
    const summary: BoundaryImportSummary = {
      file: fileName,
      status: 'imported',
      layout: `GeoJSON LSOA ${vintage} boundaries`,
      vintage,
      codeProperty,
      features: doc.features?.length ?? 0,
      lsoas: codes.size,
      skipped,
      problems,
      message: `${fileName}: ${codes.size} LSOA ${vintage} boundaries ("${codeProperty}")${skipped ? `; ${skipped} features skipped` : ''}.`,
    };
    finishImport(db, id, { vintage, rows: summary.features, lsoas: codes.size, details: { ...summary, message: undefined, status: undefined, file: undefined } });
    store.audit(options.user, 'boundaries-import', { importId: id, lsoas: codes.size, vintage });
    ctx?.progress('Storing boundaries', size, size);
    return summary;
  })();
}

export function boundaryFeatures(db: Store['reader'], vintage: Vintage, codes: readonly string[]): Array<{ lsoa: string; name: string | null; geometry: unknown }> {
  return (
    db.prepare('SELECT lsoa, name, geometry_json FROM lsoa_boundary WHERE vintage = ? AND lsoa IN (SELECT value FROM json_each(?)) ORDER BY lsoa').all(vintage, JSON.stringify(codes)) as Array<{
      lsoa: string;
      name: string | null;
      geometry_json: string;
    }>
  ).map((r) => ({ lsoa: r.lsoa, name: r.name, geometry: JSON.parse(r.geometry_json) as unknown }));
}
