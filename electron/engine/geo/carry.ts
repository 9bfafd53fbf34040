// Carries a set of LSOAs from one vintage to another through the imported ONS lookups
// (2001 ↔ 2011 ↔ 2021), saying where an LSOA split, merged or changed irregularly rather than
// joining it silently (DOMAIN §2.4–2.5). Exact-fit lookups (with U/S/M/X) are preferred.
import type { Db } from '../store/database.js';
import type { Vintage } from './releases.js';

export type ChangeCode = 'U' | 'S' | 'M' | 'X';

export interface CarriedLsoa {
  /** The LSOA in the vintage carried from. */
  from: string;
  /** What it became in the vintage carried to (empty when the lookup does not hold it). */
  to: string[];
  /** The published change code; "best-fit" for a best-fit lookup; U also for a chain of U. */
  change: ChangeCode | 'best-fit' | null;
  /** True when a target LSOA also covers ground outside the set (a merge with an outsider, or a part of a split). */
  coversMore: boolean;
}

export interface CarryResult {
  from: Vintage;
  to: Vintage;
  codes: string[];
  mappings: CarriedLsoa[];
  /** Mappings whose boundary changed (S/M/X or best-fit), to flag rather than join silently. */
  changed: CarriedLsoa[];
  unmapped: string[];
  warnings: string[];
  lookup: 'same' | 'exact' | 'best' | 'none';
}

interface Row {
  from_lsoa: string;
  to_lsoa: string;
  change: ChangeCode | null;
}

function lookupFit(db: Db, a: Vintage, b: Vintage): 'exact' | 'best' | 'none' {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const row = db.prepare("SELECT fit FROM lsoa_change WHERE from_vintage = ? AND to_vintage = ? ORDER BY fit = 'exact' DESC LIMIT 1").get(lo, hi) as { fit: 'exact' | 'best' } | undefined;
  return row?.fit ?? 'none';
}

const SEVERITY: Record<string, number> = { U: 0, 'best-fit': 1, S: 2, M: 3, X: 4 };
const worse = (a: CarriedLsoa['change'], b: CarriedLsoa['change']): CarriedLsoa['change'] => ((SEVERITY[b ?? 'U'] ?? 0) > (SEVERITY[a ?? 'U'] ?? 0) ? b : a);

function step(db: Db, codes: readonly string[], from: Vintage, to: Vintage): CarryResult {
  const fit = lookupFit(db, from, to);
  const result: CarryResult = { from, to, codes: [], mappings: [], changed: [], unmapped: [], warnings: [], lookup: fit };
  if (fit === 'none') {
    result.unmapped = [...codes];
    result.warnings.push(`No LSOA ${Math.min(from, to)} → ${Math.max(from, to)} lookup has been imported, so LSOA ${from} codes cannot be placed on LSOA ${to} geography. Import the ONS lookup (lookup import FILE).`);
    return result;
  }
  const forward = from < to;
  const [lo, hi] = forward ? [from, to] : [to, from];
  const inSet = new Set(codes);
  const json = JSON.stringify(codes);
  // Rows touching the set, and every row of the same target/source so partial coverage shows.
  const rows = db
    .prepare(
      `SELECT from_lsoa, to_lsoa, change FROM lsoa_change WHERE fit = ? AND from_vintage = ? AND to_vintage = ? AND ${forward ? 'from_lsoa' : 'to_lsoa'} IN (SELECT value FROM json_each(?))`,
    )
    .all(fit, lo, hi, json) as Row[];
  const otherEnds = [...new Set(rows.map((r) => (forward ? r.to_lsoa : r.from_lsoa)))];
  const siblings = db
    .prepare(
      `SELECT from_lsoa, to_lsoa, change FROM lsoa_change WHERE fit = ? AND from_vintage = ? AND to_vintage = ? AND ${forward ? 'to_lsoa' : 'from_lsoa'} IN (SELECT value FROM json_each(?))`,
    )
    .all(fit, lo, hi, JSON.stringify(otherEnds)) as Row[];
  // For each target code: which source codes feed it (forward) / which parts its source has (backward).
  const sourcesOf = new Map<string, Set<string>>();
  for (const r of siblings) {
    const key = forward ? r.to_lsoa : r.from_lsoa;
    const val = forward ? r.from_lsoa : r.to_lsoa;
    let set = sourcesOf.get(key);
    if (!set) sourcesOf.set(key, (set = new Set()));
    set.add(val);
  }
  const out = new Set<string>();
  for (const code of codes) {
    const mine = rows.filter((r) => (forward ? r.from_lsoa : r.to_lsoa) === code);
    if (mine.length === 0) {
      result.unmapped.push(code);
      continue;
    }
    const targets = [...new Set(mine.map((r) => (forward ? r.to_lsoa : r.from_lsoa)))].sort();
    let change: CarriedLsoa['change'] = fit === 'best' ? 'best-fit' : 'U';
    if (fit === 'exact') for (const r of mine) change = worse(change, r.change ?? 'U');
    const coversMore = targets.some((t) => [...(sourcesOf.get(t) ?? [])].some((s) => !inSet.has(s)));
    const mapping: CarriedLsoa = { from: code, to: targets, change, coversMore };
    result.mappings.push(mapping);
    for (const t of targets) out.add(t);
    if (change !== 'U') result.changed.push(mapping);
  }
  result.codes = [...out].sort();
  // One warning per changed target group, worded for what an analyst must know.
  const said = new Set<string>();
  for (const m of result.changed) {
    const key = `${m.change}:${m.to.join(',')}`;
    if (said.has(key)) continue;
    said.add(key);
    result.warnings.push(describeChange(m, from, to, result.changed, sourcesOf, inSet, forward));
  }
  if (result.unmapped.length > 0) {
    result.warnings.push(`${result.unmapped.length} LSOA ${from} code(s) are not in the LSOA ${lo} → ${hi} lookup and were left out: ${result.unmapped.slice(0, 10).join(', ')}${result.unmapped.length > 10 ? ', …' : ''}.`);
  }
  return result;
}

function describeChange(
  m: CarriedLsoa,
  from: Vintage,
  to: Vintage,
  changed: CarriedLsoa[],
  sourcesOf: Map<string, Set<string>>,
  inSet: Set<string>,
  forward: boolean,
): string {
  const targets = m.to.join(', ');
  const outsiders = [...new Set(m.to.flatMap((t) => [...(sourcesOf.get(t) ?? [])].filter((s) => !inSet.has(s))))];
  const partners = changed.filter((c) => c.to.join(',') === m.to.join(',')).map((c) => c.from);
  if (m.change === 'best-fit') return `${m.from} (LSOA ${from}) placed on ${targets} (LSOA ${to}) by a best-fit lookup: boundaries may differ.`;
  if (m.change === 'X') return `${m.from} (LSOA ${from}) changed irregularly (X) into ${targets} (LSOA ${to}): no like-for-like comparison is possible.`;
  const splitWord = forward ? m.change === 'S' : m.change === 'M';
  if (splitWord) {
    return `${m.from} (LSOA ${from}) was ${forward ? 'split into' : 'formed by merging'} ${targets} (LSOA ${to}): carried as ${m.to.length > 1 ? 'all of them' : 'it'}; compare the ${forward ? 'old LSOA with the sum of the new ones' : 'sum of the old LSOAs with the new one'}.`;
  }
  if (m.coversMore) {
    return `${partners.join(', ')} (LSOA ${from}) ${forward ? `merged with ${outsiders.join(', ')} (outside this area) into` : `is only part of`} ${targets} (LSOA ${to}): the LSOA ${to} area covers more than this area${forward ? '' : ` (its other parts: ${outsiders.join(', ')})`}.`;
  }
  return `${partners.join(', ')} (LSOA ${from}) ${forward ? 'merged into' : 'together make'} ${targets} (LSOA ${to}), wholly inside this area.`;
}

/** Carries codes from one vintage to another, through 2011 when going between 2001 and 2021. */
export function carryLsoas(db: Db, codes: readonly string[], from: Vintage, to: Vintage): CarryResult {
  if (from === to) {
    const same = [...new Set(codes)].sort();
    return { from, to, codes: same, mappings: same.map((c) => ({ from: c, to: [c], change: 'U', coversMore: false })), changed: [], unmapped: [], warnings: [], lookup: 'same' };
  }
  if (Math.abs(from - to) === 10) return step(db, codes, from, to);
  const first = step(db, codes, from, 2011);
  const second = step(db, first.codes, 2011, to);
  const secondBy = new Map(second.mappings.map((m) => [m.from, m]));
  const mappings: CarriedLsoa[] = first.mappings.map((m) => {
    const next = m.to.map((t) => secondBy.get(t)).filter((x): x is CarriedLsoa => x !== undefined);
    const change = next.reduce<CarriedLsoa['change']>((c, n) => worse(c, n.change), m.change);
    return { from: m.from, to: [...new Set(next.flatMap((n) => n.to))].sort(), change, coversMore: m.coversMore || next.some((n) => n.coversMore) };
  });
  const lookup = first.lookup === 'none' || second.lookup === 'none' ? 'none' : first.lookup === 'best' || second.lookup === 'best' ? 'best' : 'exact';
  return {
    from,
    to,
    codes: second.codes,
    mappings,
    changed: mappings.filter((m) => m.change !== 'U'),
    unmapped: [...first.unmapped, ...mappings.filter((m) => m.to.length === 0 && !first.unmapped.includes(m.from)).map((m) => m.from)],
    warnings: [...first.warnings, ...second.warnings],
    lookup,
  };
}
