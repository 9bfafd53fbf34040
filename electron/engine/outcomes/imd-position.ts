// An area's IMD position in every imported release, by rank and decile only (scores are not
// comparable across releases), its LSOAs carried to each release's vintage through the lookups.
import { carryLsoas } from '../geo/carry.js';
import { RELEASES, type Vintage } from '../geo/releases.js';
import type { Db } from '../store/database.js';

export interface ImdPositionRow {
  release: string;
  vintage: number;
  lsoasWithData: number;
  medianRank: number | null;
  mostDeprived10: number;
  mostDeprived20: number;
  decileCounts: number[];
}

export function imdPositions(db: Db, lsoas: readonly string[], vintage: Vintage): ImdPositionRow[] {
  const have = new Set((db.prepare('SELECT release FROM iod_release').all() as Array<{ release: string }>).map((r) => r.release));
  const out: ImdPositionRow[] = [];
  for (const r of RELEASES.filter((x) => have.has(x.id))) {
    const codes = r.vintage === vintage ? [...lsoas] : carryLsoas(db, lsoas, vintage, r.vintage).codes;
    const rows = db
      .prepare('SELECT imd_rank AS rank, imd_decile AS decile FROM iod_lsoa WHERE release = ? AND lsoa IN (SELECT value FROM json_each(?)) AND imd_decile IS NOT NULL')
      .all(r.id, JSON.stringify(codes)) as Array<{ rank: number | null; decile: number }>;
    const decileCounts = Array.from({ length: 10 }, () => 0);
    for (const x of rows) decileCounts[x.decile - 1]! += 1;
    const ranks = rows.map((x) => x.rank).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const mid = Math.floor(ranks.length / 2);
    const medianRank = ranks.length === 0 ? null : ranks.length % 2 ? (ranks[mid] as number) : Math.round(((ranks[mid - 1] as number) + (ranks[mid] as number)) / 2);
    out.push({ release: r.id, vintage: r.vintage, lsoasWithData: rows.length, medianRank, mostDeprived10: decileCounts[0] ?? 0, mostDeprived20: (decileCounts[0] ?? 0) + (decileCounts[1] ?? 0), decileCounts });
  }
  return out;
}
