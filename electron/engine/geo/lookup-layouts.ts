// What an ONS lookup file holds, read from its header (DOMAIN §2.5, DESIGN §5). One file can
// hold several parts: the Rotherham crosswalk carries LSOA 2001→2011→2021 with change codes and
// three ward vintages; an ONSPD row carries a postcode and LSOAs of several vintages.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { parseVintage, type Vintage } from './releases.js';

/** Lookup headers compare with case, spaces and underscores ignored: "LSOA11CD" = "lsoa11_cd". */
export const lookupKey = (h: string): string => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Postcode columns, preferred first (pcds is the one-space form). */
export const POSTCODE_HEADERS = ['pcds', 'pcd', 'pcd7', 'pcd8', 'pcd2', 'postcode'] as const;
const LSOA_CODE = /^lsoa(01|11|21)(?:cd|code)?$/;
const LSOA_NAME = /^lsoa(01|11|21)(?:nm|name)$/;
const CHANGE = /^(?:chgind|changecode|changeind)(0111|1121|0121)?$/;
const WARD_CODE = /^(?:wd|ward)(\d{2})(?:cd|code)(?:oflsoa(01|11|21))?$/;
const WARD_NAME = /^(?:wd|ward)(\d{2})(?:nm|name)(?:oflsoa(01|11|21))?$/;
const LAD_CODE = /^(?:lad|ltla|lau)(\d{2})(?:cd|code)$/;
const LAD_NAME = /^(?:lad|ltla|lau)(\d{2})(?:nm|name)$/;

export interface LookupPlan {
  /** e.g. "ONSPD/NSPL postcode directory", "LSOA 2011 → 2021 lookup with change codes + LSOA → ward 2016". */
  layout: string;
  postcode?: { column: number; header: string; lsoa: Array<{ vintage: Vintage; column: number }>; doterm?: number };
  changes: Array<{ from: Vintage; to: Vintage; fromColumn: number; toColumn: number; changeColumn?: number; fit: 'exact' | 'best' }>;
  wards: Array<{ year: number; vintage: Vintage; codeColumn: number; nameColumn?: number; ladColumn?: number }>;
  lads: Array<{ year: number; vintage: Vintage; codeColumn: number; nameColumn?: number }>;
  names: Array<{ vintage: Vintage; column: number }>;
  lsoaColumns: Array<{ vintage: Vintage; column: number; header: string }>;
}

const year2 = (yy: string): number => 2000 + Number(yy);

/** The LSOA vintage a ward or district column describes: the latest vintage not after its year. */
function vintageFor(year: number, present: Vintage[], explicit?: string): Vintage | undefined {
  if (explicit) {
    const v = parseVintage(explicit);
    return v && present.includes(v) ? v : undefined;
  }
  if (present.length === 1) return present[0];
  const fitting = present.filter((v) => v <= year).sort((a, b) => b - a);
  return fitting[0] ?? [...present].sort((a, b) => a - b)[0];
}

export function isLookupHeader(cells: readonly string[]): boolean {
  const keys = cells.map(lookupKey);
  return keys.some((k) => LSOA_CODE.test(k));
}

export function planLookup(header: readonly string[], fileName: string): LookupPlan {
  const keys = header.map(lookupKey);
  const find = (re: RegExp): Array<{ column: number; m: RegExpExecArray }> =>
    keys.flatMap((k, column) => {
      const m = re.exec(k);
      return m ? [{ column, m }] : [];
    });
  const lsoaColumns: LookupPlan['lsoaColumns'] = [];
  for (const { column, m } of find(LSOA_CODE)) {
    const vintage = parseVintage(m[1] ?? '');
    if (vintage && !lsoaColumns.some((c) => c.vintage === vintage)) lsoaColumns.push({ vintage, column, header: header[column] ?? '' });
  }
  const postcodeColumn = POSTCODE_HEADERS.map((h) => keys.indexOf(h)).find((i) => i >= 0);
  if (lsoaColumns.length === 0) {
    const shown = header.slice(0, 10).map((h) => `"${h.replace(/^\uFEFF/, '')}"`).join(', ');
    throw new WorkbenchError(
      'bad-input',
      `${fileName}: not a recognised lookup (header: ${shown}${header.length > 10 ? ', …' : ''}). Tried: postcode → LSOA (needs a postcode column ${POSTCODE_HEADERS.join('/')} and an LSOA column lsoa21/lsoa21cd/lsoa11/lsoa11cd/lsoa01)${postcodeColumn === undefined ? '' : ' — the postcode column is there, no LSOA column'}; LSOA → LSOA (needs two of LSOA01CD, LSOA11CD, LSOA21CD, with CHGIND/change_code); LSOA → ward (needs an LSOA column and WDyyCD); none of their LSOA columns was found.`,
    );
  }
  const present = lsoaColumns.map((c) => c.vintage);
  const plan: LookupPlan = { layout: '', changes: [], wards: [], lads: [], names: [], lsoaColumns };
  const parts: string[] = [];

  if (postcodeColumn !== undefined) {
    const doterm = keys.indexOf('doterm');
    plan.postcode = {
      column: postcodeColumn,
      header: header[postcodeColumn] ?? '',
      lsoa: lsoaColumns.map(({ vintage, column }) => ({ vintage, column })),
      ...(doterm >= 0 ? { doterm } : {}),
    };
    const kind = keys.includes('oseast1m') || keys.includes('osgrdind') ? 'ONSPD/NSPL postcode directory' : keys.some((k) => /^oa(11|21)cd$/.test(k)) ? 'postcode → OA → LSOA best-fit lookup' : 'postcode → LSOA lookup';
    parts.push(`${kind} (postcode "${plan.postcode.header}"; LSOA ${present.join(', ')})`);
  } else {
    const changeCols = find(CHANGE);
    const sorted = [...lsoaColumns].sort((a, b) => a.vintage - b.vintage);
    for (let i = 1; i < sorted.length; i++) {
      const from = sorted[i - 1];
      const to = sorted[i];
      if (!from || !to) continue;
      const tag = `${String(from.vintage).slice(2)}${String(to.vintage).slice(2)}`;
      const specific = changeCols.find((c) => c.m[1] === tag);
      const generic = sorted.length === 2 ? changeCols.find((c) => c.m[1] === undefined) : undefined;
      const changeColumn = (specific ?? generic)?.column;
      plan.changes.push({ from: from.vintage, to: to.vintage, fromColumn: from.column, toColumn: to.column, fit: changeColumn === undefined ? 'best' : 'exact', ...(changeColumn === undefined ? {} : { changeColumn }) });
      parts.push(`LSOA ${from.vintage} → ${to.vintage} ${changeColumn === undefined ? 'best-fit lookup (no change codes)' : `lookup with change codes ("${header[changeColumn]}")`}`);
    }
  }
  const ladNames = find(LAD_NAME);
  for (const { column, m } of find(LAD_CODE)) {
    const year = year2(m[1] ?? '');
    const vintage = vintageFor(year, present);
    if (!vintage) continue;
    const nameColumn = ladNames.find((n) => n.m[1] === m[1])?.column;
    plan.lads.push({ year, vintage, codeColumn: column, ...(nameColumn === undefined ? {} : { nameColumn }) });
  }
  const wardNames = find(WARD_NAME);
  for (const { column, m } of find(WARD_CODE)) {
    const year = year2(m[1] ?? '');
    const vintage = vintageFor(year, present, m[2]);
    if (!vintage) continue;
    const nameColumn = wardNames.find((n) => n.m[1] === m[1])?.column;
    const ladColumn = plan.lads.find((l) => l.vintage === vintage)?.codeColumn;
    plan.wards.push({ year, vintage, codeColumn: column, ...(nameColumn === undefined ? {} : { nameColumn }), ...(ladColumn === undefined ? {} : { ladColumn }) });
    parts.push(`LSOA ${vintage} → ward ${year} ("${header[column]}")`);
  }
  for (const { column, m } of find(LSOA_NAME)) {
    const vintage = parseVintage(m[1] ?? '');
    if (vintage && present.includes(vintage)) plan.names.push({ vintage, column });
  }
  if (parts.length === 0) {
    const only = lsoaColumns.map((c) => `"${c.header}"`).join(', ');
    throw new WorkbenchError(
      'bad-input',
      `${fileName}: not a recognised lookup. It has ${only} but tried: postcode → LSOA (missing a postcode column: ${POSTCODE_HEADERS.join('/')}); LSOA → LSOA (missing a second LSOA column of another vintage); LSOA → ward (missing a WDyyCD column).`,
    );
  }
  plan.layout = parts.join(' + ');
  return plan;
}
