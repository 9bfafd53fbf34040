// Explanations (the waterfall): for any pair of records, the prior and the weight of every
// comparison with its level, and the final probability. A pair stored by the Run is explained
// exactly as it was scored; any other pair is scored afresh with the Run's MatchSpec (then without
// term-frequency adjustments, which need the whole Run's value counts — `termFrequencies` says so).
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import { compareInto, compilePlan } from './compare.js';
import { buildModel, explainInto, probabilityOf, weightOf } from './model.js';
import { prepare } from './prepare.js';
import { parseMatchSpec } from './spec.js';
import type { LinkRecord } from './types.js';
import { loadRecords } from './load-records.js';

export interface Explanation {
  run: number;
  recordA: number;
  recordB: number;
  priorWeight: number;
  comparisons: Array<{ name: string; level: string; weight: number }>;
  matchWeight: number;
  probability: number;
  /** "applied" for a stored pair; "not applied" when the pair was scored afresh */
  termFrequencies: 'applied' | 'not applied';
}

/** The waterfall for a pair of records under a Run (default: the latest). */
export function explainPair(db: Db, recordA: number, recordB: number, run?: number): Explanation {
  const runId = run ?? (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
  if (runId === null || runId === undefined) throw new WorkbenchError('not-found', 'There is no linkage run yet; run `link` first.');
  const row = db.prepare('SELECT spec_json, prior FROM link_run WHERE id = ?').get(runId) as { spec_json: string; prior: number } | undefined;
  if (!row) throw new WorkbenchError('not-found', `There is no linkage run ${runId}.`);
  const spec = parseMatchSpec(row.spec_json, `the MatchSpec of run ${runId}`);
  const [a, b] = recordA < recordB ? [recordA, recordB] : [recordB, recordA];
  const priorWeight = weightOf(row.prior);
  const stored = db.prepare('SELECT levels, weights, match_weight FROM link_pair WHERE run_id = ? AND record_a = ? AND record_b = ?').get(runId, a, b) as
    | { levels: Buffer; weights: Buffer; match_weight: number }
    | undefined;
  if (stored) {
    const weights = new Float32Array(stored.weights.buffer.slice(stored.weights.byteOffset, stored.weights.byteOffset + stored.weights.byteLength));
    const comparisons = spec.comparisons.map((c, k) => ({ name: c.name, level: c.levels[stored.levels[k] ?? 0]?.label ?? '', weight: weights[k] ?? 0 }));
    const matchWeight = priorWeight + comparisons.reduce((s, c) => s + c.weight, 0);
    return { run: runId, recordA: a, recordB: b, priorWeight, comparisons, matchWeight, probability: probabilityOf(matchWeight), termFrequencies: 'applied' };
  }
  const records = loadRecords(db, new Set([a, b]));
  if (records.length !== 2) throw new WorkbenchError('not-found', `No record with id ${records.length === 0 ? `${a} or ${b}` : 'one of the two'}.`);
  const p = prepare(records);
  const plan = compilePlan(spec);
  const model = buildModel(spec, plan, p, row.prior);
  model.tf = model.tf.map(() => null);
  const gammas = new Uint8Array(plan.comparisons.length);
  compareInto(p, plan, 0, 1, gammas, 0);
  const weights = new Float32Array(plan.comparisons.length);
  explainInto(model, gammas, 0, 0, weights);
  const comparisons = spec.comparisons.map((c, k) => ({ name: c.name, level: c.levels[gammas[k] ?? 0]?.label ?? '', weight: weights[k] ?? 0 }));
  const matchWeight = priorWeight + comparisons.reduce((s, c) => s + c.weight, 0);
  return { run: runId, recordA: a, recordB: b, priorWeight, comparisons, matchWeight, probability: probabilityOf(matchWeight), termFrequencies: 'not applied' };
}
