// The review queue ordered by cohort impact: two households that each meet too few criteria, one
// undecided pair in the review band between them, and a stronger pair that changes nothing. A
// match on the first would make a family qualify, so with `order: 'cohort-impact'` it comes first.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ReviewQueue } from '../../shared/ipc/channels/baseline.js';
import { createEngine } from '../../electron/engine/engine.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { getProgramme } from '../../electron/engine/cohort/programmes.js';
import { cohortImpact } from '../../electron/engine/cohort/review-impact.js';
import { applyTruthLinkage } from '../helpers/cohort-demo.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cohort');
const AS_OF = '2025-03-31';
const dir = mkdtempSync(join(tmpdir(), 'bw-review-impact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('puts the pair whose match would make a family qualify first, and says so', async () => {
  const store = Store.openWithKey(join(dir, 'store.db'), randomBytes(32), true);
  for (const f of ['school.csv', 'police.csv', 'benefits.csv']) {
    copyFileSync(join(FIXTURES, f), join(dir, f));
    await importFile(store, join(dir, f), { user: 't', today: AS_OF }, silentJob());
  }
  // Family HA qualifies on all three criteria: the pupil's absence (PA1) and a parent's ASB and benefit (PA2).
  // Here the pupil was not linked to the family: HX meets education only, HA crime/ASB and work only.
  const truth = readFileSync(join(FIXTURES, 'truth.csv'), 'utf8').replace('school.csv,,2,PA1,HA', 'school.csv,,2,PA1,HX');
  writeFileSync(join(dir, 'truth.csv'), truth);
  const run = applyTruthLinkage(store, join(dir, 'truth.csv'));
  const recordOf = (file: string, row: number): number =>
    (store.reader.prepare('SELECT r.id FROM record r JOIN raw_row w ON w.id = r.raw_row_id JOIN source s ON s.id = r.source_id WHERE s.file_name = ? AND w.row_number = ?').pluck().get(file, row) as number);
  const pair = store.writer.prepare("INSERT INTO link_pair(run_id, record_a, record_b, probability, match_weight, levels, weights) VALUES (?, ?, ?, ?, ?, x'00', x'00')");
  const [pupil, parent] = [recordOf('school.csv', 2), recordOf('police.csv', 2)].sort((a, b) => a - b) as [number, number];
  const [b1, c1] = [recordOf('school.csv', 3), recordOf('school.csv', 4)].sort((a, b) => a - b) as [number, number];
  pair.run(run, pupil, parent, 0.7, 1.2);
  pair.run(run, b1, c1, 0.8, 2.5);
  const engine = createEngine({ storePath: join(dir, 'store.db'), host: 'cli', version: 't', user: 't' });
  engine.adoptStore(store);
  const queue = async (request: Record<string, unknown>): Promise<ReviewQueue> => {
    const r = await engine.invoke('review:queue', request);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ReviewQueue;
  };
  try {
    const byWeight = await queue({});
    expect(byWeight.entries.map((e) => e.id)).toEqual([`${b1}-${c1}`, `${pupil}-${parent}`]);
    expect(byWeight.entries[0]?.cohortImpact).toBeUndefined();
    const byImpact = await queue({ order: 'cohort-impact' });
    expect(byImpact.entries.map((e) => [e.id, e.cohortImpact])).toEqual([
      [`${pupil}-${parent}`, true],
      [`${b1}-${c1}`, false],
    ]);
    // With a dependent child required (Supporting Families, two needs here), HA's parent meets two
    // needs with no child at home; HC meets none but has a child (PC1, born 2013), so joining them
    // would qualify — a household with no need can still bring the child.
    const supporting = getProgramme(store.reader, 'supporting-families').definition;
    const impact = cohortImpact(store.reader, { definition: { ...supporting, rule: { ...supporting.rule, atLeast: 2 } } });
    expect([impact('PA2', 'PC1'), impact('PC1', 'PA2'), impact('PA2', 'PA1'), impact('PC1', 'PB2')]).toEqual([true, true, true, false]);
  } finally {
    engine.close();
  }
});
