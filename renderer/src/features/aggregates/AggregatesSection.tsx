import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatCount } from '../../components/format.js';
import { ProgressBar } from '../../components/ProgressBar.js';

type Status = ResponseOf<'aggregates:status'>;

/**
 * For analysts: co-ordinators' figures, prepared from the store into the aggregates store. Says
 * when they were last prepared and whether that failed (co-ordinators would otherwise see old
 * figures), and prepares them now with progress.
 */
export function AggregatesSection() {
  const [status, setStatus] = useState<Status | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tries, setTries] = useState(0);
  const job = useJob('aggregates:refresh');

  useEffect(() => {
    let live = true;
    workbench
      .call('aggregates:status', {})
      .then((got) => live && setStatus(got))
      .catch((error: unknown) => live && setProblem(plainErrorMessage(error)));
    return () => {
      live = false;
    };
  }, [tries]);

  if (!status || status.coordinators === 0) return null;
  const last = status.last;
  const prepare = async () => {
    await job.start({ force: true });
    setTries((n) => n + 1);
  };
  return (
    <section className="section" aria-labelledby="aggregates-heading">
      <h2 className="heading-m" id="aggregates-heading">
        Co-ordinators’ figures
      </h2>
      {problem ? <ErrorSummary title="Co-ordinators’ figures could not be checked" errors={[{ message: problem }]} focusKey={tries} /> : null}
      {job.state.status === 'failed' ? <ErrorSummary title="Co-ordinators’ figures were not prepared" errors={[{ message: job.state.error.message }]} focusKey={tries} /> : null}
      <p className="body" data-testid="aggregates-last">
        {last === null
          ? 'They have not been prepared in full yet.'
          : last.ok
            ? `Last prepared ${formatUkDateTime(last.at)}: ${formatCount(last.answers)} answers and ${formatCount(last.packs)} board packs.`
            : `Preparing them failed on ${formatUkDateTime(last.at)}: ${last.problem ?? `${formatCount(last.failed)} answers could not be prepared`}. Co-ordinators see the figures prepared before.`}
      </p>
      {status.waiting > 0 ? (
        <p className="body">
          {formatCount(status.waiting)} {status.waiting === 1 ? 'request' : 'requests'} from co-ordinators {status.waiting === 1 ? 'is' : 'are'} waiting (a date or area nobody had prepared).
        </p>
      ) : null}
      {job.state.status === 'running' ? (
        <ProgressBar label="Preparing co-ordinators’ figures" progress={job.state.progress} />
      ) : (
        <button type="button" className="button button--secondary" onClick={() => void prepare()}>
          Prepare co-ordinators’ figures now
        </button>
      )}
    </section>
  );
}
