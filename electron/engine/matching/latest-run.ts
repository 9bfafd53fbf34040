// What the Matching page shows about the linkage runs: the latest run's figures, and how many
// records have arrived since it (they join people and households at the next run).
import type { LatestRun, MatchingSummary } from '../../../shared/ipc/channels/matching.js';
import type { MatchSpec } from '../link/spec.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';
import { matchingSettings } from './settings.js';

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string;
  spec_json: string;
  threshold: number;
  prior: number;
  records: number;
  candidate_pairs: number;
  stored_pairs: number;
  persons: number;
  households: number;
  summary_json: string;
}

export function latestRunRow(db: Db): RunRow | null {
  return (db.prepare('SELECT * FROM link_run ORDER BY id DESC LIMIT 1').get() as RunRow | undefined) ?? null;
}

export function runSpec(row: Pick<RunRow, 'spec_json'>): MatchSpec {
  return JSON.parse(row.spec_json) as MatchSpec;
}

function describeRun(row: RunRow): LatestRun {
  const extra = JSON.parse(row.summary_json) as { warnings?: string[]; matchedPairs?: number; timings?: Record<string, number> };
  const spec = runSpec(row);
  const total = (Date.parse(row.finished_at) - Date.parse(row.started_at)) / 1000;
  return {
    run: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    records: row.records,
    persons: row.persons,
    households: row.households,
    candidatePairs: row.candidate_pairs,
    matchedPairs: extra.matchedPairs ?? 0,
    storedPairs: row.stored_pairs,
    threshold: row.threshold,
    pairFloor: Math.min(spec.pairFloor, row.threshold),
    prior: row.prior,
    timings: { ...(extra.timings ?? {}), ...(Number.isFinite(total) ? { total } : {}) },
    warnings: extra.warnings ?? [],
  };
}

export function matchingSummary(store: Store): MatchingSummary {
  const db = store.reader;
  const count = (sql: string, ...params: number[]): number => (db.prepare(sql).get(...params) as { n: number }).n;
  const row = latestRunRow(db);
  const records = count('SELECT count(*) AS n FROM record');
  const recordsSinceRun =
    row === null
      ? records
      : count('SELECT count(*) AS n FROM record r WHERE NOT EXISTS (SELECT 1 FROM run_record_person p WHERE p.run_id = ? AND p.record_id = r.id)', row.id);
  return {
    records,
    recordsSinceRun,
    decisions: count('SELECT count(*) AS n FROM link_decision'),
    latest: row === null ? null : describeRun(row),
    settings: matchingSettings(store),
  };
}
