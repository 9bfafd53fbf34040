// Handlers for the matching feature's channels (shared/ipc/channels/matching.ts).
import type { MATCHING_CHANNELS, MatchingRunResult } from '../../../shared/ipc/channels/matching.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { exportClusters } from '../export/clusters.js';
import { exportPairs } from '../export/pairs.js';
import { recordDecision } from '../link/decisions.js';
import { latestRunId, runLink } from '../link/run-link.js';
import { keepOutcomeBaseline } from '../outcomes/series.js';
import { defaultMatchSpec, parseMatchSpec, type MatchSpec } from '../link/spec.js';
import { blockingReportNow, runBlockingReport } from '../matching/blocking-report.js';
import { matchingSummary } from '../matching/latest-run.js';
import { modelView } from '../matching/model-view.js';
import { pairDetail, reviewList } from '../matching/review.js';
import { runThreshold, saveMatchingSettings } from '../matching/settings.js';
import { thresholdCounts, weightHistogram } from '../matching/weights.js';
import type { EngineContext, HandlersFor } from './context.js';
import { typedMachineExportPath } from './export-target.js';

/** A MatchSpec the user wrote, checked here: it crosses the door as text. */
const specOf = (spec: { name: string; json: string } | undefined): MatchSpec | undefined => (spec ? parseMatchSpec(spec.json, spec.name) : undefined);

export function matchingHandlers(context: EngineContext): HandlersFor<keyof typeof MATCHING_CHANNELS> {
  return {
    'matching:run': ({ threshold, spec: given, threads }) => {
      const store = context.requireStore();
      const user = context.user();
      const spec = specOf(given);
      // without a threshold, the one saved on the Matching page (a spec brings its own)
      const used = threshold ?? (spec ? undefined : runThreshold(store, undefined));
      return {
        // one transaction at the end: a cancelled or failed run writes nothing
        job: context.jobs.start('matching:run', async (job): Promise<MatchingRunResult> => {
          const s = await runLink(store, { user, threshold: used, ...(spec ? { spec } : {}), ...(threads ? { threads } : {}) }, job);
          // After the run (its memory freed): the outcomes' compact copy, so areas' rates come quickly.
          job.progress('outcomes', 0, 1);
          const outcomes = keepOutcomeBaseline(store.reader, store.writer);
          job.progress('outcomes', 1, 1);
          return {
            run: s.run,
            records: s.records,
            persons: s.persons,
            households: s.households,
            candidatePairs: s.candidatePairs,
            matchedPairs: s.matchedPairs,
            storedPairs: s.storedPairs,
            threshold: s.threshold,
            seconds: s.seconds,
            warnings: s.warnings,
            personIds: s.personIds,
            householdIds: s.householdIds,
            prior: s.prior,
            decisions: s.decisions,
            refusedJoins: s.refusedJoins,
            personNumbers: s.personNumbers,
            timings: outcomes === null ? s.timings : { ...s.timings, outcomes: Math.round(outcomes * 1000) / 1000 },
            memory: s.memory,
            blocking: {
              totalComparisons: s.blocking.totalComparisons,
              narrowed: s.blocking.narrowed,
              rules: s.blocking.rules.map((r) => ({ rule: r.rule, comparisons: r.comparisons, newComparisons: r.newComparisons })),
            },
          };
        }),
      };
    },
    'matching:summary': () => {
      const store = context.requireStore();
      const summary = matchingSummary(store);
      // a run's warnings can quote a skipped block's key (a date of birth, a postcode): analysts only
      if (store.session.role !== 'analyst' && summary.latest) summary.latest.warnings = [];
      return summary;
    },
    'matching:blocking': ({ fresh, spec }) => {
      const db = context.requireStore().reader;
      return fresh || spec ? blockingReportNow(db, specOf(spec)) : runBlockingReport(db);
    },
    'matching:model': ({ run }) => modelView(context.requireStore().reader, run),
    'matching:histogram': ({ bins }) => weightHistogram(context.requireStore().reader, bins),
    'matching:counts': (band) => thresholdCounts(context.requireStore().reader, band),
    'matching:saveSettings': (band) => saveMatchingSettings(context.requireStore(), context.user(), band),
    'matching:reviewList': (request) => reviewList(context.requireStore().reader, request),
    'matching:pair': ({ recordA, recordB }) => pairDetail(context.requireStore(), context.user(), recordA, recordB),
    'matching:decide': ({ recordA, recordB, decision }) => {
      const store = context.requireStore();
      recordDecision(store, recordA, recordB, decision, context.user());
      const n = (store.reader.prepare('SELECT count(*) AS n FROM link_decision').get() as { n: number }).n;
      return { decision, decisions: n };
    },
    'matching:spec': ({ run }) => {
      const db = context.requireStore().reader;
      const id = run ?? latestRunId(db);
      if (id === null) return { run: null, spec: { ...defaultMatchSpec() } };
      const row = db.prepare('SELECT spec_json FROM link_run WHERE id = ?').get(id) as { spec_json: string } | undefined;
      if (!row) throw new WorkbenchError('not-found', `There is no linkage run ${id}.`);
      return { run: id, spec: JSON.parse(row.spec_json) as Record<string, unknown> };
    },
    'matching:exportPairs': ({ path, run, minProbability, replace }) => {
      const store = context.requireStore();
      const out = typedMachineExportPath(context, path, 'pairs', replace);
      const { rows, run: used } = exportPairs(store.reader, out, { run, minProbability });
      store.audit(context.user(), 'export-pairs', { run: used, rows });
      return { path: out, run: used, rows };
    },
    'matching:exportClusters': ({ path, replace }) => {
      const store = context.requireStore();
      const out = typedMachineExportPath(context, path, 'clusters', replace);
      const { rows } = exportClusters(store.reader, out);
      store.audit(context.user(), 'export-clusters', { rows });
      return { path: out, rows };
    },
  };
}
