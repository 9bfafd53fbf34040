// Imports one IoD file (any recognised layout) into iod_lsoa: each file fills the columns it
// holds for its release, so Files 2, 3 and 6 of one release add up to one row per LSOA.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { findImport, finishImport, inTransaction, ProblemList, registerImport } from './geo-imports.js';
import { INDEX_KEYS, MEASURES, POPULATION_KEYS } from './iod-layouts.js';
import { isIodHeader, recogniseIod } from './iod-recognise.js';
import { parseNumber, parseWhole } from './numbers.js';
import { decileFromRank, isLsoaCode, parseRelease, type ReleaseInfo } from './releases.js';
import { openTable } from './table-in-worker.js';
import { fileSha256 } from './table-reader.js';

export const VALUE_COLUMNS: readonly string[] = [...INDEX_KEYS.flatMap((k) => MEASURES.map((m) => `${k}_${m}`)), ...POPULATION_KEYS];

export interface IodImportSummary {
  file: string;
  status: 'imported' | 'skipped';
  layout: string;
  layoutId: string;
  releases: string[];
  vintage: number | null;
  /** "national" when the file covers (nearly) every LSOA of its release, else "extract". */
  coverage: 'national' | 'extract' | 'mixed';
  lsoas: number;
  rows: number;
  skippedRows: number;
  columns: string[];
  derivedDeciles: string[];
  problems: string[];
  problemCount: number;
  message: string;
}

export async function importIodFile(store: Store, path: string, options: { release?: string; user: string }, ctx: JobContext): Promise<IodImportSummary> {
  const table = await openTable(path, 'iod');
  const recognition = recogniseIod(table.header, table.fileName, options.release);
  const sha = await fileSha256(path, (read) => ctx.progress('Checking the file', read, table.sizeBytes));
  const previous = findImport(store.reader, 'imd', sha);
  if (previous) {
    const details = JSON.parse(previous.details_json) as Partial<IodImportSummary>;
    return {
      ...(details as IodImportSummary),
      file: table.fileName,
      status: 'skipped',
      message: `${table.fileName}: already imported on ${previous.imported_at.slice(0, 10)} (same contents); skipped.`,
    };
  }
  const { columns, layout } = recognition;
  const valueFields = VALUE_COLUMNS.filter((f) => columns.has(f));
  const popColumn = columns.get('pop_total');
  const popLabel = popColumn ? popColumn.header.replace(/^\uFEFF/, '').trim() : null;
  const at = (field: string): number | undefined => columns.get(field)?.index;
  const idx = { lsoa: at('lsoa_code') as number, name: at('lsoa_name'), ladCode: at('lad_code'), ladName: at('lad_name'), release: at('release') };

  const db = store.writer;
  const problems = new ProblemList();
  const releasesSeen = new Map<string, { info: ReleaseInfo; lsoas: number }>();
  let rows = 0;
  let skippedRows = 0;

  // Deciles the file does not carry are derived from the national rank (decile = ceil(rank / (N/10))).
  const deriveFor = INDEX_KEYS.filter((k) => columns.has(`${k}_rank`) && !columns.has(`${k}_decile`));
  const rankPositions = deriveFor.map((k) => valueFields.indexOf(`${k}_rank`));
  const written = [...valueFields, ...deriveFor.map((k) => `${k}_decile`)];
  const setList = written.map((f) => `${f} = coalesce(excluded.${f}, ${f})`).join(', ');
  const upsert = db.prepare(
    `INSERT INTO iod_lsoa(release, lsoa, ${written.map((f) => `${f}, `).join('')}pop_label, import_id)
     VALUES (?, ?, ${written.map(() => '?, ').join('')}?, ?)
     ON CONFLICT(release, lsoa) DO UPDATE SET ${setList}${setList ? ', ' : ''}pop_label = coalesce(excluded.pop_label, pop_label), import_id = excluded.import_id`,
  );
  const insertRelease = db.prepare('INSERT OR IGNORE INTO iod_release(release, vintage, national_lsoas) VALUES (?, ?, ?)');
  const insertName = db.prepare('INSERT OR REPLACE INTO lsoa_name(vintage, lsoa, name) VALUES (?, ?, ?)');
  const insertLad = db.prepare('INSERT OR REPLACE INTO lsoa_lad(vintage, lsoa, lad_code, lad_name, source) VALUES (?, ?, ?, ?, ?)');
  const header = (field: string): string => columns.get(field)?.header.replace(/^\uFEFF/, '') ?? field;

  const summary = await inTransaction(db, async () => {
    const id = registerImport(db, 'imd', table.fileName, sha, table.sizeBytes, layout.id, options.user);
    for await (const batch of table.batches()) {
      ctx.throwIfCancelled();
      for (const { row, cells } of batch) {
        rows++;
        const rawCode = cells[idx.lsoa] ?? '';
        const code = rawCode.trim().toUpperCase();
        if (!isLsoaCode(code)) {
          skippedRows++;
          if (code !== '') problems.add(`row ${row}: "${rawCode.slice(0, 20)}" in column "${header('lsoa_code')}" is not an LSOA code; row skipped`);
          continue;
        }
        let release = recognition.release;
        if (idx.release !== undefined) {
          release = parseRelease(cells[idx.release] ?? '');
          if (!release) {
            skippedRows++;
            problems.add(`row ${row}: "${(cells[idx.release] ?? '').slice(0, 20)}" in column "release" is not an IoD release; row skipped`);
            continue;
          }
        }
        if (!release) continue;
        const national = release.nationalLsoas;
        const values: Array<number | null> = valueFields.map((field) => {
          const raw = cells[columns.get(field)?.index ?? -1];
          const value = field.endsWith('_score') ? parseNumber(raw) : parseWhole(raw);
          if (value !== null && Number.isNaN(value)) {
            problems.add(`row ${row}, column "${header(field)}": "${(raw ?? '').slice(0, 20)}" is not a number; left blank`);
            return null;
          }
          if (value !== null && field.endsWith('_rank') && (value < 1 || value > national)) {
            problems.add(`row ${row}, column "${header(field)}": rank ${value} is outside 1–${national} for ${release.id}; left blank`);
            return null;
          }
          if (value !== null && field.endsWith('_decile') && (value < 1 || value > 10)) {
            problems.add(`row ${row}, column "${header(field)}": decile ${value} is outside 1–10; left blank`);
            return null;
          }
          return value;
        });
        for (const p of rankPositions) {
          const rank = values[p];
          values.push(rank === null || rank === undefined ? null : decileFromRank(rank, national));
        }
        let seen = releasesSeen.get(release.id);
        if (!seen) {
          insertRelease.run(release.id, release.vintage, national);
          seen = { info: release, lsoas: 0 };
          releasesSeen.set(release.id, seen);
        }
        seen.lsoas++;
        upsert.run(release.id, code, ...values, popLabel, id);
        const name = idx.name === undefined ? '' : (cells[idx.name] ?? '').trim();
        if (name) insertName.run(release.vintage, code, name);
        const ladCode = idx.ladCode === undefined ? '' : (cells[idx.ladCode] ?? '').trim();
        const ladName = idx.ladName === undefined ? '' : (cells[idx.ladName] ?? '').trim();
        if (ladCode || ladName) insertLad.run(release.vintage, code, ladCode || ladName, ladName || null, release.id);
      }
      ctx.progress('Importing deprivation data', table.bytesRead(), table.sizeBytes);
      await ctx.yield();
    }

    const releases = [...releasesSeen.values()];
    if (releases.length === 0) {
      throw new WorkbenchError('bad-input', `${table.fileName}: recognised as ${recognition.description}, but no row holds an LSOA code${problems.items[0] ? ` (${problems.items[0]})` : ''}; nothing imported.`);
    }
    const lsoas = releases.reduce((n, r) => n + r.lsoas, 0);
    const coverages = releases.map((r) => (r.lsoas >= r.info.nationalLsoas * 0.95 ? 'national' : 'extract'));
    const coverage = coverages.every((c) => c === coverages[0]) ? (coverages[0] as 'national' | 'extract') : 'mixed';
    const vintages = [...new Set(releases.map((r) => r.info.vintage))];
    const result: IodImportSummary = {
      file: table.fileName,
      status: 'imported',
      layout: recognition.description,
      layoutId: layout.id,
      releases: releases.map((r) => r.info.id),
      vintage: vintages.length === 1 ? (vintages[0] ?? null) : null,
      coverage,
      lsoas,
      rows,
      skippedRows,
      columns: valueFields,
      derivedDeciles: deriveFor.map((k) => `${k}_decile`),
      problems: problems.items,
      problemCount: problems.count,
      message: `${table.fileName}: ${recognition.description}; ${releases.map((r) => `${r.info.id} (LSOA ${r.info.vintage}) ${r.lsoas} LSOAs`).join(', ')}${coverage === 'extract' ? ' (a local extract)' : ''}${recognition.releaseFrom === 'file name' ? ' — release taken from the file name' : ''}.`,
    };
    finishImport(db, id, { releases: result.releases.join(','), vintage: result.vintage, rows, lsoas, details: { ...result, message: undefined, status: undefined, file: undefined } });
    store.audit(options.user, 'imd-import', { importId: id, lsoas, releases: result.releases.join(',') });
    return result;
  });
  return summary;
}
