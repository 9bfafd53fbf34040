// The blocking analysis the page shows: the latest run's (saved with it), or one of the records as
// they are now, without scoring — the same figures as `blocking --json`.
import type { BlockingReport } from '../../../shared/ipc/channels/matching.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { analyseBlocks, effectiveRules, enumeratePairs, guardBlocking, type BlockingAnalysis } from '../link/blocking.js';
import { checkRecords } from '../link/link-persons.js';
import { loadRecords } from '../link/load-records.js';
import { prepare } from '../link/prepare.js';
import { defaultMatchSpec, type MatchSpec } from '../link/spec.js';
import type { Db } from '../store/database.js';
import { latestRunRow } from './latest-run.js';

function report(run: number | null, analysis: BlockingAnalysis, warnings: string[], refused: string | null): BlockingReport {
  return {
    run,
    records: analysis.records,
    totalComparisons: analysis.totalComparisons,
    possibleComparisons: analysis.possibleComparisons,
    narrowed: analysis.narrowed,
    capped: analysis.capped ?? [],
    rules: analysis.rules.map((r) => ({
      rule: r.rule,
      records: r.records,
      blocks: r.blocks,
      comparisons: r.comparisons,
      newComparisons: r.newComparisons,
      largestBlocks: r.largestBlocks,
      skippedBlocks: r.skippedBlocks,
    })),
    warnings,
    refused,
  };
}

/** The latest run's analysis, or null before the first run. */
export function runBlockingReport(db: Db): BlockingReport | null {
  const row = latestRunRow(db);
  if (row === null) return null;
  const stored = db.prepare('SELECT blocking_json FROM link_run WHERE id = ?').get(row.id) as { blocking_json: string };
  const analysis = JSON.parse(stored.blocking_json) as BlockingAnalysis;
  return report(row.id, analysis, analysis.warnings ?? [], null);
}

/**
 * Blocks the records as they are now (the engine's default rules, or `spec`'s); nothing is scored
 * or written. `refused` says why `link` would stop, as `blocking` on the command line reports it.
 */
export function analyseBlockingNow(db: Db, spec: MatchSpec = defaultMatchSpec()): { analysis: BlockingAnalysis; warnings: string[]; refused: string | null } {
  const records = loadRecords(db);
  const names = new Map((db.prepare('SELECT id, file_name FROM source').all() as Array<{ id: number; file_name: string }>).map((s) => [s.id, s.file_name]));
  const warnings = checkRecords(records, (id) => names.get(id) ?? `source ${id}`);
  const p = prepare(records);
  const sourceIndex = new Map(p.sourceIds.map((id, k) => [id, k]));
  const noDup = new Set(spec.noDuplicatesWithinSources.map((id) => sourceIndex.get(id)).filter((k): k is number => k !== undefined));
  const options = { linkType: spec.linkType, maxBlockSize: spec.maxBlockSize, noDuplicatesWithin: noDup };
  const { grouped, narrowed } = effectiveRules(p, spec.blockingRules, spec.maxBlockSize);
  const analysis = analyseBlocks(p, grouped, options);
  analysis.narrowed = narrowed;
  let refused: string | null = null;
  try {
    guardBlocking(analysis, spec.maxComparisons);
    // counts each rule's new comparisons (pairs no earlier rule found)
    enumeratePairs(p, grouped, analysis, options);
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    refused = error.message;
  }
  warnings.push(...analysis.warnings);
  return { analysis, warnings, refused };
}

export function currentBlockingReport(db: Db): BlockingReport {
  return blockingReportNow(db);
}

/** The blocking analysis of the records as they are now, under `spec`'s rules (default: the engine's). */
export function blockingReportNow(db: Db, spec?: MatchSpec): BlockingReport {
  const { analysis, warnings, refused } = analyseBlockingNow(db, spec);
  return report(null, analysis, warnings, refused);
}
