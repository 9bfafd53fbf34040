import { useState } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { formatCount } from '../../components/format.js';
import { WarningText } from '../../components/WarningText.js';
import { useEngineValue } from './use-engine-value.js';

/** Comparisons per blocking rule and the largest blocks: the cost of a run before any scoring. */
export function BlockingSection() {
  const [fresh, setFresh] = useState(false);
  // the run's analysis is saved with it; a fresh one blocks every record again (seconds on a big store)
  const saved = useEngineValue('matching:blocking', { fresh: false });
  const now = useEngineValue('matching:blocking', fresh ? { fresh: true } : null);
  const { state } = fresh ? now : saved;
  return (
    <section className="section" aria-labelledby="blocking-heading">
      <h2 className="heading-m" id="blocking-heading">
        Which pairs are compared
      </h2>
      <p className="body">
        Comparing every record with every other would take too long, so matching only compares records that share something, such as a
        date of birth or a postcode and initial. Each rule below finds pairs; a pair is counted once, by the first rule that finds it.
      </p>
      {state.status === 'loading' ? (
        <p className="body" role="status">
          {fresh ? 'Analysing the records…' : 'Loading…'}
        </p>
      ) : state.status === 'failed' ? (
        <ErrorSummary title="The blocking analysis could not be made" errors={[{ message: state.message }]} />
      ) : state.value === null ? (
        <p className="body">No run yet.</p>
      ) : (
        <>
          <p className="body" data-testid="blocking-source">
            {state.value.run === null ? 'For the records as they are now' : `As run ${state.value.run} found them`}:{' '}
            {formatCount(state.value.totalComparisons)} pairs compared out of {formatCount(state.value.possibleComparisons)} possible pairs
            of {formatCount(state.value.records)} records.
          </p>
          {state.value.refused ? <WarningText>Matching would stop: {state.value.refused}</WarningText> : null}
          {state.value.narrowed.length > 0 ? (
            <p className="body">Narrowed because they would find too many pairs here: {state.value.narrowed.join('; ')}.</p>
          ) : null}
          {(state.value.capped ?? []).length > 0 ? (
            <p className="body" data-testid="blocking-capped">
              Capped because a few very large groups made most of their pairs: {(state.value.capped ?? []).join('; ')}.
            </p>
          ) : null}
          <div className="table-wrapper">
            <table className="table" data-testid="blocking-table">
              <caption className="visually-hidden">Pairs found by each blocking rule</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col" className="numeric">
                    Groups
                  </th>
                  <th scope="col" className="numeric">
                    Pairs in its groups
                  </th>
                  <th scope="col" className="numeric">
                    New pairs
                  </th>
                  <th scope="col">Largest group</th>
                </tr>
              </thead>
              <tbody>
                {state.value.rules.map((r) => {
                  const largest = r.largestBlocks[0];
                  return (
                    <tr key={r.rule}>
                      <th scope="row">
                        {r.rule}
                        {r.skippedBlocks.length > 0 ? (
                          <span className="matching-detail">
                            {formatCount(r.skippedBlocks.length)} groups too large to compare were skipped
                          </span>
                        ) : null}
                      </th>
                      <td className="numeric">{formatCount(r.blocks)}</td>
                      <td className="numeric">{formatCount(r.comparisons)}</td>
                      <td className="numeric">{formatCount(r.newComparisons)}</td>
                      <td>{largest ? `${formatCount(largest.records)} records (${largest.key})` : 'None'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {state.value.warnings.map((w) => (
            <p className="body" key={w}>
              {w}
            </p>
          ))}
        </>
      )}
      {!fresh ? (
        <>
          <p className="body">
            To see the pairs the next run would compare, including records imported since, analyse the records as they are now. On a
            large store this takes a few seconds; nothing is changed.
          </p>
          <button type="button" className="button button--secondary" onClick={() => setFresh(true)}>
            Analyse the records as they are now
          </button>
        </>
      ) : null}
    </section>
  );
}
