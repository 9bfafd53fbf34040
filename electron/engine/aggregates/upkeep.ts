// Running the aggregates refresh so that what happens is known: as a job with progress (the
// full preparation takes seconds on a borough's store), and, in whatever form it runs, with its
// outcome kept in the main store and a failure written to the audit trail (counts only) for the
// analyst's screen and the command line to say — co-ordinators would otherwise just see old figures.
import type { RefreshOutcome } from '../../../shared/ipc/channels/aggregates.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import type { Store } from '../store/store.js';
import { refreshAggregates, refreshAggregatesInSteps, type Ask, type RefreshReport } from './refresh.js';

const OUTCOME_KEY = 'aggregates_refresh';
export const REFRESH_PHASE = 'Preparing co-ordinators’ figures';
const INTERNAL = 'Something went wrong inside the engine while preparing co-ordinators’ figures; they show the last figures prepared.';

/** The last preparation's outcome, or null before the first. */
export function lastRefresh(store: Store): RefreshOutcome | null {
  try {
    const raw = store.meta(OUTCOME_KEY);
    return raw ? (JSON.parse(raw) as RefreshOutcome) : null;
  } catch {
    return null;
  }
}

function record(store: Store, report: RefreshReport | null, problem: string | null): void {
  if (!store.writer.open || store.readOnly) return;
  if (report === null && problem === null) return; // nothing to prepare (no co-ordinator)
  const outcome: RefreshOutcome = {
    at: new Date().toISOString(),
    ok: problem === null && (report?.failed ?? 0) === 0,
    answers: report?.answers ?? 0,
    packs: report?.packs ?? 0,
    failed: report?.failed ?? 0,
    millis: report?.millis ?? 0,
    problem,
  };
  // Only a full preparation, or any failure, is worth keeping: a single answer prepared is routine.
  if (report && outcome.ok && !report.full) return;
  store.setMeta(OUTCOME_KEY, JSON.stringify(outcome));
  if (!outcome.ok) store.audit(store.session.user, 'aggregates-refresh-failed', { failed: outcome.failed, answers: outcome.answers, whole: problem !== null });
}

const problemOf = (error: unknown): string => (error instanceof WorkbenchError ? error.message : INTERNAL);

/** In one go (a session ending, one answer an analyst looked at): never fails the caller, but records. */
export function refreshAndRecord(store: Store, options: { asks?: Ask[]; force?: boolean } = {}): RefreshReport | null {
  try {
    const report = refreshAggregates(store, options);
    record(store, report, null);
    return report;
  } catch (error) {
    try {
      record(store, null, problemOf(error));
    } catch {
      // the store cannot be written either: the next session tries again
    }
    return null;
  }
}

/** As a job: progress after each answer, cancellable between answers; a failure fails the job. */
export async function refreshJob(store: Store, job: JobContext, options: { force?: boolean } = {}): Promise<RefreshReport> {
  const steps = refreshAggregatesInSteps(store, options);
  let last = 0;
  try {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        const report = step.value ?? { full: false, answers: 0, packs: 0, failed: 0, millis: 0 };
        record(store, step.value, null);
        return report;
      }
      job.progress(REFRESH_PHASE, step.value.done, step.value.total);
      // Let progress go out and other calls in every ~50 ms of work.
      if (performance.now() - last > 50) {
        await job.yield();
        job.throwIfCancelled();
        last = performance.now();
      }
    }
  } catch (error) {
    if (!(error instanceof WorkbenchError && error.kind === 'cancelled')) record(store, null, problemOf(error));
    throw error;
  } finally {
    // Closes the aggregates store if the job stopped part-way (the generator's own finally).
    steps.return(null);
  }
}
