// Imports an ONS lookup: postcode → LSOA (ONSPD/NSPL, postcode→OA→LSOA best fit), LSOA
// 2001→2011→2021 (with U/S/M/X where published), LSOA → ward, LSOA → district. Streams: the
// national postcode files run to 2.6 million rows.
import { normalisePostcode } from '../../../shared/domain/normalise/postcode.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { findImport, finishImport, inTransaction, ProblemList, registerImport } from './geo-imports.js';
import { isLookupHeader, planLookup } from './lookup-layouts.js';
import { isLsoaCode } from './releases.js';
import { openTable } from './table-in-worker.js';
import { fileSha256 } from './table-reader.js';

export interface LookupImportSummary {
  file: string;
  status: 'imported' | 'skipped';
  layout: string;
  rows: number;
  lsoas: number;
  vintages: number[];
  postcodes?: { imported: number; terminated: number; invalid: number; outsideEnglandWales: number; byVintage: Record<string, number> };
  changes?: Array<{ from: number; to: number; fit: 'exact' | 'best'; rows: number; byChange: Record<string, number> }>;
  wards?: Array<{ year: number; vintage: number; lsoas: number; wards: number }>;
  problems: string[];
  problemCount: number;
  message: string;
}

const CHANGE_CODES = new Set(['U', 'S', 'M', 'X']);

export async function importLookupFile(store: Store, path: string, options: { user: string }, ctx: JobContext): Promise<LookupImportSummary> {
  const table = await openTable(path, 'lookup');
  const plan = planLookup(table.header, table.fileName);
  const sha = await fileSha256(path, (read) => ctx.progress('Checking the file', read, table.sizeBytes));
  const previous = findImport(store.reader, 'lookup', sha);
  if (previous) {
    const details = JSON.parse(previous.details_json) as LookupImportSummary;
    return { ...details, file: table.fileName, status: 'skipped', message: `${table.fileName}: already imported on ${previous.imported_at.slice(0, 10)} (same contents); skipped.` };
  }
  const db = store.writer;
  const problems = new ProblemList();
  const insertPostcode = db.prepare('INSERT OR REPLACE INTO postcode_lsoa(postcode, vintage, lsoa, terminated, import_id) VALUES (?, ?, ?, ?, ?)');
  const insertChange = db.prepare('INSERT OR REPLACE INTO lsoa_change(fit, from_vintage, from_lsoa, to_vintage, to_lsoa, change, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertWard = db.prepare('INSERT OR REPLACE INTO lsoa_ward(vintage, ward_year, lsoa, ward_code, ward_name, lad_code, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertLad = db.prepare('INSERT OR IGNORE INTO lsoa_lad(vintage, lsoa, lad_code, lad_name, source) VALUES (?, ?, ?, ?, ?)');
  const insertName = db.prepare('INSERT OR IGNORE INTO lsoa_name(vintage, lsoa, name) VALUES (?, ?, ?)');

  const lsoaSeen = new Set<string>();
  const postcodeStats = { imported: 0, terminated: 0, invalid: 0, outsideEnglandWales: 0, byVintage: {} as Record<string, number> };
  const changeStats = plan.changes.map((c) => ({ from: c.from as number, to: c.to as number, fit: c.fit, rows: 0, byChange: {} as Record<string, number>, seen: new Set<string>() }));
  const wardStats = plan.wards.map((w) => ({ year: w.year, vintage: w.vintage as number, lsoas: new Set<string>(), wards: new Set<string>() }));
  let rows = 0;

  return inTransaction(db, async () => {
    const id = registerImport(db, 'lookup', table.fileName, sha, table.sizeBytes, plan.layout, options.user);
    const cell = (cells: string[], i: number | undefined): string => (i === undefined ? '' : (cells[i] ?? '').trim());
    for await (const batch of table.batches()) {
      ctx.throwIfCancelled();
      for (const { row, cells } of batch) {
        rows++;
        if (plan.postcode) {
          const raw = cell(cells, plan.postcode.column);
          const postcode = normalisePostcode(raw);
          if (!postcode) {
            postcodeStats.invalid++;
            if (raw !== '') problems.add(`row ${row}: "${raw.slice(0, 12)}" in column "${plan.postcode.header}" is not a UK postcode; row skipped`);
            continue;
          }
          const terminated = cell(cells, plan.postcode.doterm) !== '' ? 1 : 0;
          let placed = false;
          for (const { vintage, column } of plan.postcode.lsoa) {
            const lsoa = cell(cells, column).toUpperCase();
            if (!isLsoaCode(lsoa)) continue;
            insertPostcode.run(postcode, vintage, lsoa, terminated, id);
            postcodeStats.byVintage[vintage] = (postcodeStats.byVintage[vintage] ?? 0) + 1;
            lsoaSeen.add(`${vintage}:${lsoa}`);
            placed = true;
          }
          if (placed) {
            postcodeStats.imported++;
            postcodeStats.terminated += terminated;
          } else postcodeStats.outsideEnglandWales++;
        }
        plan.changes.forEach((c, i) => {
          const from = cell(cells, c.fromColumn).toUpperCase();
          const to = cell(cells, c.toColumn).toUpperCase();
          if (!isLsoaCode(from) || !isLsoaCode(to)) {
            if (from || to) problems.add(`row ${row}: "${from}" → "${to}" is not a pair of LSOA codes; skipped`);
            return;
          }
          let change: string | null = null;
          if (c.changeColumn !== undefined) {
            change = cell(cells, c.changeColumn).toUpperCase();
            if (!CHANGE_CODES.has(change)) {
              problems.add(`row ${row}: change code "${change.slice(0, 10)}" is not U, S, M or X; kept without a code`);
              change = null;
            }
          }
          const stat = changeStats[i];
          if (stat && !stat.seen.has(`${from}>${to}`)) {
            stat.seen.add(`${from}>${to}`);
            stat.rows++;
            stat.byChange[change ?? 'best-fit'] = (stat.byChange[change ?? 'best-fit'] ?? 0) + 1;
          }
          insertChange.run(c.fit, c.from, from, c.to, to, change, id);
          lsoaSeen.add(`${c.from}:${from}`);
          lsoaSeen.add(`${c.to}:${to}`);
        });
        plan.wards.forEach((w, i) => {
          const lsoaColumn = plan.lsoaColumns.find((l) => l.vintage === w.vintage)?.column;
          const lsoa = cell(cells, lsoaColumn).toUpperCase();
          const ward = cell(cells, w.codeColumn);
          if (!isLsoaCode(lsoa) || ward === '') return;
          insertWard.run(w.vintage, w.year, lsoa, ward, cell(cells, w.nameColumn) || null, cell(cells, w.ladColumn) || null, id);
          wardStats[i]?.lsoas.add(lsoa);
          wardStats[i]?.wards.add(ward);
          lsoaSeen.add(`${w.vintage}:${lsoa}`);
        });
        for (const lad of plan.lads) {
          const code = cell(cells, lad.codeColumn);
          if (code === '') continue;
          const name = cell(cells, lad.nameColumn) || null;
          const lsoa = cell(cells, plan.lsoaColumns.find((l) => l.vintage === lad.vintage)?.column).toUpperCase();
          if (isLsoaCode(lsoa)) insertLad.run(lad.vintage, lsoa, code, name, `LAD${String(lad.year).slice(2)} lookup`);
          // A district column in an LSOA→LSOA lookup also places the earlier LSOAs (the IoD2010
          // file names no district, so the 2001 borough comes from here).
          for (const c of plan.changes) {
            if (c.to !== lad.vintage) continue;
            const from = cell(cells, c.fromColumn).toUpperCase();
            if (isLsoaCode(from)) insertLad.run(c.from, from, code, name, `LAD${String(lad.year).slice(2)} lookup via LSOA ${c.to}`);
          }
        }
        for (const n of plan.names) {
          const lsoa = cell(cells, plan.lsoaColumns.find((l) => l.vintage === n.vintage)?.column).toUpperCase();
          const name = cell(cells, n.column);
          if (isLsoaCode(lsoa) && name) insertName.run(n.vintage, lsoa, name);
        }
      }
      ctx.progress('Importing lookup', table.bytesRead(), table.sizeBytes);
      await ctx.yield();
    }
    if (lsoaSeen.size === 0) {
      throw new WorkbenchError('bad-input', `${table.fileName}: recognised as ${plan.layout}, but no row holds a usable LSOA code${problems.items[0] ? ` (${problems.items[0]})` : ''}; nothing imported.`);
    }
    const vintages = [...new Set([...lsoaSeen].map((k) => Number(k.slice(0, 4))))].sort();
    const summary: LookupImportSummary = {
      file: table.fileName,
      status: 'imported',
      layout: plan.layout,
      rows,
      lsoas: lsoaSeen.size,
      vintages,
      ...(plan.postcode ? { postcodes: postcodeStats } : {}),
      ...(plan.changes.length ? { changes: changeStats.map(({ seen: _seen, ...c }) => c) } : {}),
      ...(plan.wards.length ? { wards: wardStats.map((w) => ({ year: w.year, vintage: w.vintage, lsoas: w.lsoas.size, wards: w.wards.size })) } : {}),
      problems: problems.items,
      problemCount: problems.count,
      message: `${table.fileName}: ${plan.layout}; ${rows} rows${plan.postcode ? `, ${postcodeStats.imported} postcodes` : ''}, ${lsoaSeen.size} LSOA codes.`,
    };
    finishImport(db, id, { releases: null, vintage: vintages.length === 1 ? (vintages[0] ?? null) : null, rows, lsoas: lsoaSeen.size, details: { ...summary, message: undefined, status: undefined, file: undefined } });
    store.audit(options.user, 'lookup-import', { importId: id, rows, lsoas: lsoaSeen.size });
    return summary;
  });
}
