// Areas: named sets of LSOAs on one vintage (target neighbourhoods, wards, custom areas).
// An LSOA code of another vintage, or one no imported file knows, is refused with the reason.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import { isLsoaCode, VINTAGES, type Vintage } from './releases.js';

export type AreaKind = 'target' | 'ward' | 'custom';
export const AREA_KINDS: readonly AreaKind[] = ['target', 'ward', 'custom'];

export interface Area {
  id: number;
  name: string;
  kind: AreaKind;
  vintage: Vintage;
  effectiveDate: string | null;
  origin: string | null;
  lsoas: string[];
}

interface AreaRow {
  id: number;
  name: string;
  kind: AreaKind;
  vintage: Vintage;
  effective_date: string | null;
  origin: string | null;
}

/** The vintages in which the imported files know this LSOA code. */
export function knownVintages(db: Db, code: string): Vintage[] {
  const rows = db
    .prepare(
      // Every lookup is written so the primary keys serve it (vintage/fit lists before the code).
      `SELECT vintage FROM lsoa_name WHERE vintage IN (2001, 2011, 2021) AND lsoa = @a
       UNION SELECT vintage FROM lsoa_lad WHERE vintage IN (2001, 2011, 2021) AND lsoa = @a
       UNION SELECT r.vintage FROM iod_release r WHERE EXISTS (SELECT 1 FROM iod_lsoa l WHERE l.release = r.release AND l.lsoa = @a)
       UNION SELECT from_vintage FROM lsoa_change WHERE fit IN ('exact', 'best') AND from_vintage IN (2001, 2011) AND to_vintage IN (2011, 2021) AND from_lsoa = @a
       UNION SELECT to_vintage FROM lsoa_change WHERE fit IN ('exact', 'best') AND from_vintage IN (2001, 2011) AND to_vintage IN (2011, 2021) AND to_lsoa = @a
       UNION SELECT vintage FROM lsoa_boundary WHERE vintage IN (2001, 2011, 2021) AND lsoa = @a`,
    )
    .all({ a: code }) as Array<{ vintage: Vintage }>;
  return rows.map((r) => r.vintage).sort();
}

/** Whether any imported file lists LSOAs of this vintage (if none, codes cannot be checked). */
function vintageKnown(db: Db, vintage: Vintage): boolean {
  return (
    db.prepare('SELECT 1 FROM lsoa_name WHERE vintage = @a UNION ALL SELECT 1 FROM lsoa_lad WHERE vintage = @a UNION ALL SELECT 1 FROM iod_release WHERE vintage = @a LIMIT 1').get({ a: vintage }) !== undefined
  );
}

/** Checks codes against the area's vintage; returns warnings for codes that cannot be checked. */
export function checkCodes(db: Db, codes: readonly string[], vintage: Vintage): string[] {
  const bad = codes.filter((c) => !isLsoaCode(c));
  if (bad.length > 0) throw new WorkbenchError('bad-input', `Not LSOA codes (E01 or W01 and six digits): ${bad.slice(0, 10).join(', ')}.`);
  if (!vintageKnown(db, vintage)) {
    return [`No imported file lists LSOA ${vintage} codes, so ${codes.length} code(s) could not be checked against LSOA ${vintage} geography.`];
  }
  const other: string[] = [];
  const unknown: string[] = [];
  for (const code of codes) {
    const known = knownVintages(db, code);
    if (known.includes(vintage)) continue;
    if (known.length > 0) other.push(`${code} (LSOA ${known.join('/')})`);
    else unknown.push(code);
  }
  if (other.length > 0) {
    throw new WorkbenchError('bad-input', `Mixed vintages: this area is on LSOA ${vintage} codes, but ${other.slice(0, 10).join(', ')} ${other.length === 1 ? 'is' : 'are'} not an LSOA ${vintage} code. Create the area on that vintage, or use the LSOA ${vintage} codes (see the lookups).`);
  }
  if (unknown.length > 0) {
    throw new WorkbenchError('bad-input', `Not LSOA ${vintage} codes in any imported file or lookup: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}.`);
  }
  return [];
}

/** Infers the vintage from the codes when only one fits all of them. */
export function inferVintage(db: Db, codes: readonly string[]): Vintage {
  let common: Vintage[] = [...VINTAGES];
  for (const code of codes) {
    const known = knownVintages(db, code);
    common = common.filter((v) => known.includes(v));
  }
  if (common.length === 1 && common[0]) return common[0];
  if (common.length === 0) throw new WorkbenchError('bad-input', `These LSOA codes do not all belong to one vintage (2001, 2011 or 2021) in the imported files; give --vintage.`);
  throw new WorkbenchError('bad-input', `These LSOA codes are valid in LSOA ${common.join(' and ')}; say which with --vintage.`);
}

export function getArea(db: Db, name: string): Area {
  const row = db.prepare('SELECT id, name, kind, vintage, effective_date, origin FROM area WHERE name = ?').get(name) as AreaRow | undefined;
  if (!row) throw new WorkbenchError('not-found', `There is no area named "${name}" (see areas list).`);
  const lsoas = (db.prepare('SELECT lsoa FROM area_lsoa WHERE area_id = ? ORDER BY lsoa').all(row.id) as Array<{ lsoa: string }>).map((r) => r.lsoa);
  return { id: row.id, name: row.name, kind: row.kind, vintage: row.vintage, effectiveDate: row.effective_date, origin: row.origin, lsoas };
}

export function listAreas(db: Db): Array<Omit<Area, 'lsoas'> & { lsoaCount: number }> {
  const rows = db
    .prepare('SELECT a.id, a.name, a.kind, a.vintage, a.effective_date, a.origin, count(l.lsoa) AS n FROM area a LEFT JOIN area_lsoa l ON l.area_id = a.id GROUP BY a.id ORDER BY a.name')
    .all() as Array<AreaRow & { n: number }>;
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, vintage: r.vintage, effectiveDate: r.effective_date, origin: r.origin, lsoaCount: r.n }));
}

export interface CreateArea {
  name: string;
  kind: AreaKind;
  vintage: Vintage;
  lsoas: string[];
  effectiveDate?: string;
  origin?: string;
  user: string;
}

export function createArea(db: Db, spec: CreateArea): { area: Area; warnings: string[] } {
  const name = spec.name.trim();
  if (!name) throw new WorkbenchError('bad-input', 'An area needs a name.');
  if (spec.effectiveDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(spec.effectiveDate)) throw new WorkbenchError('bad-input', 'The effective date must be YYYY-MM-DD.');
  if (db.prepare('SELECT 1 FROM area WHERE name = ?').get(name)) throw new WorkbenchError('conflict', `An area named "${name}" already exists.`);
  const codes = [...new Set(spec.lsoas.map((c) => c.trim().toUpperCase()))];
  const warnings = checkCodes(db, codes, spec.vintage);
  db.transaction(() => {
    const info = db
      .prepare('INSERT INTO area(name, kind, vintage, effective_date, origin, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(name, spec.kind, spec.vintage, spec.effectiveDate ?? null, spec.origin ?? null, new Date().toISOString(), spec.user);
    const insert = db.prepare('INSERT OR IGNORE INTO area_lsoa(area_id, lsoa) VALUES (?, ?)');
    for (const c of codes) insert.run(info.lastInsertRowid, c);
  })();
  return { area: getArea(db, name), warnings };
}

export function addLsoas(db: Db, name: string, codes: readonly string[]): { area: Area; added: string[]; warnings: string[] } {
  const area = getArea(db, name);
  const clean = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  const warnings = checkCodes(db, clean, area.vintage);
  const insert = db.prepare('INSERT OR IGNORE INTO area_lsoa(area_id, lsoa) VALUES (?, ?)');
  const added = db.transaction(() => clean.filter((c) => insert.run(area.id, c).changes > 0))();
  return { area: getArea(db, name), added, warnings };
}

export function removeLsoas(db: Db, name: string, codes: readonly string[]): { area: Area; removed: string[] } {
  const area = getArea(db, name);
  const del = db.prepare('DELETE FROM area_lsoa WHERE area_id = ? AND lsoa = ?');
  const removed = db.transaction(() => codes.map((c) => c.trim().toUpperCase()).filter((c) => del.run(area.id, c).changes > 0))();
  return { area: getArea(db, name), removed };
}

export function deleteArea(db: Db, name: string): void {
  const area = getArea(db, name);
  db.prepare('DELETE FROM area WHERE id = ?').run(area.id);
}

/**
 * Districts whose wards were redrawn, with the date the new wards took effect (DOMAIN §6.1:
 * Rotherham's 21 wards gave way to 25 at the May 2021 elections). A ward lookup is published
 * for a year, but a re-warding takes effect on an election day, so the year alone would put a
 * June 2021 area on the old wards.
 */
export const WARD_CHANGES: Readonly<Record<string, readonly string[]>> = { E08000018: ['2021-05-06'] };

/**
 * Which ward lookup year describes the wards in force on `date`: the latest lookup in the same
 * ward era (between two re-wardings of the district) when the district's re-wardings are known,
 * else the latest lookup year not after the date's year, else the earliest lookup.
 */
export function wardYearFor(years: readonly number[], date: string, ladCode?: string | null): number | undefined {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const year = Number(date.slice(0, 4));
  const changes = ladCode ? (WARD_CHANGES[ladCode] ?? []) : [];
  if (changes.length > 0) {
    const eraStart = [...changes].reverse().find((c) => c <= date) ?? '0000-00-00';
    const eraEnd = changes.find((c) => c > date) ?? '9999-99-99';
    // A lookup of year Y shows the wards of (at the latest) December Y.
    const inEra = sorted.filter((y) => `${y}-12-31` >= eraStart && `${y}-01-01` < eraEnd);
    if (inEra.length > 0) return inEra.filter((y) => y <= Math.max(year, inEra[0] as number)).pop() ?? inEra[0];
  }
  return sorted.filter((y) => y <= year).pop() ?? sorted[0];
}

function districtOf(db: Db, row: { vintage: Vintage; lsoa: string }): string | undefined {
  const r = db.prepare('SELECT lad_code FROM lsoa_lad WHERE lsoa = ? ORDER BY vintage = ? DESC, lad_code LIMIT 1').get(row.lsoa, row.vintage) as { lad_code: string } | undefined;
  return r?.lad_code;
}

/** The LSOAs of a ward from the imported ward lookups, by ward code or name (and year, or the date the area takes effect). */
export function wardLsoas(
  db: Db,
  ward: string,
  year?: number,
  ladCode?: string,
  effectiveDate?: string,
): { code: string; name: string | null; year: number; vintage: Vintage; lsoas: string[] } {
  const rows = db
    .prepare(
      `SELECT ward_code, ward_name, ward_year, vintage, lsoa, lad_code FROM lsoa_ward
       WHERE (ward_code = @a OR ward_name = @a COLLATE NOCASE) AND (@b IS NULL OR ward_year = @b)`,
    )
    .all({ a: ward.trim(), b: year ?? null }) as Array<{ ward_code: string; ward_name: string | null; ward_year: number; vintage: Vintage; lsoa: string; lad_code: string | null }>;
  let matching = rows;
  if (ladCode) {
    const inLad = rows.filter((r) => r.lad_code === ladCode);
    if (inLad.length > 0) matching = inLad;
  }
  if (matching.length === 0) throw new WorkbenchError('not-found', `No ward "${ward}"${year ? ` in the ${year} ward lookup` : ''} in the imported ward lookups (lookup import a LSOA → ward file first).`);
  if (year === undefined && effectiveDate !== undefined) {
    const chosen = wardYearFor(
      matching.map((r) => r.ward_year),
      effectiveDate,
      ladCode ?? matching.find((r) => r.lad_code)?.lad_code ?? districtOf(db, matching[0] as (typeof matching)[number]),
    );
    matching = matching.filter((r) => r.ward_year === chosen);
  }
  const groups = [...new Set(matching.map((r) => `${r.ward_code}|${r.ward_year}`))];
  if (groups.length > 1) {
    throw new WorkbenchError('bad-input', `"${ward}" matches several wards: ${groups.map((g) => g.replace('|', ' (') + ')').join(', ')}. Give the ward code and --ward-year.`);
  }
  const first = matching[0] as (typeof matching)[number];
  return { code: first.ward_code, name: first.ward_name, year: first.ward_year, vintage: first.vintage, lsoas: [...new Set(matching.map((r) => r.lsoa))].sort() };
}
