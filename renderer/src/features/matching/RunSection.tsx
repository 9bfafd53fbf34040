import { useRef, useState } from 'react';
import type { JobResultOf } from '../../../../shared/ipc/contract.js';
import type { JobProgressUpdate } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { formatCount } from '../../components/format.js';
import { describeSecondsLeft, nextClock, phaseLabel, secondsLeft, type PhaseClock } from './run-progress.js';
import { formatProbability } from './weight-scale.js';

interface RunSectionProps {
  records: number;
  /** the threshold the next run will use */
  threshold: number;
  thresholdSaved: boolean;
  onFinished(): void;
}

function RunResult({ result }: { result: JobResultOf<'matching:run'> }) {
  return (
    <NotificationBanner title="Success" heading={`Matching run ${result.run} is complete`}>
      <p className="body">
        {formatCount(result.records)} records are now {formatCount(result.persons)} people in {formatCount(result.households)}{' '}
        households. It took {result.seconds} seconds.
      </p>
      {result.personIds.kept > 0 ? (
        <p className="body" data-testid="id-changes">
          {formatCount(result.personIds.kept)} people kept their ID from the last run and {formatCount(result.personIds.created)} got a new
          one; {formatCount(result.personIds.merges)} people were merged and {formatCount(result.personIds.splits)} split.{' '}
          {formatCount(result.householdIds.kept)} households kept their ID.
        </p>
      ) : null}
      {result.warnings.map((warning) => (
        <p className="body" key={warning}>
          {warning}
        </p>
      ))}
    </NotificationBanner>
  );
}

/** Shows the engine's phase in plain words, with an estimate of the time left once it can tell. */
function RunProgress({ progress }: { progress: JobProgressUpdate | null }) {
  const clock = useRef<PhaseClock | null>(null);
  const now = Date.now();
  let left: string | null = null;
  if (progress) {
    clock.current = nextClock(clock.current, progress.phase, progress.done, now);
    const seconds = secondsLeft(clock.current, progress.done, progress.total, now);
    left = seconds === null ? null : describeSecondsLeft(seconds);
  }
  const shown = progress ? { ...progress, phase: phaseLabel(progress.phase) } : null;
  return (
    <>
      <ProgressBar label="Matching progress" progress={shown} startingText="Starting matching…" />
      {left ? <p className="body secondary-text">{left}</p> : null}
    </>
  );
}

export function RunSection({ records, threshold, thresholdSaved, onFinished }: RunSectionProps) {
  const job = useJob('matching:run');
  const [attempts, setAttempts] = useState(0);
  const running = job.state.status === 'running' ? job.state : null;
  const problem =
    job.state.status === 'failed'
      ? [{ message: job.state.error.kind === 'cancelled' ? 'Matching was cancelled. Nothing was changed.' : job.state.error.message }]
      : [];

  const start = async () => {
    setAttempts((n) => n + 1);
    const result = await job.start({});
    if (result) onFinished();
  };

  return (
    <section className="section" aria-labelledby="run-heading">
      <h2 className="heading-m" id="run-heading">
        Run matching
      </h2>
      <ErrorSummary title="Matching did not run" errors={problem} focusKey={attempts} />
      {records === 0 ? (
        <p className="body">There are no records yet. Import partners’ extracts on the Sources page first, then run matching here.</p>
      ) : (
        <p className="body">
          Matching compares the {formatCount(records)} records, learns from them what a match looks like, and groups them into people
          and households. People keep their IDs from one run to the next. It links pairs with a match probability of{' '}
          {formatProbability(threshold)} or more{thresholdSaved ? ' (the threshold you saved)' : ' (the standard threshold)'}.
        </p>
      )}
      {job.state.status === 'finished' ? <RunResult result={job.state.result} /> : null}
      {running ? (
        <>
          <RunProgress progress={running.progress} />
          <button type="button" className="button button--warning" onClick={job.cancel} disabled={running.cancelling}>
            {running.cancelling ? 'Cancelling…' : 'Cancel matching'}
          </button>
        </>
      ) : records > 0 ? (
        <button type="button" className="button" onClick={() => void start()}>
          Run matching
        </button>
      ) : null}
    </section>
  );
}
