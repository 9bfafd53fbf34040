// The matching model as the page draws it (Splink's match-weights chart): per comparison level,
// m, u and the match weight log2(m/u) in bits, and the prior — from the latest run's trained
// MatchSpec, or the engine's untrained defaults before any run.
import type { ModelView } from '../../../shared/ipc/channels/matching.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { weightOf } from '../link/model.js';
import { defaultMatchSpec, levelWeight, parseMatchSpec, type MatchSpec } from '../link/spec.js';
import type { Db } from '../store/database.js';

export function modelView(db: Db, run?: number): ModelView {
  const row = (
    run === undefined
      ? db.prepare('SELECT id, spec_json, prior FROM link_run ORDER BY id DESC LIMIT 1').get()
      : db.prepare('SELECT id, spec_json, prior FROM link_run WHERE id = ?').get(run)
  ) as { id: number; spec_json: string; prior: number } | undefined;
  if (run !== undefined && !row) throw new WorkbenchError('not-found', `There is no linkage run ${run}.`);
  const spec: MatchSpec = row ? parseMatchSpec(row.spec_json, `the MatchSpec of run ${row.id}`) : defaultMatchSpec();
  const prior = row ? row.prior : spec.probabilityTwoRandomRecordsMatch;
  return {
    run: row?.id ?? null,
    trained: spec.trainedAt !== null,
    prior,
    priorWeight: prior === null ? null : weightOf(prior),
    threshold: spec.threshold,
    comparisons: spec.comparisons.map((c) => ({
      name: c.name,
      description: c.description ?? null,
      fixed: c.fixed ?? false,
      levels: c.levels.map((l) => {
        const uPc = c.conditionalOnPostcode ? l.uSamePostcode : undefined;
        return {
          label: l.label,
          m: l.m,
          u: l.u,
          weight: levelWeight(l),
          weightSamePostcode: l.kind !== 'null' && l.m !== null && uPc ? Math.log2(l.m / uPc) : null,
          termFrequency: l.tf ?? false,
          missing: l.kind === 'null',
        };
      }),
    })),
  };
}
