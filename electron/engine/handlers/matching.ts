// Handlers for the matching feature's channels (shared/ipc/channels/matching.ts).
import type { MATCHING_CHANNELS, MatchingRunResult } from '../../../shared/ipc/channels/matching.js';
import { recordDecision } from '../link/decisions.js';
import { runLink } from '../link/run-link.js';
import { currentBlockingReport, runBlockingReport } from '../matching/blocking-report.js';
import { matchingSummary } from '../matching/latest-run.js';
import { modelView } from '../matching/model-view.js';
import { pairDetail, reviewList } from '../matching/review.js';
import { runThreshold, saveMatchingSettings } from '../matching/settings.js';
import { thresholdCounts, weightHistogram } from '../matching/weights.js';
import type { EngineContext, HandlersFor } from './context.js';

export function matchingHandlers(context: EngineContext): HandlersFor<keyof typeof MATCHING_CHANNELS> {
  return {
    'matching:run': ({ threshold }) => {
      const store = context.requireStore();
      const user = context.user();
      const used = runThreshold(store, threshold);
      return {
        // one transaction at the end: a cancelled or failed run writes nothing
        job: context.jobs.start('matching:run', async (job): Promise<MatchingRunResult> => {
          const s = await runLink(store, { user, threshold: used }, job);
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
    'matching:blocking': ({ fresh }) => {
      const db = context.requireStore().reader;
      return fresh ? currentBlockingReport(db) : runBlockingReport(db);
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
  };
}
