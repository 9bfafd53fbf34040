// The lookups the hot paths repeat per row (export clusters, the records grid, events, presets,
// re-mapping) must each be an index search, never a scan: a dropped or renamed index would turn a
// 300k-row export quadratic without any test noticing the time.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

const HOT_LOOKUPS: Array<[sql: string, plan: RegExp]> = [
  ['SELECT * FROM record WHERE source_id = 1', /SEARCH record USING INDEX record_source/],
  ['SELECT * FROM event WHERE record_id = 1', /SEARCH event USING INDEX event_record/],
  ["SELECT * FROM mapping_preset WHERE partner = 'p' AND kind = 'school'", /SEARCH mapping_preset USING INDEX mapping_preset_partner_kind/],
  ['SELECT * FROM raw_row WHERE source_id = 1 AND sheet_ordinal = 0 AND row_number = 5', /SEARCH raw_row USING INDEX \S+ \(source_id=\? AND sheet_ordinal=\? AND row_number=\?\)/],
  ['SELECT * FROM raw_row WHERE id = 1', /SEARCH raw_row USING INTEGER PRIMARY KEY/],
  ['SELECT * FROM run_record_person WHERE run_id = 1 AND record_id = 3', /SEARCH run_record_person USING (COVERING )?INDEX \S+ \(run_id=\? AND record_id=\?\)/],
  ['SELECT * FROM run_person_household WHERE run_id = 1 AND person_id = 3', /SEARCH run_person_household USING (COVERING )?INDEX \S+ \(run_id=\? AND person_id=\?\)/],
  ['SELECT * FROM link_decision WHERE record_b = 2', /SEARCH link_decision USING INDEX link_decision_b/],
];

describe('hot queries use their indexes', () => {
  it.each(HOT_LOOKUPS)('%s', (sql, plan) => {
    const store = Store.openWithKey(join(tempDir(), 'plans.db'), randomBytes(32), true);
    try {
      const detail = (store.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(detail).toMatch(plan);
      expect(detail).not.toMatch(/\bSCAN\b/);
    } finally {
      store.close();
    }
  });
});
