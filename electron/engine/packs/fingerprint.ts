// The store state a pack reads, as one sha256 and a date: the sources (by file hash and as-of
// date), the latest link run, the review decisions, the reference data and the areas. The same
// state gives the same fingerprint and date, so a rebuilt pack can be checked against the first.
import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';

export interface StateFingerprint {
  fingerprint: string;
  /** The latest change to that state (YYYY-MM-DD), the date the pack is dated by. */
  stateDate: string;
  linkRun: number | null;
}

export function stateFingerprint(db: Db, extra: unknown): StateFingerprint {
  const hash = createHash('sha256');
  const add = (label: string, rows: unknown): void => {
    hash.update(`${label}\n${JSON.stringify(rows)}\n`);
  };
  const sources = db.prepare('SELECT sha256, as_of, imported_at FROM source ORDER BY id').all() as Array<{ sha256: string; as_of: string; imported_at: string }>;
  add('sources', sources);
  const run = db.prepare('SELECT id, finished_at, spec_json, threshold FROM link_run ORDER BY id DESC LIMIT 1').get() as { id: number; finished_at: string } | undefined;
  add('run', run ?? null);
  add('decisions', db.prepare('SELECT count(*) AS n, max(decided_at) AS latest FROM link_decision').get());
  add('reference', db.prepare('SELECT kind, file_name, sha256, imported_at FROM geo_import ORDER BY id').all());
  const areas = db.prepare("SELECT a.name, a.kind, a.vintage, a.effective_date, a.created_at, (SELECT json_group_array(lsoa) FROM (SELECT lsoa FROM area_lsoa l WHERE l.area_id = a.id ORDER BY lsoa)) AS lsoas FROM area a ORDER BY a.name").all() as Array<{ created_at: string }>;
  add('areas', areas);
  add('settings', db.prepare("SELECT key, value FROM meta WHERE key LIKE 'matching.%' OR key = 'synthetic' ORDER BY key").all());
  add('extra', extra);
  const dates = [
    ...sources.map((s) => s.imported_at),
    run?.finished_at,
    ...(db.prepare('SELECT imported_at FROM geo_import').all() as Array<{ imported_at: string }>).map((r) => r.imported_at),
    ...areas.map((a) => a.created_at),
  ].filter((d): d is string => typeof d === 'string' && d.length >= 10);
  return { fingerprint: hash.digest('hex'), stateDate: dates.sort().at(-1)?.slice(0, 10) ?? '2000-01-01', linkRun: run?.id ?? null };
}
