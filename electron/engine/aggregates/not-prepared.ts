// What a co-ordinator is told when a programme's cohort (or its families' outcomes) has not been
// prepared at the date they asked for: the dates that have been, and how the date gets prepared.
import type { Channel } from '../../../shared/ipc/contract.js';
import { longDate } from '../../../shared/util/pack-format.js';
import type { Db } from '../store/database.js';

const DATED: ReadonlySet<Channel> = new Set<Channel>(['cohort:evaluate', 'outcomes:families']);

/** The as-of dates prepared for this programme (and version) on `channel`, newest first; `list`: family lists only. */
export function preparedDates(db: Db, channel: Channel, programme: string, version: number | undefined, list = false): string[] {
  const keys = db.prepare('SELECT request_key, response_json FROM agg_answer WHERE channel = ?').all(channel) as Array<{ request_key: string; response_json: string }>;
  const dates = new Set<string>();
  for (const { request_key, response_json } of keys) {
    try {
      const r = JSON.parse(request_key) as { programme?: string; version?: number; asOf?: string; limit?: unknown };
      if (r.programme?.toLowerCase() !== programme.toLowerCase() || r.version !== version || !r.asOf) continue;
      if (list && r.limit !== 'list') continue;
      // A refusal (no such programme) is an answer, but not a prepared date.
      if ((JSON.parse(response_json) as { ok: boolean }).ok) dates.add(r.asOf);
    } catch {
      // not a dated request
    }
  }
  return [...dates].sort().reverse();
}

/** A plain, useful refusal for a dated request; null for other channels. */
export function notPreparedMessage(db: Db, channel: Channel, request: unknown): string | null {
  if (!DATED.has(channel)) return null;
  const { programme, version, asOf, limit } = request as { programme: string; version?: number; asOf: string; limit?: number };
  const wantsList = channel === 'cohort:evaluate' && (limit ?? 0) > 0;
  const what = channel === 'cohort:evaluate' ? (wantsList ? 'list of families' : 'cohort') : 'families’ outcomes';
  const dates = preparedDates(db, channel, programme, version, wantsList);
  const shown = dates.slice(0, 24).map(longDate);
  const prepared =
    dates.length === 0
      ? `No date has been prepared for ${programme} yet.`
      : `Prepared dates: ${shown.join(', ')}${dates.length > shown.length ? ` and ${dates.length - shown.length} more` : ''}.`;
  const how =
    channel === 'cohort:evaluate'
      ? `An analyst prepares it by evaluating the cohort at that date (the Families page, or "cohort evaluate --as-of ${asOf}")`
      : `An analyst prepares it by looking at the families' outcomes at that date (the Outcomes page, or "outcomes families --as-of ${asOf}")`;
  return `The ${what} for ${programme} at ${longDate(asOf)} has not been prepared for co-ordinators. ${prepared} ${how}. Your request has been noted: it is also prepared when an analyst next signs in or runs "aggregates refresh".`;
}
