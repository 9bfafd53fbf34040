// A purge must also reach the run history: each link run keeps the sources it read (file name,
// hash) and its blocking analysis, whose largest groups are named by their key values (name
// prefixes, postcode and surname, dates of birth). Which of those keys came from the purged
// source cannot be told afterwards, so every earlier run's keys are withheld; the counts stay.
import type { Db } from './database.js';

export const PURGED_KEY = '(withheld after a purge)';

interface BlockSummaryJson {
  key?: unknown;
}
interface RuleJson {
  largestBlocks?: BlockSummaryJson[];
  skippedBlocks?: BlockSummaryJson[];
}

const withhold = (blocks: BlockSummaryJson[] | undefined): BlockSummaryJson[] | undefined => blocks?.map((b) => ({ ...b, key: PURGED_KEY }));

/** Inside the purge's transaction. Returns how many runs were rewritten. */
export function scrubRunHistory(db: Db, sourceId: number): number {
  const tables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'link_run'").get();
  if (!tables) return 0;
  const runs = db.prepare('SELECT id, sources_json, blocking_json FROM link_run').all() as Array<{ id: number; sources_json: string; blocking_json: string }>;
  const update = db.prepare('UPDATE link_run SET sources_json = ?, blocking_json = ? WHERE id = ?');
  for (const run of runs) {
    const sources = (JSON.parse(run.sources_json) as Array<{ id: number }>).filter((s) => s.id !== sourceId);
    const blocking = JSON.parse(run.blocking_json) as { rules?: RuleJson[] };
    if (Array.isArray(blocking.rules)) {
      blocking.rules = blocking.rules.map((r) => ({ ...r, largestBlocks: withhold(r.largestBlocks), skippedBlocks: withhold(r.skippedBlocks) }));
    }
    update.run(JSON.stringify(sources), JSON.stringify(blocking), run.id);
  }
  return runs.length;
}
