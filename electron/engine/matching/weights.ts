// The latest run's scored pairs by match weight: a histogram for the threshold chooser, and for a
// candidate threshold and review band the pairs that would link, go to review or stay apart —
// answered from the stored pairs, so the page can move a threshold without linking again.
import type { ThresholdCounts, WeightHistogram } from '../../../shared/ipc/channels/matching.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { weightOf } from '../link/model.js';
import type { Db } from '../store/database.js';
import { latestRunRow, runSpec } from './latest-run.js';

/** Bin widths (bits) people can read off an axis; each is exact in binary, so bins do not drift. */
const NICE_WIDTHS = [0.25, 0.5, 1, 2, 4, 8] as const;

export function binWidth(span: number, bins: number): number {
  const raw = span / Math.max(1, bins);
  return NICE_WIDTHS.find((w) => w >= raw) ?? NICE_WIDTHS[NICE_WIDTHS.length - 1]!;
}

export function weightHistogram(db: Db, bins = 40): WeightHistogram | null {
  const run = latestRunRow(db);
  if (run === null) return null;
  const floor = Math.min(runSpec(run).pairFloor, run.threshold);
  const range = db.prepare('SELECT min(match_weight) AS lo, max(match_weight) AS hi, count(*) AS n FROM link_pair WHERE run_id = ?').get(run.id) as {
    lo: number | null;
    hi: number | null;
    n: number;
  };
  const empty = { run: run.id, storedPairs: range.n, belowFloor: run.candidate_pairs - range.n, floorWeight: weightOf(floor), thresholdWeight: weightOf(run.threshold) };
  if (range.lo === null || range.hi === null) return { ...empty, width: 1, bins: [] };
  const width = binWidth(range.hi - range.lo, bins);
  const start = Math.floor(range.lo / width) * width;
  const counts = db
    .prepare('SELECT CAST((match_weight - ?) / ? AS INTEGER) AS k, count(*) AS n FROM link_pair WHERE run_id = ? GROUP BY k ORDER BY k')
    .all(start, width, run.id) as Array<{ k: number; n: number }>;
  const last = counts[counts.length - 1]?.k ?? 0;
  const byBin = new Map(counts.map((c) => [c.k, c.n]));
  // every bin from the lowest to the highest, empty ones included, so the axis is even
  const out = Array.from({ length: last + 1 }, (_, k) => ({ from: start + k * width, count: byBin.get(k) ?? 0 }));
  return { ...empty, width, bins: out };
}

/**
 * Pairs of the latest run at or above `threshold` (they would link), from `reviewFrom` up to it
 * (review), and the rest of the compared pairs (apart) — by probability, as clustering decides.
 */
export function thresholdCounts(db: Db, band: { threshold: number; reviewFrom: number }): ThresholdCounts | null {
  if (!(band.reviewFrom <= band.threshold)) throw new WorkbenchError('bad-input', 'Review must start at or below the threshold for linking.');
  const run = latestRunRow(db);
  if (run === null) return null;
  const row = db
    .prepare(
      `SELECT coalesce(sum(probability >= ?), 0) AS autoLink, coalesce(sum(probability >= ? AND probability < ?), 0) AS review
       FROM link_pair WHERE run_id = ?`,
    )
    .get(band.threshold, band.reviewFrom, band.threshold, run.id) as { autoLink: number; review: number };
  return { run: run.id, autoLink: row.autoLink, review: row.review, apart: run.candidate_pairs - row.autoLink - row.review };
}
