import type { ReactNode } from 'react';
import type { MatchingSummary } from '../../../../shared/ipc/channels/matching.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { formatCount } from '../../components/format.js';
import { WarningText } from '../../components/WarningText.js';
import { formatProbability } from './weight-scale.js';

const TIMING_LABELS: Record<string, string> = {
  prepare: 'preparing',
  blocking: 'finding pairs',
  compare: 'comparing',
  trainU: 'learning (random pairs)',
  trainM: 'learning (likely matches)',
  trainPrior: 'learning (how common matches are)',
  score: 'scoring',
  cluster: 'grouping',
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">{children}</dd>
    </div>
  );
}

export function LatestRunSummary({ summary }: { summary: MatchingSummary }) {
  const run = summary.latest;
  return (
    <section className="section" aria-labelledby="results-heading">
      <h2 className="heading-m" id="results-heading">
        Latest results
      </h2>
      {run === null ? (
        <p className="body" data-testid="no-run">
          Matching has not been run yet, so every record is still its own person.
        </p>
      ) : (
        <>
          {summary.recordsSinceRun > 0 ? (
            <WarningText>
              {formatCount(summary.recordsSinceRun)} records were imported after run {run.run}. They join people and households when matching
              runs again.
            </WarningText>
          ) : null}
          <dl className="summary-list" data-testid="latest-run">
            <Row label="Run">
              Run {run.run}, finished {formatUkDateTime(run.finishedAt)}
            </Row>
            <Row label="Records">{formatCount(run.records)}</Row>
            <Row label="People">{formatCount(run.persons)}</Row>
            <Row label="Households">{formatCount(run.households)}</Row>
            <Row label="Pairs compared">{formatCount(run.candidatePairs)}</Row>
            <Row label="Pairs linked">
              {formatCount(run.matchedPairs)} with a match probability of {formatProbability(run.threshold)} or more
            </Row>
            <Row label="Decisions">
              {summary.decisions === 0 ? 'None yet' : `${formatCount(summary.decisions)} ${summary.decisions === 1 ? 'pair' : 'pairs'} decided by people, used in every run`}
            </Row>
            <Row label="Time taken">
              {run.timings.total !== undefined ? `${run.timings.total.toFixed(1)} seconds` : 'Not recorded'}
              <span className="matching-detail">
                {Object.entries(run.timings)
                  .filter(([step]) => step in TIMING_LABELS)
                  .map(([step, seconds]) => `${TIMING_LABELS[step]} ${seconds.toFixed(1)} s`)
                  .join(', ')}
              </span>
            </Row>
          </dl>
          {run.warnings.map((warning) => (
            <WarningText key={warning}>{warning}</WarningText>
          ))}
        </>
      )}
    </section>
  );
}
