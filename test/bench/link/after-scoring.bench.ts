// What a Run does after scoring — the household stage and writing the Run — timed on its own, so
// changes there can be measured without paying for the person stage each time. The person
// stage runs once per store and its result is kept beside the store (v8-serialised); each
// round then builds households and writes the Run (into the real encrypted store, deleted
// again after), reporting CPU seconds of this process (the machine is shared: wall clock says
// little) and a digest of what was written, so a change can show it writes the same Run.
//
//   tsx test/bench/link/after-scoring.bench.ts --dir CACHE/demo-110000 [--rounds 2] [--phase households|write|both]
//
// CACHE/<case> is a store prepared by link.bench.ts --cache CACHE.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { applyHouseholdDecisions, type DecidedHouseholds } from '../../../electron/engine/baseline/household-decisions.js';
import { buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import { linkPersons, type LinkPersonsResult } from '../../../electron/engine/link/link-persons.js';
import { loadRecords } from '../../../electron/engine/link/load-records.js';
import { loadRunSources, writeRun } from '../../../electron/engine/link/run-link.js';
import { Store } from '../../../electron/engine/store/store.js';
import { exportClusters } from '../../../electron/engine/export/clusters.js';
import { pairwiseScore } from '../../helpers/pairwise-score.js';
import { readCsv, rowKey } from './harness.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dir = arg('dir');
if (!dir) throw new Error('--dir CACHE/<case> is required');
const rounds = Number(arg('rounds') ?? 2);
const phase = arg('phase') ?? 'both';

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string; truth: { kind: string; path?: string } };

/** Household pairwise F1 of the Run just written against a demo borough's truth (as link.bench.ts scores it). */
function householdF1(): { f1: number; withinBorough: number | null } | null {
  if (made.truth.kind !== 'demo' || !made.truth.path) return null;
  const out = join(dir!, 'clusters-after-scoring.csv');
  exportClusters(store.reader, out);
  const truth = new Map<string, string>();
  for (const r of readCsv(made.truth.path).slice(1)) if (r.length >= 5) truth.set(rowKey(r[0] as string, r[1] as string, Number(r[2])), r[4] as string);
  const predicted: string[] = [];
  const actual: string[] = [];
  for (const r of readCsv(out).slice(1)) {
    if (r.length < 5) continue;
    const t = truth.get(rowKey(r[0] as string, r[1] as string, Number(r[2])));
    if (t === undefined) continue;
    predicted.push(r[4] as string);
    actual.push(t);
  }
  const part = (id: string): string | null => /^(\d+)-/.exec(id)?.[1] ?? null;
  const within = actual.every((id) => part(id) !== null) ? pairwiseScore(predicted.map((id, i) => `${id}|${part(actual[i] as string)}`), actual).f1 : null;
  return { f1: pairwiseScore(predicted, actual).f1, withinBorough: within };
}
const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
const clear = (): void => {
  store.writer.exec('DELETE FROM link_pair; DELETE FROM run_record_person; DELETE FROM run_person_household; DELETE FROM link_id_event; DELETE FROM person; DELETE FROM household; DELETE FROM link_run; UPDATE link_id_sequence SET next = 1;');
};
try {
  const records = loadRecords(store.reader);
  const kept = join(dir, 'linked.v8');
  let linked: LinkPersonsResult;
  if (existsSync(kept)) linked = deserialize(readFileSync(kept)) as LinkPersonsResult;
  else {
    linked = await linkPersons(records, {}, silentJob(), (id) => `source ${id}`);
    const { model: _model, prepared: _prepared, ...rest } = linked;
    writeFileSync(kept, serialize(rest));
  }
  const sources = loadRunSources(store);
  process.stderr.write(`${records.length} records, ${linked.clusters.personCount} persons, ${linked.pairs.count} pairs\n`);
  const digest = (h: DecidedHouseholds): string => createHash('sha256').update(h.householdOfPerson).digest('hex').slice(0, 16);
  let households: DecidedHouseholds | null = null;
  for (let round = 0; round < rounds; round++) {
    let c = cpu();
    let w = performance.now();
    // with each person's reason, as runLink writes them (no analyst's decisions here)
    households = applyHouseholdDecisions(records.map((r) => r.id), linked.clusters, buildHouseholdsDetailed(records, linked.clusters), []);
    const hCpu = cpu() - c;
    const hWall = (performance.now() - w) / 1000;
    const out: Record<string, unknown> = { round, households: households.householdCount, householdDigest: digest(households), householdsCpu: +hCpu.toFixed(2), householdsWall: +hWall.toFixed(2) };
    if (phase !== 'households') {
      clear();
      c = cpu();
      w = performance.now();
      const summary = writeRun(store, records, linked, households, sources, 'bench', new Date());
      out.writeCpu = +(cpu() - c).toFixed(2);
      out.writeWall = +((performance.now() - w) / 1000).toFixed(2);
      // what was written, independent of row order and run number
      const hash = createHash('sha256');
      for (const row of store.reader.prepare('SELECT record_a, record_b, probability, match_weight, levels, weights FROM link_pair ORDER BY record_a, record_b').raw(true).iterate() as IterableIterator<unknown[]>) hash.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))));
      for (const row of store.reader.prepare('SELECT record_id, person_id FROM run_record_person ORDER BY record_id').raw(true).iterate() as IterableIterator<unknown[]>) hash.update(JSON.stringify(row));
      for (const row of store.reader.prepare('SELECT person_id, household_id FROM run_person_household ORDER BY person_id').raw(true).iterate() as IterableIterator<unknown[]>) hash.update(JSON.stringify(row));
      out.writtenDigest = hash.digest('hex').slice(0, 16);
      out.storedPairs = summary.storedPairs;
      if (round === rounds - 1 && process.argv.includes('--score')) out.householdF1 = householdF1();
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
} finally {
  clear();
  store.close();
}
